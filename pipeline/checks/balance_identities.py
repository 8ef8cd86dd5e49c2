"""收支平衡关系：收支总表、财政拨款收支总表每一侧，总计等于本年合计加上其后所列各行（上年结转、
结转下年、年末结转和结余……）：收入总计 = 本年收入合计 + 上年结转（结余）；支出总计 = 本年支出合计
+ 年终结转（结余）。

The lines between a side's year total and its grand total that name money carried in or out
(结转, 结余, 弥补 …) are what the grand total adds to the year; a row after such a line that
names none is one of its parts ((一)一般公共预算财政拨款), not another line. Where the year's
own breakdown is printed below it, the side is not compared (undecided, never guessed)."""

from __future__ import annotations

import re

from ..model import Fact, Outcome
from ..tables.comparable import document_phase
from ..tables.indicators import is_grand_row, is_year_row, side
from ..vocabulary import marker_of, squash
from .model import Context, compare, printed_in, rounding_tolerance, row_name

RULE = "balance_identities"
LABEL = "收支平衡关系"
DESCRIPTION = "总计等于本年收入（支出）合计加上年结转、结转下年等其后各行"
POSITION = 55
COMPARES_TABLE_AMOUNTS = True
# A line a side adds to its year's total: money carried in or out, a fund drawn on or paid up.
BALANCE = re.compile(r"结转|结余|弥补|提取|上缴|事业基金")


def _identity(ctx: Context, rows: list[Fact], grand: Fact) -> Outcome | None:
    same = sorted((f for f in rows if f.column == grand.column and f.row_number < grand.row_number),
                  key=lambda f: f.row_number)
    years = [f for f in same if is_year_row(f)]
    if not years:
        return None
    year = years[-1]
    between = [f for f in same if f.row_number > year.row_number and not f.row_code]
    if any(is_year_row(f) or is_grand_row(f) for f in between):
        return None  # another total stands between: not the layout this rule reads
    lines: list[Fact] = []
    for f in between:
        label = squash(f.row_label)
        if (label.startswith("其中") or marker_of(label) in ("（一）", "1.", "（1）")) and lines:
            continue  # 1.财政拨款结余、结转 under 上年结余、结转: a part of the line above
        if BALANCE.search(label):
            lines.append(f)
        elif not lines:
            return None  # the year's own breakdown printed below it (杭州): not the lines added to it
    # a row without such words after a line is one of its parts too ((一)一般公共预算财政拨款)
    names = "、".join(f"“{row_name(f)}”" for f in lines) or "（无其他行）"
    other = f"“{row_name(year)}”与{names}之和"
    for added in (lines, between):
        parts = [year.amount, *(f.amount for f in added)]
        if abs(grand.amount - sum(parts)) <= rounding_tolerance([grand.amount, *parts]):
            return compare(RULE, grand.table, grand, parts, other)
    return compare(RULE, grand.table, grand, [year.amount, *(f.amount for f in lines)], other)


def check(ctx: Context) -> list[Outcome]:
    own = printed_in(ctx, (document_phase(ctx.document_type),), {})
    out = []
    for table in ("summary", "appropriation_summary"):
        rows = own.by_table.get(table, [])
        for s in ("income", "expenditure"):
            mine = [f for f in rows if side(f) == s]
            grand = next((f for f in mine if is_grand_row(f) and f.measure == "total"), None)
            if grand is not None and (outcome := _identity(ctx, mine, grand)) is not None:
                out.append(outcome)
    return out
