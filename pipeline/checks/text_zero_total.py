"""文字说明称总数为0或“无”某项资金，而报表印出非零的数：“本部门无政府性基金预算财政拨款收入和
支出”，政府性基金预算支出表却印有金额；“三公”经费支出0万元，“三公”经费表却印12.5万元。

Two printed facts that contradict each other: an error. Stated zeros are read like every other
stated figure (text_matches_table.stated_figures); 无 / 没有 statements through vocabulary.toml
[text] none and [[text_none]]. A statement about another year, or about a unit the sentence
names other than the document's, is not compared."""

from __future__ import annotations

import re

from ..model import Fact, Outcome
from ..text import figures
from ..text.figures import NoneOf, nones
from ..text.sentences import Sentence
from .model import Context, Printed, printed_in, quote, sentence_finding
from .text_matches_table import candidates, phases, stated_figures, where

RULE = "text_zero_total"
LABEL = "文字称无而报表有数"
DESCRIPTION = "文字说明称某项为0或“无”时，报表中对应的数也为0"
POSITION = 150
BALANCES = ("carryover", "carryover_next_year")


def says_none(ctx: Context, none: NoneOf, s: Sentence) -> re.Match | None:
    """Where the sentence says the document itself has none (text/figures.py)."""
    return figures.says_none(none, s, ctx.fiscal_year, ctx.publisher)


def printed(none: NoneOf, own: Printed) -> Fact | None:
    """The first non-zero amount the tables print for what the text says there is none of."""
    for f in own.facts:  # in printed order; only a statement of 无 comes here
        if f.table in none.tables and f.amount != 0 and f.measure not in BALANCES:
            return f
    h = own.headline()
    return next((h[n] for n in none.indicators if n in h and h[n].amount != 0), None)


def check(ctx: Context) -> list[Outcome]:
    out: list[Outcome] = []
    memo: dict[tuple[str, ...], Printed] = {}
    for st in stated_figures(ctx):
        phase = phases(ctx, st.topic.stage)
        if st.amount.value != 0 or not phase:
            continue
        found = candidates(st.target, printed_in(ctx, phase, memo))
        if not found:
            continue
        if any(f.amount == 0 for f in found):
            out.append(Outcome(RULE, True))
            continue
        f, s, a = found[0], st.sentence, st.amount
        out.append(Outcome(RULE, False, sentence_finding(
            RULE, "error", s, offset=a.start, printed=0, expected=f.amount, label=st.target.name,
            message=f"第{s.page_at(a.start)}页“{quote(s, a.start, a.end)}”写{st.target.name}{a.printed}{a.unit}，"
                    f"而{where(f)}印{f.amount}{f.unit}，相差{-f.amount}{f.unit}。")))
    own = printed_in(ctx, phases(ctx, ""), memo)
    for s in ctx.sentences:
        if s.kind != "text":
            continue
        for none in nones():
            m = says_none(ctx, none, s)
            if m is None:
                continue
            shown = printed(none, own)
            if shown is None:
                out.append(Outcome(RULE, True))
                continue
            out.append(Outcome(RULE, False, sentence_finding(
                RULE, "error", s, offset=m.start(), printed=0, expected=shown.amount, label=none.name,
                message=f"第{s.page_at(m.start())}页“{quote(s, m.start(), m.end())}”称无{none.name}，"
                        f"而{where(shown)}印{shown.amount}{shown.unit}。")))
    return out
