"""文字所述占比：情况说明逐项列出的金额及其“占X%”，按所列各项金额之和重新计算，应在印刷位数允许的
范围内相符。

A list such as '一般公共服务支出10685.56万元，占比73.33%；教育支出180.03万元，占比1.24%；…' states
each part and its share of the whole; where the shares it states add up to 100% (so the parts
are the whole, by the document's own words), each share is the part over their sum. A share
printed with k decimals may be off by its own rounding and one more last digit (a list whose
shares were forced to add up to 100); further off is an error. A share of a whole the sentence
names but does not list ('占本年支出合计的94.24%', '占“三公”经费的50.00%') is recomputed from that
whole as the tables print it (the headline figure its name stands for, vocabulary [[text_figure]]):
agreeing with any table's figure of that name passes; disagreeing with the one figure it can be is
an error, with several (本年支出 of the whole budget or of the 财政拨款) a warning. A whole the
tables do not print, or a name that is not a headline figure, is counted as undecided (未核对),
never as passed."""

from __future__ import annotations

import re
from decimal import Decimal

from ..amounts import format_amount
from ..model import Fact, Outcome
from ..tables.comparable import document_phase
from ..text.figures import target_of
from ..text.sentences import Sentence, quote
from ..text.statements import Amount, amounts, topic_of
from .model import Context, Printed, printed_in, sentence_finding
from .spans import Span

RULE = "text_shares"
LABEL = "文字所述占比"
DESCRIPTION = "情况说明所写“占X%”与所涉金额相符（逐项列出的按各项之和，点名总数的按报表所印该数）"
POSITION = 165
# the words between a part's amount and its share: '，占', '，占比', '占' (nothing else: '占总支出'
# names a whole the list does not give)
SHARE_OF_LIST = re.compile(r"^\s*[，,]?\s*(?:约)?占(?:比)?(?:为|约)?\s*$")
SHARE_NAMED = re.compile(r"^\s*[，,]?\s*(?:约)?占(?P<whole>\S{1,20}?)的?(?:比[重例])?(?:为|约)?\s*$")
# a whole's name as the headline figures know it: '部门（单位）项目支出总额' → 项目支出
WHOLE_SCOPE = re.compile(r"^(?:本?部门|本?单位)?(?:[（(](?:部门|单位)[）)])?")
WHOLE_SUFFIX = re.compile(r"(?:总额|合计|金额|总计|预算数?|决算数?)$")
THIS_YEAR = re.compile(r"^(?:本年|当年|本年度)")
# the tables a headline figure may be read from alone: the whole budget, or the 财政拨款 only
WHOLE_TABLES = (None, "summary", "appropriation_summary", "income", "expenditure", "general_public_expenditure",
                "three_public")
HUNDRED = Decimal(100)


def _pairs(s: Sentence, found: list[Amount]) -> tuple[list[tuple[Amount, Amount]], list[tuple[Amount, Amount, str]]]:
    """(part, its share) where the share follows the part in the list's way, and (part, share,
    the whole's name) where the share names a whole of its own."""
    pairs, named = [], []
    for a, p in zip(found, found[1:], strict=False):
        if not (a.is_money and p.unit == "%"):
            continue
        between = s.text[a.end:p.start]
        if SHARE_OF_LIST.match(between):
            pairs.append((a, p))
        elif m := SHARE_NAMED.match(between):
            named.append((a, p, m.group("whole")))
    return pairs, named


