"""收支总表与收入总表、支出总表相符：收入总表的合计等于收支总表的本年收入合计（收入总表把上年结转
算在合计内时，等于收入总计）；支出总表的合计等于收支总表的本年支出合计（或支出总计）。

Each figure is the document's own headline figure read from that table alone (indicators.py),
in the document's own phase and year; the two tables may print different units."""

from __future__ import annotations

from ..model import Outcome
from ..tables.comparable import document_phase
from .model import Context, agree_with_one, printed_in, row_name

RULE = "summary_matches_tables"
LABEL = "收支总表与收入、支出总表相符"
DESCRIPTION = "收入总表、支出总表的合计等于收支总表的本年收入合计、本年支出合计"
POSITION = 62
COMPARES_TABLE_AMOUNTS = True

# (table, its total, the summary's figures it may equal, in order)
PAIRS = (("income", "income_total", ("income_current_year", "income_total")),
         ("expenditure", "expenditure_total", ("expenditure_current_year", "expenditure_total")))


def check(ctx: Context) -> list[Outcome]:
    own = printed_in(ctx, (document_phase(ctx.document_type),), {})
    summary = own.headline("summary")
    out = []
    for table, name, names in PAIRS:
        fact = own.headline(table).get(name)
        shown = [summary[n] for n in names if n in summary and summary[n].table == "summary"]
        if fact is None or fact.table != table or not shown:
            continue
        out.append(agree_with_one(ctx, RULE, fact, shown, f"{ctx.title_of(table)}“{row_name(fact)}”印刷",
                                  lambda s: f"收支总表“{row_name(s)}”"))
    return out
