"""收入总表的财政拨款与财政拨款收支总表相符：收入总表合计行的财政拨款（一般公共预算、政府性基金预算、
国有资本经营预算各栏之和，或“财政拨款”一栏）等于财政拨款收支总表的本年收入合计；收入总表把上年结转
算在各栏内时，等于其收入总计。

The income table's appropriation is its total row's own 财政拨款 column where it prints one, else
the sum of its three budget columns (columns of carried-over money are not the year's: their
measure is `carryover`). Each candidate of the appropriation summary is tried; the first that
agrees passes, else the year's total is the one compared."""

from __future__ import annotations

from ..model import Fact, Outcome
from ..tables.comparable import APPROPRIATION_BUDGETS, document_phase, fund_of
from ..tables.indicators import is_grand_row, is_year_row, side
from ..vocabulary import OF_WHICH
from .model import Context, compare, elsewhere, in_unit_of, parts_of, printed_in, rounding_tolerance, row_name

RULE = "appropriation_income_matches_income"
LABEL = "收入总表与财政拨款收支总表的财政拨款相符"
DESCRIPTION = "收入总表合计行的财政拨款收入等于财政拨款收支总表的本年收入合计"
POSITION = 65
COMPARES_TABLE_AMOUNTS = True
SUBTOTAL = ("小计", "合计")


def _appropriation_cells(rows: list[Fact]) -> list[Fact]:
    """The income table's total row, its 财政拨款 cell or else its three budgets' cells."""
    total = [f for f in rows if is_grand_row(f) and side(f) == "income"]
    if not total:
        return []
    first = min(f.row_number for f in total)
    cells = [f for f in total if f.row_number == first]
    cells = [f for f in cells if not any(OF_WHICH.match(level) for level in f.column)]
    whole = [f for f in cells if f.measure == "appropriation" and fund_of(f.column) == "appropriation"]
    if whole:
        return whole[:1]
    by_fund: dict[str, Fact] = {}
    for f in cells:  # the fund's own column, not its sub-columns (一般公共预算拨款/小计 …)
        if f.measure in APPROPRIATION_BUDGETS and fund_of(f.column) == f.measure:
            by_fund.setdefault(f.measure, f)
    return list(by_fund.values())


def check(ctx: Context) -> list[Outcome]:
    own = printed_in(ctx, (document_phase(ctx.document_type),), {})
    cells = _appropriation_cells(own.by_table.get("income", []))
    summary = own.by_table.get("appropriation_summary", [])
    year = own.headline("appropriation_summary").get("appropriation_income")
    if not cells or year is None or year.table != "appropriation_summary":
        return []
    # the side's last total: 收入总计, or 收入合计 closing 一、本年收入 and 二、上年结转 (重庆)
    grand = sorted((f for f in summary if side(f) == "income" and (is_grand_row(f) or is_year_row(f))
                    and f.measure == "total" and f.row_number > year.row_number), key=lambda f: -f.row_number)
    amounts = [in_unit_of(year, c) for c in cells]
    names = [next((n for n in reversed(c.column) if n not in SUBTOTAL), c.column[-1]) for c in cells]
    columns = parts_of(names) if len(cells) > 1 else ""
    subject = f"{ctx.title_of('income')}“{row_name(cells[0])}”行的财政拨款{columns}"
    for candidate in (year, *grand[:1]):
        if abs(candidate.amount - sum(amounts)) <= rounding_tolerance([candidate.amount, *amounts]):
            return [compare(RULE, candidate.table, candidate, amounts, f"{subject}{elsewhere(ctx, cells[0])}",
                            f"财政拨款收支总表“{row_name(candidate)}”印刷")]
    return [compare(RULE, "appropriation_summary", year, amounts, f"{subject}{elsewhere(ctx, cells[0])}",
                    f"财政拨款收支总表“{row_name(year)}”印刷")]
