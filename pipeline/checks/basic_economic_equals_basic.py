"""The economic classification of basic expenditure adds up to the 基本支出 of the general
public budget expenditure table."""

from __future__ import annotations

from ..model import Outcome
from ..tables.totals import total_column_cell, total_row
from ..vocabulary import squash
from .model import Context, agree

RULE = "basic_economic_equals_basic"
LABEL = "经济分类与功能分类的基本支出相等"
DESCRIPTION = "基本支出经济分类表的合计等于一般公共预算支出表中的基本支出"
POSITION = 70
COMPARES_TABLE_AMOUNTS = True


def _is_basic(column: tuple[str, ...]) -> bool:
    """基本支出, or the 小计 under it."""
    levels = [squash(c) for c in column]
    if levels and levels[-1] == "小计":
        levels = levels[:-1]
    return bool(levels) and levels[-1].endswith("基本支出")


def check(ctx: Context) -> list[Outcome]:
    economic = total_column_cell(total_row(ctx.facts, "basic_expenditure_economic"))
    gpe_total = total_row(ctx.facts, "general_public_expenditure")
    basic = next((f for f in gpe_total if _is_basic(f.column)), None)
    if economic is None or basic is None:
        return []
    return [agree(ctx, RULE, economic, basic, "基本支出经济分类表合计", "一般公共预算支出表中的基本支出")]
