"""In a two-sided summary table, 收入总计 equals 支出总计."""

from __future__ import annotations

from ..model import Outcome
from ..tables.totals import summary_side
from .model import Context, agree

RULE = "two_sided_totals"
LABEL = "收支总计相等"
DESCRIPTION = "收支总表左右两侧的收入总计与支出总计相等"
POSITION = 50
COMPARES_TABLE_AMOUNTS = True


def check(ctx: Context) -> list[Outcome]:
    out: list[Outcome] = []
    for table in ("summary", "appropriation_summary"):
        income = [f for f in ctx.facts if f.table == table and summary_side(f.row_label) == "income"]
        spending = [f for f in ctx.facts if f.table == table and summary_side(f.row_label) == "expenditure"]
        if income and spending:
            out.append(agree(ctx, RULE, income[0], spending[0], "收入总计", "支出总计"))
    return out
