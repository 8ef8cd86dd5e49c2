"""Which printed row codes are real classification codes, and the code lists built from them.

The rule (by the code's shape, then by the table it is printed in):

- functional (支出功能分类科目): 3, 5 or 7 digits whose 类 is 201–239 (201 一般公共服务支出 …
  230 转移性支出 … 234), e.g. 201, 20103, 2010301;
- economic (支出经济分类科目): 3 or 5 digits whose 类 is a department economic class 301–313 or
  399 (部门预算支出经济分类: 301 工资福利支出, 302 商品和服务支出, 303 对个人和家庭的补助, 307,
  309, 310 资本性支出 …) or a government economic class 501–514 or 599 (政府预算支出经济分类), e.g.
  302, 30201, 50101, and the local sub-items some provinces print under them (重庆 3010201);
  joined pairs (3020150201) are codes of neither list;
- never a unit or department code: in a table that lists units (one document's table in which
  some row code has 6 digits, such as 126001 长沙市信访局 or 114001), the 6-digit codes and the
  3-digit department codes that begin them (114 above 114001) are the units' own codes, whatever
  their shape; the other codes of that table (a unit's 2010301 行政运行) are classification codes.

Everything else (income classification 1xx, unit codes, blanks, words) is no classification.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

FUNCTIONAL = re.compile(r"^2(?:0[1-9]|[12]\d|3\d)(?:\d{2}){0,2}$")
ECONOMIC = re.compile(r"^(?:30[1-9]|31[0-3]|399|50[1-9]|51[0-4]|599)(?:\d{2}){0,2}$")
UNIT_CODE = re.compile(r"^\d{6}$")
LEVELS = {3: "类", 5: "款", 7: "项"}


def code_level(code: str) -> int | None:
    """A classification code's level by its length: 1 类 (201), 2 款 (20103), 3 项 (2010301);
    None for any other code. The one place a code's length says its level."""
    return {3: 1, 5: 2, 7: 3}.get(len(code)) if code.isdigit() else None


def unit_codes(codes: Iterable[str]) -> set[str]:
    """The codes of one document's table that name units: 6-digit codes and their 3-digit heads."""
    units = {c for c in codes if UNIT_CODE.match(c)}
    return units | {c[:3] for c in units}


def classify(code: str, units: Collection[str] = frozenset()) -> str:
    """functional, economic or '' for a row code (units: unit_codes() of the code's table)."""
    if code in units:
        return ""
    if FUNCTIONAL.match(code):
        return "functional"
    if ECONOMIC.match(code):
        return "economic"
    return ""


COFOG_PATH = Path(__file__).with_name("cofog.toml")
# 2018 reformed both code lists (政府预算支出经济分类 introduced; 30311 住房公积金 became 30113, 2080504
# split): a code's meaning depends on the years it was printed in
REFORM_YEAR = 2018


@lru_cache(maxsize=1)
def cofog_divisions() -> dict[str, str]:
    """Functional 类 → COFOG division (cofog.toml: a documented mapping, not an official one)."""
    return dict(tomllib.loads(COFOG_PATH.read_text(encoding="utf-8"))["divisions"])


def cofog_of(code: str) -> str:
    """The COFOG division of a functional code, by its 类; '' where the mapping has none."""
    return cofog_divisions().get(code[:3], "")


def versions_of(years: Iterable[int]) -> str:
    """The classification versions a code was printed under: until_2017, from_2018 or both."""
    found = {"until_2017" if y < REFORM_YEAR else "from_2018" for y in years}
    return " ".join(v for v in ("until_2017", "from_2018") if v in found)


def economic_scheme(code: str) -> str:
    """department (部门预算支出经济分类, 3xx) or government (政府预算支出经济分类, 5xx)."""
    return "government" if code.startswith("5") else "department"


@dataclass
class CodeList:
    """Codes of one classification as printed across the corpus: names and fiscal years."""

    names: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    years: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))

    def add(self, code: str, name: str, fiscal_year: int) -> None:
        self.names[code][" ".join(name.split())] += 1
        self.years[code].add(fiscal_year)

    def rows(self, with_scheme: bool = False, with_cofog: bool = False) -> list[dict[str, str]]:
        """One row per code, sorted; the name is the one printed most often (first seen on ties)."""
        out = []
        for code in sorted(self.names):
            years = sorted(self.years[code])
            row = {
                "code": code,
                "name": self.names[code].most_common(1)[0][0],
                "level": LEVELS.get(len(code), ""),
                "parent": code[:-2] if len(code) > 3 and code[:-2] in self.names else "",
                "occurrences": str(sum(self.names[code].values())),
                "first_year": str(years[0]),
                "last_year": str(years[-1]),
                "fiscal_years": " ".join(map(str, years)),
                "versions": versions_of(years),
            }
            if with_cofog:
                row["cofog"] = cofog_of(code)
            if with_scheme:
                row["scheme"] = economic_scheme(code)
            out.append(row)
        return out
