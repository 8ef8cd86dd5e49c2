"""财政拨款收支总表与一般公共预算支出表相符：一般公共预算支出表的合计等于财政拨款收支总表中的一般公共
预算支出（本年）。

Each figure is the document's own headline figure read from that table alone (indicators.py),
in the document's own phase and year."""

from __future__ import annotations

from ..model import Outcome
from ..tables.comparable import document_phase
from .model import Context, agree_with_one, printed_in, row_name

RULE = "appropriation_matches_tables"
LABEL = "财政拨款收支总表与一般公共预算支出表相符"
DESCRIPTION = "一般公共预算支出表的合计等于财政拨款收支总表中的一般公共预算支出"
POSITION = 64
COMPARES_TABLE_AMOUNTS = True


def check(ctx: Context) -> list[Outcome]:
    own = printed_in(ctx, (document_phase(ctx.document_type),), {})
    name = "general_public_budget_expenditure"
    fact = own.headline("general_public_expenditure").get(name)
    summary = own.headline("appropriation_summary").get(name)
    if fact is None or summary is None or summary.table != "appropriation_summary" \
            or fact.table != "general_public_expenditure":
        return []
    return [agree_with_one(ctx, RULE, fact, [summary], f"{ctx.title_of(fact.table)}“{row_name(fact)}”印刷",
                           lambda s: f"财政拨款收支总表“{row_name(s)}”")]
