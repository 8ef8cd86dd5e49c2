"""A budget balances: the income table's 合计 equals the expenditure table's 合计."""

from __future__ import annotations

from .model import TOTAL_COLUMN, Context, Fact, Outcome, agree, cell, total_row

RULE = "income_equals_expenditure"


def check(facts: list[Fact], context: Context | None = None) -> list[Outcome]:
    if context is None or not context.is_budget:
        return []  # a final account's income and spending differ by the year-end balance
    income = cell(total_row(facts, "income"), TOTAL_COLUMN)
    spending = cell(total_row(facts, "expenditure"), TOTAL_COLUMN)
    if income is None or spending is None:
        return []
    return [agree(RULE, income, spending, "the expenditure table's 合计")]
