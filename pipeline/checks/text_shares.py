"""文字所述占比：情况说明逐项列出的金额及其“占X%”，按所列各项金额之和重新计算，应在印刷位数允许的
范围内相符。

A list such as '一般公共服务支出10685.56万元，占比73.33%；教育支出180.03万元，占比1.24%；…' states
each part and its share of the whole; where the shares it states add up to 100% (so the parts
are the whole, by the document's own words), each share is the part over their sum. A share
printed with k decimals may be off by its own rounding and one more last digit (a list whose
shares were forced to add up to 100); further off is an error. A share of a whole the sentence
names but does not list ('占总支出94.24%') cannot be recomputed from the words: it is counted as
undecided (未核对), never as passed."""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import Outcome
from ..text.sentences import Sentence, quote
from ..text.statements import Amount, amounts
from .model import Context, sentence_finding
from .spans import Span

RULE = "text_shares"
LABEL = "文字所述占比"
DESCRIPTION = "情况说明逐项列出的金额与其“占X%”相符（按所列各项之和计算）"
POSITION = 165
# the words between a part's amount and its share: '，占', '，占比', '占' (nothing else: '占总支出'
# names a whole the list does not give)
SHARE_OF_LIST = re.compile(r"^\s*[，,]?\s*(?:约)?占(?:比)?(?:为|约)?\s*$")
SHARE_NAMED = re.compile(r"^\s*[，,]?\s*(?:约)?占\S{1,20}?的?\s*$")
HUNDRED = Decimal(100)


def _pairs(s: Sentence, found: list[Amount]) -> tuple[list[tuple[Amount, Amount]], int]:
    """(part, its share) where the share follows the part in the list's way, and how many shares
    name a whole of their own."""
    pairs, named = [], 0
    for a, p in zip(found, found[1:], strict=False):
        if not (a.is_money and p.unit == "%"):
            continue
        between = s.text[a.end:p.start]
        if SHARE_OF_LIST.match(between):
            pairs.append((a, p))
        elif SHARE_NAMED.match(between):
            named += 1
    return pairs, named


def _widened(p: Amount) -> Span:
    """The share as printed: its rounding, and one more last digit either way."""
    span = Span.of(p, cut=True)
    step = 2 * p.half_step
    return Span(span.lo - step, span.hi + step)


def check(ctx: Context) -> list[Outcome]:
    out: list[Outcome] = []
    for s in ctx.sentences:
        if s.kind != "text":
            continue
        pairs, named = _pairs(s, amounts(s.text))
        out += [Outcome(RULE, False, decided=False)] * named
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
