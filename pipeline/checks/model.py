"""The plain data the rules work on and produce."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Fact:
    table: str
    row_code: str
    row_label: str
    column: str
    amount: Decimal
    page: int
    row_number: int
    level: int | None = None  # 0 合计, 1 类, 2 款, 3 项 (hierarchy.py)
    parent_row: int | None = None  # row_number of the parent row, 0 for none


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str  # error | warning
    table: str
    row_code: str
    row_label: str
    column: str
    page: int
    printed: Decimal
    expected: Decimal
    difference: Decimal
    message: str


@dataclass(frozen=True)
class Context:
    """What cross-table rules need to know about the document besides its facts."""

    document_type: str = ""
    glossary: dict[str, str] | None = None

    @property
    def is_budget(self) -> bool:
        return self.document_type.endswith("budget")


@dataclass(frozen=True)
class Outcome:
    rule: str
    passed: bool
    finding: Finding | None = None


def decimals(d: Decimal) -> int:
    exp = d.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def rounding_tolerance(amounts: list[Decimal]) -> Decimal:
    """Each printed amount may be off by half its own last printed digit (0.005 for 52.37,
    0.5 for 22,118,861); the tolerance of a sum is the sum of those halves."""
    return sum((Decimal(5).scaleb(-decimals(a) - 1) for a in amounts), Decimal(0))


def compare(rule: str, table: str, fact: Fact, parts: list[Decimal], what: str) -> Outcome:
    """Printed total against the sum of its parts, with rounding tolerance."""
    expected = sum(parts, Decimal(0))
    diff = fact.amount - expected
    if diff == 0:
        return Outcome(rule, True)
    tol = rounding_tolerance([fact.amount, *parts])
    within = abs(diff) <= tol
    severity = "warning" if within else "error"
    note = "rounding difference (尾差) within tolerance" if within else "does not add up"
    finding = Finding(
        rule=rule, severity=severity, table=table, row_code=fact.row_code, row_label=fact.row_label,
        column=fact.column, page=fact.page, printed=fact.amount, expected=expected, difference=diff,
        message=f"{fact.row_label or fact.row_code} = {fact.amount}, but {what} = {expected}: {note}",
    )
    return Outcome(rule, within, finding)


TOTAL_LABEL = re.compile(r"^(合计|总计|部门合计|本年支出合计|本年收入合计|支出合计|收入合计)$")
TOTAL_COLUMN = re.compile(r"^(合计|总计|小计|本年收入合计|本年支出合计|支出总计|收入总计)$")


def group_by_table(facts: list[Fact], keep=None) -> dict[str, list[Fact]]:
    """Facts per table, in order, optionally only those `keep` accepts."""
    out: dict[str, list[Fact]] = {}
    for f in facts:
        if keep is None or keep(f):
            out.setdefault(f.table, []).append(f)
    return out


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def total_row(facts: list[Fact], table: str) -> list[Fact]:
    """The cells of a table's 合计 row (the first, when a table prints several)."""
    rows = [f for f in facts if f.table == table and not f.row_code and TOTAL_LABEL.match(squash(f.row_label))]
    if not rows:
        return []
    first = min(f.row_number for f in rows)
    return [f for f in rows if f.row_number == first]


def cell(cells: list[Fact], leaf: re.Pattern) -> Fact | None:
    """The first cell whose column's last header level matches."""
    found = [f for f in cells if leaf.match(squash(f.column.split("/")[-1]))]
    return found[0] if found else None


def agree(rule: str, a: Fact, b: Fact, what: str) -> Outcome:
    """Two printed amounts that must be equal."""
    return compare(rule, a.table, a, [b.amount], f"{what} ({b.table}, page {b.page})")
