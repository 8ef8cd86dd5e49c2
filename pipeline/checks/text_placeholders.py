"""模板遗留：未填写的占位符（XX、××、某某、待填写、空的（）【】“”），未删去的备选词（增加（减少）、
下降（增长）），标题所写单位与封面单位不同（从别的单位的文件复制而来），以及单位预算（决算）称自己为
“某年部门预算”、部门预算称自己为“某年单位预算”（封面定其为哪一种）。

All are leftovers of the template the document was written from: warnings. Words from
vocabulary.toml [text] placeholders, alternatives, bare_alternative, named_heading."""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Outcome
from ..text.metadata import DOCUMENT_TYPES
from ..text.statements import words
from ..vocabulary import nfkc
from .model import Context, Sentence, quote, sentence_finding

RULE = "text_placeholders"
LABEL = "模板遗留"
DESCRIPTION = "没有未填写的占位符（XX、某某）、未删去的备选词，标题单位与封面一致，单位预算不自称部门预算"
POSITION = 180
REMARK = re.compile(r"[（(][^）)]*[）)]|\s")
# the document naming itself by year: '2026年部门预算安排购置车辆0辆' in a 单位预算
NAMES_ITSELF = re.compile(r"((?:19|20)\d{2})年度?(部门|单位)(预算|决算)")
SCOPE_OF = {kind: scope for (scope, _), kind in DOCUMENT_TYPES.items()}
PHASE_OF = {kind: phase for (_, phase), kind in DOCUMENT_TYPES.items()}


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    t = words().raw
    leftovers = [*t["placeholders"], t["alternatives"], t["bare_alternative"]]
    return re.compile("|".join(f"(?:{p})" for p in leftovers)), re.compile(t["named_heading"])


def _same_unit(name: str, publisher: str) -> bool:
    """One name holds the other once remarks such as （本级） are left out: 普陀区财政局 and
    上海市普陀区财政局 are one unit."""
    a, b = REMARK.sub("", nfkc(name)), REMARK.sub("", nfkc(publisher))
    return bool(a and b) and (a in b or b in a)


def check(ctx: Context) -> list[Outcome]:
    leftover, named = _patterns()
    out: list[Outcome] = []
    for s in ctx.sentences:
        if s.kind == "contents":
            continue  # the body prints the same lines again
        for m in leftover.finditer(s.text):
            out.append(Outcome(RULE, False, sentence_finding(
                RULE, "warning", s, offset=m.start(), label="模板遗留",
                message=f"第{s.page_at(m.start())}页“{quote(s, m.start(), m.end(), 40)}”中的“{m.group(0)}”"
                        f"是未填写或未删去的模板文字。")))
        if s.kind in ("text", "heading") and ctx.document_type in SCOPE_OF:
            out.extend(_names_itself(ctx, s))
        if s.kind == "heading" and ctx.publisher:
            heading = named.match(s.text)
            if heading is None:
                continue
            name = heading.group("name")
            if _same_unit(name, ctx.publisher):
                out.append(Outcome(RULE, True))
                continue
            out.append(Outcome(RULE, False, sentence_finding(
                RULE, "warning", s, offset=heading.start("name"), label="单位名称",
                message=f"第{s.page}页标题“{s.text}”写“{name}”，而封面单位为“{ctx.publisher}”。")))
    return out


def _names_itself(ctx: Context, s: Sentence) -> list[Outcome]:
    """Each 'YYYY年部门预算' of the document's own phase: the scope its cover gives, or a warning."""
    scope, phase = SCOPE_OF[ctx.document_type], PHASE_OF[ctx.document_type]
    out = []
    for m in NAMES_ITSELF.finditer(s.text):
        if m.group(3) != phase or (ctx.fiscal_year and int(m.group(1)) != ctx.fiscal_year):
            continue  # another phase, or another year's ('按照2025年部门预算编制要求')
        if m.group(2) == scope:
            out.append(Outcome(RULE, True))
            continue
        out.append(Outcome(RULE, False, sentence_finding(
            RULE, "warning", s, offset=m.start(), label="部门/单位",
            message=f"第{s.page_at(m.start())}页“{quote(s, m.start(), m.end(), 30)}”称“{m.group(0)}”，"
                    f"而本文件封面为{scope}{phase}。")))
    return out
