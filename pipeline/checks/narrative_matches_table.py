"""Each amount the 情况说明 states that a table also prints equals it.

Where the words could mean several tables, agreeing with any of them passes, and disagreeing
with all of them is a warning (the text may speak of a part the tables do not print). A figure
the text rounds in its own unit (8,695.94 万元 for 86,959,408.34 元) is a rounding warning
(ROUNDING_WORDS: how the site tells a 尾差 from this rule's other warnings).
The headline figures text_matches_table reads (vocabulary [[text_figure]]) are left to it."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from decimal import Decimal

from ..amounts import format_amount
from ..model import Fact, Outcome
from ..tables.totals import is_whole_table_total
from ..text.figures import target_of
from ..text.narrative import Figure
from ..text.statements import topic_of
from ..vocabulary import UNIT_FACTORS, squash
from .model import ROUNDING, Context, compare, rounding_tolerance

RULE = "narrative_matches_table"
LABEL = "文字与报表相符"
DESCRIPTION = "情况说明中提到的金额与报表中的对应金额一致"
POSITION = 110
# The words of a rounding warning: the text gives the table's figure rounded to its own unit.
ROUNDED_IN_TEXT = "文字中的数是报表数的约数"
# A warning of this rule is a rounding difference (尾差) where its message has one of these: the
# text rounds the table's figure, or the two differ by no more than their printed digits allow.
# Its other warnings are words that may mean several table cells.
ROUNDING_WORDS = (ROUNDED_IN_TEXT, ROUNDING)
SPENDING = {"expenditure", "general_public_expenditure", "appropriation_summary", "gov_fund_expenditure"}


def _group_leaf(column: tuple[str, ...]) -> str:
    """The column's lowest level, or the level above a 小计/合计 column."""
    if len(column) > 1 and column[-1] in ("小计", "合计"):
        column = column[:-1]
    return squash(column[-1]) if column else ""


def _pick(facts: Sequence[Fact], tables: set[str], row: Callable[[str], bool], leaf: str | None = None) -> list[Fact]:
    """Facts of these tables in rows `row` accepts, in columns whose group leaf matches `leaf`."""
    return [f for f in facts if f.table in tables and row(squash(f.row_label))
            and (leaf is None or re.search(leaf, _group_leaf(f.column)))]


def candidates(subject: str, facts: Sequence[Fact]) -> tuple[list[Fact], bool]:
    """Table facts a narrative subject may name, and whether the naming is unambiguous.

    收入总计 / 支出总计 name the summary table's totals. Other words (基本支出, a 类 such as
    卫生健康支出) are used for the whole budget in one section and for the general public budget
    or the 财政拨款 in another, so every table printing them is a candidate."""
    s = re.sub(r"\s+", "", subject)
    if re.search(r"收入总计$", s):
        return _pick(facts, {"summary"}, lambda x: x == "收入总计")[:1], True
    if re.search(r"支出总计$", s):
        return _pick(facts, {"summary"}, lambda x: x == "支出总计")[:1], True
    if re.fullmatch(r"(一般公共预算)?(安排)?(基本支出|项目支出)", s):
        leaf = "基本支出" if s.endswith("基本支出") else "项目支出"
        return _pick(facts, SPENDING, is_whole_table_total, f"^{leaf}$"), False
    if s in ("人员经费", "公用经费"):
        return _pick(facts, {"basic_expenditure_economic", "general_public_expenditure", "expenditure"},
                     is_whole_table_total, f"^{s}$"), False
    if re.match(r"^机关运行经费", s):
        return _pick(facts, {"operating_costs", "three_public"},
                     lambda x: is_whole_table_total(x) or "机关运行经费" in x), False
    named = [f for f in facts if f.table in SPENDING | {"summary"}
             and re.sub(r"^[一二三四五六七八九十]+、", "", squash(f.row_label)) == s
             and (len(f.row_code) == 3 or not f.row_code)]
    return named, False


def _said(ctx: Context, fig: Figure, f: Fact) -> str:
    """'情况说明称“卫生健康支出”为 260.00 万元，2026年支出总表“卫生健康支出 预算数”（第 10 页）为 264.46 万元'."""
    cell = " ".join(x for x in (f.row_label, f.column_text) if x)
    return (f"情况说明称“{fig.subject}”为 {format_amount(fig.figure)} {fig.unit}，"
            f"{ctx.title_of(f.table)}“{cell}”（第 {f.page} 页）为 {format_amount(f.amount)} {f.unit}")


def _compare(ctx: Context, fig: Figure, f: Fact) -> Outcome:
    scale = Decimal(UNIT_FACTORS[fig.unit]) / f.factor
    printed = Decimal(fig.figure) * scale
    stated = Fact("narrative", "", fig.subject, (f"{fig.section}：{fig.subject}",), printed, page=fig.page)
    outcome = compare(RULE, "narrative", stated, [f.amount], "")
    if outcome.finding is None:
        return outcome
    said = _said(ctx, fig, f)
    places = len(fig.figure.partition(".")[2])
    slack = Decimal(5).scaleb(-places - 1) * scale + rounding_tolerance([f.amount])
    if not outcome.passed and abs(outcome.finding.difference) <= slack:
        return Outcome(RULE, True, dataclasses.replace(outcome.finding, severity="warning",
                                                       message=f"{said}；{ROUNDED_IN_TEXT}。"))
    difference = f"，相差 {format_amount(outcome.finding.difference)} {f.unit}"
    rounding = f"，{ROUNDING}" if outcome.passed else ""
    return dataclasses.replace(outcome, finding=dataclasses.replace(
        outcome.finding, message=f"{said}{difference}{rounding}。"))


def check(ctx: Context) -> list[Outcome]:
    out = []
    for fig in ctx.figures:
        if fig.unit not in UNIT_FACTORS or target_of(topic_of(fig.subject, ctx.fiscal_year).topic) is not None:
            continue
        found, exact = candidates(fig.subject, ctx.facts)
        if not found:
            continue
        tries = [_compare(ctx, fig, f) for f in found]
        outcome = next((o for o in tries if o.passed), tries[0])
        if not outcome.passed and not exact and outcome.finding is not None:
            others = f"也可能是另外 {len(tries) - 1} 处金额" if len(tries) > 1 else "可能不是这一金额"
            message = f"{_said(ctx, fig, found[0])}；文字所指{others}，未能确定。"
            outcome = Outcome(RULE, False, dataclasses.replace(outcome.finding, severity="warning", message=message))
        out.append(outcome)
    return out
