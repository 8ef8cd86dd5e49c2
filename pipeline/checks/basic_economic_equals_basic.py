"""The economic classification of basic expenditure adds up to the 基本支出 of the general
public budget expenditure table."""

from __future__ import annotations

import re

from .model import TOTAL_COLUMN, Context, Fact, Outcome, agree, cell, total_row

RULE = "basic_economic_equals_basic"


def check(facts: list[Fact], context: Context | None = None) -> list[Outcome]:
    economic = cell(total_row(facts, "basic_expenditure_economic"), TOTAL_COLUMN)
    gpe_total = total_row(facts, "general_public_expenditure")
    basic = next((f for f in gpe_total if re.search(r"基本支出(/小计)?$", f.column.replace(" ", ""))), None)
    if economic is None or basic is None:
        return []
    return [agree(RULE, economic, basic, "基本支出 of the general public budget expenditure table")]
