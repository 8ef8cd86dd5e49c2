"""金额不为负数：报表中的预算数、决算数不应为负数；增减变化栏（比上年增减、差额）除外。

A negative amount in a column of levels is a sign printed by mistake, or a figure that belongs
in a change column: a warning pointing at the cell. Columns of changes (comparable.py's measure
`change`: 增减变化, 比上年增减, 差额) are left out."""

from __future__ import annotations

from decimal import Decimal

from ..amounts import format_amount
from ..model import Finding, Outcome
from ..vocabulary import squash
from .model import Context

RULE = "amounts_not_negative"
LABEL = "金额不为负数"
DESCRIPTION = "报表中的预算数、决算数不为负数（增减变化栏除外）"
POSITION = 75
CHANGE_WORDS = ("增减", "变化", "变动", "差额", "比上年", "较上年")


def check(ctx: Context) -> list[Outcome]:
    out = []
    for f in ctx.facts:
        if f.amount >= 0 or f.measure == "change" or any(w in squash(f.column_text) for w in CHANGE_WORDS):
            continue
        cell = " ".join(x for x in (f.row_label, f.column_text) if x)
        message = (f"{ctx.title_of(f.table)}“{cell}”（第 {f.page} 页）印为 {format_amount(f.amount)} {f.unit}："
                   "预算数、决算数不应为负数，请核对符号或所在栏目。")
        out.append(Outcome(RULE, False, Finding(RULE, "warning", f.table, f.row_code, f.row_label, f.column, f.page,
                                                f.amount, Decimal(0), f.amount, message, f.box)))
    if not out and ctx.facts:
        out.append(Outcome(RULE, True))  # every amount of the tables looked at once
    return out
