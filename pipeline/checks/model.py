"""The plain data the rules work on and produce."""

from __future__ import annotations

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
