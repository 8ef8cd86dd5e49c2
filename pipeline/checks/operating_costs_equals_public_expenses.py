"""机关运行经费 equals the 公用经费 of basic expenditure, where the document's own glossary
defines 机关运行经费 as that 公用经费."""

from __future__ import annotations

from ..model import Outcome
from ..tables.totals import total_column_cell, total_row
from ..vocabulary import squash
from .model import Context, agree

RULE = "operating_costs_equals_public_expenses"
LABEL = "机关运行经费等于公用经费"
DESCRIPTION = "机关运行经费等于基本支出表中的公用经费"
POSITION = 90
COMPARES_TABLE_AMOUNTS = True


def check(ctx: Context) -> list[Outcome]:
    definition = next((d for t, d in ctx.glossary.items() if "机关运行经费" in t), "")
    if "公用经费" not in definition:
        return []
    operating = total_column_cell(total_row(ctx.facts, "operating_costs"))
    public = next((f for f in total_row(ctx.facts, "basic_expenditure_economic")
                   if squash(f.leaf) in ("公用经费", "日常公用支出")), None)
    if operating is None or public is None:
        return []
    return [agree(ctx, RULE, operating, public, "机关运行经费", "基本支出表中的公用经费")]
