"""A budget balances: the income table's 合计 equals the expenditure table's 合计."""

from __future__ import annotations

from ..model import Outcome
from ..tables.totals import total_column_cell, total_row
from .model import Context, agree

RULE = "income_equals_expenditure"
LABEL = "收入表与支出表合计相等"
DESCRIPTION = "收入总表与支出总表的合计相等"
POSITION = 60
COMPARES_TABLE_AMOUNTS = True


def check(ctx: Context) -> list[Outcome]:
    if not ctx.is_budget:
        return []  # a final account's income and spending differ by the year-end balance
    income = total_column_cell(total_row(ctx.facts, "income"))
    spending = total_column_cell(total_row(ctx.facts, "expenditure"))
    if income is None or spending is None:
        return []
    return [agree(ctx, RULE, income, spending, "收入表合计", "支出表合计")]
