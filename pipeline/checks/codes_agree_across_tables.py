"""同一科目在各表中的金额一致：只有一般公共预算一种资金时（支出总表的合计等于一般公共预算支出表的
合计），支出总表与一般公共预算支出表中同一功能分类科目的合计金额相等。

Each code's amount is the one its table prints once in its total column (indicators.by_code);
a code printed more than once in a table (per-unit blocks) is not compared."""

from __future__ import annotations

from ..model import Outcome
from ..tables.comparable import document_phase
from ..tables.indicators import by_code
from .model import Context, agree_with_one, printed_in, rounding_tolerance

RULE = "codes_agree_across_tables"
LABEL = "同一科目各表金额一致"
DESCRIPTION = "只有一般公共预算资金时，支出总表与一般公共预算支出表中同一科目的金额相等"
POSITION = 66
COMPARES_TABLE_AMOUNTS = True


def check(ctx: Context) -> list[Outcome]:
    own = printed_in(ctx, (document_phase(ctx.document_type),), {})
    spending = own.headline("expenditure").get("expenditure_total")
    general = own.headline("general_public_expenditure").get("general_public_budget_expenditure")
    if spending is None or general is None or spending.table != "expenditure" \
            or general.table != "general_public_expenditure":
        return []
    whole = spending.amount * spending.factor
    if abs(whole - general.amount * general.factor) > rounding_tolerance([spending.amount]) * spending.factor:
        return []  # other funds pay for part of the spending: the two tables may differ by code
    gpb = dict(by_code(own.facts, "general_public_expenditure", "functional"))
    out = []
    for code, fact in by_code(own.facts, "expenditure", "functional"):
        other = gpb.get(code)
        if other is not None:
            out.append(agree_with_one(ctx, RULE, fact, [other], f"支出总表科目“{code} {fact.row_label}”印刷",
                                      lambda o: "一般公共预算支出表同一科目"))
    return out
