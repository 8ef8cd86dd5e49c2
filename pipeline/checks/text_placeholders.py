"""模板遗留：未填写的占位符（XX、××、某某、待填写、空的（）【】“”），未删去的备选词（增加（减少）、
下降（增长）），以及标题所写单位与封面单位不同（从别的单位的文件复制而来）。

All are leftovers of the template the document was written from: warnings. Words from
vocabulary.toml [text] placeholders, alternatives, bare_alternative, named_heading."""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Outcome
from ..text.statements import words
from ..vocabulary import nfkc
from .model import Context, quote, sentence_finding

RULE = "text_placeholders"
LABEL = "模板遗留"
DESCRIPTION = "没有未填写的占位符（XX、某某）、未删去的备选词，标题单位与封面一致"
POSITION = 180
REMARK = re.compile(r"[（(][^）)]*[）)]|\s")


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
