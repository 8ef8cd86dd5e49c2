"""同一科目在各表中的金额一致：只有一般公共预算一种资金时（支出总表的合计等于一般公共预算支出表的
合计），支出总表与一般公共预算支出表中同一功能分类科目的合计金额相等；预算的收入总表按科目列出时，
若其合计等于支出总表的合计（收入全部用于当年支出），两表中同一科目的金额相等。

A final account's income and expenditure tables are not paired: the year's income and spending
of one code differ by what is carried over, even where the totals happen to agree.

Each code's amount is the one its table prints once in its total column (indicators.by_code);
a code printed more than once in a table (per-unit blocks) is not compared."""

from __future__ import annotations

from collections.abc import Callable

from ..model import Fact, Outcome
from ..tables.comparable import document_phase
from ..tables.indicators import by_code
from .model import Context, agree_with_one, printed_in, rounding_tolerance

RULE = "codes_agree_across_tables"
LABEL = "同一科目各表金额一致"
DESCRIPTION = ("只有一般公共预算资金时支出总表与一般公共预算支出表、收支相等的预算中收入总表与支出总表，"
               "同一科目的金额相等")
POSITION = 66
COMPARES_TABLE_AMOUNTS = True


# (table, its whole, the other table, its whole, how a message names each, budgets only)
PAIRS = (("expenditure", "expenditure_total", "general_public_expenditure", "general_public_budget_expenditure",
          "支出总表", "一般公共预算支出表", False),
         ("income", "income_total", "expenditure", "expenditure_total", "收入总表", "支出总表", True))


def _same(a: Fact, b: Fact) -> bool:
    return abs(a.amount * a.factor - b.amount * b.factor) <= rounding_tolerance([a.amount]) * a.factor


def _same_code_in(table_name: str) -> Callable[[Fact], str]:
    return lambda _: f"{table_name}同一科目"


def check(ctx: Context) -> list[Outcome]:
    own = printed_in(ctx, (document_phase(ctx.document_type),), {})
    out = []
    for table, whole, other_table, other_whole, name, other_name, budgets_only in PAIRS:
        if budgets_only and not ctx.is_budget:
            continue
        mine = own.headline(table).get(whole)
        theirs = own.headline(other_table).get(other_whole)
        if mine is None or theirs is None or mine.table != table or theirs.table != other_table \
                or not _same(mine, theirs):
            continue  # other funds (or carried-over money) pay for part: the tables may differ by code
        others = dict(by_code(own.facts, other_table, "functional"))
        for code, fact in by_code(own.facts, table, "functional"):
            if (other := others.get(code)) is not None:
                out.append(agree_with_one(ctx, RULE, fact, [other], f"{name}科目“{code} {fact.row_label}”印刷",
                                          _same_code_in(other_name)))
    return out
