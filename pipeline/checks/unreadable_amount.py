"""An amount cell whose text does not read as an amount (4O.00, l00.00, 12.3.4, 1,0000.00) is
reported where it is printed; the pipeline never guesses what it says, and any sum it belongs to
says so (see `note_unreadable`)."""

from __future__ import annotations

from decimal import Decimal

from ..model import Finding, Outcome
from .model import Context

RULE = "unreadable_amount"
LABEL = "无法识读的金额"
DESCRIPTION = "每个金额格的文字都能读作金额"
POSITION = 210


def check(ctx: Context) -> list[Outcome]:
    return [Outcome(RULE, False, Finding(
        RULE, "warning", c.table, c.row_code, c.row_label, c.column, c.page, Decimal(0), Decimal(0), Decimal(0),
        f"金额无法识别：“{c.text}”（未计入任何加总）。")) for c in ctx.unreadable]


def note_unreadable(outcome: Outcome, ctx: Context) -> Outcome:
    """A failed comparison in a row or column holding an unreadable amount names that cell: the sum
    may fail only because the cell could not be read."""
    f = outcome.finding
    if outcome.passed or f is None or f.rule == RULE:
        return outcome
    near = [c for c in ctx.unreadable if c.table == f.table and (c.column == f.column or c.row_label == f.row_label)]
    if not near:
        return outcome
    cells = "、".join(f"“{c.text}”（{' '.join(x for x in (f'第 {c.page} 页', c.row_label) if x)}）" for c in near[:3])
    message = f"{f.message.rstrip('。')}；同表有无法识别的金额{cells}，可能因此不符。"
    return Outcome(outcome.rule, outcome.passed, Finding(**{**f.__dict__, "message": message}))