def named_wholes(name: str, printed: Printed, year: int | None) -> list[Fact]:
    """The table figures a whole's name may stand for, one per distinct amount."""
    if topic_of(name, year).other_year:
        return []  # '占2025年支出总额的40%': another year's whole
    bare = WHOLE_SUFFIX.sub("", WHOLE_SCOPE.sub("", name.strip("“”\"")))
    this_year = bool(THIS_YEAR.match(bare))
    bare = THIS_YEAR.sub("", bare).removeprefix("总")
    target = target_of(topic_of(bare, year).topic) if bare else None
    if target is None:
        return []
    names = [n for n in target.indicators if not this_year or not n.endswith("_total") or
             f"{n.removesuffix('_total')}_current_year" not in target.indicators]
    out: dict[Decimal, Fact] = {}
    for table in WHOLE_TABLES:
        for n in names:
            if (f := printed.headline(table).get(n)) is not None:
                out.setdefault(f.amount * f.factor, f)
    return list(out.values())


def _share_of_named(ctx: Context, s: Sentence, a: Amount, p: Amount, name: str, printed: Printed) -> Outcome:
    other_phase = "决算" if ctx.is_budget else "预算"
    # the other phase's whole ('占“三公”经费预算的30%' in a final account) is not what the tables print here
    wholes = [] if other_phase in name else named_wholes(name, printed, ctx.fiscal_year)
    shares = [Span.of(a).percent_of(Span.of_printed(f.amount, f.factor)) for f in wholes]
    if not wholes or any(x is None for x in shares):
        return Outcome(RULE, False, decided=False)
    if any(x is not None and x.meets(_widened(p)) for x in shares):
        return Outcome(RULE, True)
    w, share = wholes[0], shares[0]
    assert share is not None
    said = f"第{s.page_at(a.start)}页“{quote(s, a.start, p.end)}”"
    where = f"{ctx.title_of(w.table)}第 {w.page} 页印“{w.row_label}”为 {format_amount(w.amount)}{w.unit}"
    maybe = "；文字所指的总数也可能是另外一处，未能确定" if len(wholes) > 1 else ""
    return Outcome(RULE, False, sentence_finding(
        RULE, "error" if len(wholes) == 1 else "warning", s, offset=p.start, printed=p.value,
        expected=(share.lo + share.hi) / 2, label=LABEL,
        message=f"{said}：{where}，{a.printed}{a.unit}占其{share.text()}%，文字写{p.printed}%{maybe}。"))


def _widened(p: Amount) -> Span:
    """The share as printed: its rounding, and one more last digit either way."""
    span = Span.of(p, cut=True)
    step = 2 * p.half_step
    return Span(span.lo - step, span.hi + step)


def check(ctx: Context) -> list[Outcome]:
    out: list[Outcome] = []
    memo: dict[tuple[str, ...], Printed] = {}
    for s in ctx.sentences:
        if s.kind != "text":
            continue
        pairs, named = _pairs(s, amounts(s.text))
        if named:
            printed = printed_in(ctx, (document_phase(ctx.document_type),), memo)
            out += [_share_of_named(ctx, s, a, p, name, printed) for a, p, name in named]
        if len(pairs) < 2:
            out += [Outcome(RULE, False, decided=False)] * len(pairs)
            continue
        stated = sum((p.value for _, p in pairs), Decimal(0))
        if not Decimal(99) <= stated <= Decimal(101):  # the parts listed are not said to be the whole
            out += [Outcome(RULE, False, decided=False)] * len(pairs)
            continue
        whole = Span(Decimal(0), Decimal(0))
        for a, _ in pairs:
            whole = whole + Span.of(a)
        for a, p in pairs:
            share = Span.of(a).percent_of(whole)
            if share is None or share.meets(_widened(p)):
                out.append(Outcome(RULE, share is not None, decided=share is not None))
                continue
            parts = "、".join(f"{x.printed}{x.unit}" for x, _ in pairs)
            said = f"第{s.page_at(a.start)}页“{quote(s, a.start, p.end)}”"
            out.append(Outcome(RULE, False, sentence_finding(
                RULE, "error", s, offset=p.start, printed=p.value, expected=(share.lo + share.hi) / 2, label=LABEL,
                message=f"{said}：所列各项（{parts}）之和中，{a.printed}{a.unit}占{share.text()}%，文字写{p.printed}%。")))
    return out
