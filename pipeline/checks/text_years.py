"""年度用语与文件年度一致：标题“YYYY年度部门决算情况说明”写文件本身的年度；“截至YYYY年12月31日”
写所报告的年度（决算为本年，预算为上年）；“与YYYY年相比”“比YYYY年”写上一年（或文件自己说明的
比较年度，如“比2022年（上一年度，下同）”）。

What is normal was learnt from the corpus: every heading that names the document names its
year, 截至 dates in budgets are of the year before, comparisons are with the year before. A
heading naming another year contradicts the cover (an error); a date or comparison year left
from another year's text is a leftover (a warning). Words from vocabulary.toml [text]."""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Outcome
from ..text.statements import words
from .model import Context, quote, sentence_finding

RULE = "text_years"
LABEL = "年度用语正确"
DESCRIPTION = "标题、“截至某年底”“与某年相比”所写年度与文件年度相符"
POSITION = 170
STATED_BASE = re.compile(r"((?:19|20)\d{2})年度?[（(](?:即)?(?:上一?年度?|上年)")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    t = words().raw
    return re.compile(t["own_heading"]), re.compile(t["year_end"]), re.compile(t["compared_year"])


def _stated_bases(ctx: Context) -> set[int]:
    """Years the document itself calls the year it compares with: '2022年（上一年度，下同）'."""
    return {int(m.group(1)) for s in ctx.sentences for m in STATED_BASE.finditer(s.text)}


def check(ctx: Context) -> list[Outcome]:
    fy = ctx.fiscal_year
    if fy is None:
        return []
    heading, year_end, compared = _patterns()
    reported = fy if not ctx.is_budget else fy - 1
    bases = {fy - 1} | _stated_bases(ctx)
    out: list[Outcome] = []

    def judge(s, m, expected: set[int], severity: str, what: str) -> None:
        year = int(m.group(1))
        if year in expected:
            out.append(Outcome(RULE, True))
            return
        want = "或".join(f"{y}年" for y in sorted(expected))
        out.append(Outcome(RULE, False, sentence_finding(
            RULE, severity, s, offset=m.start(), printed=year, expected=min(expected, key=lambda y: abs(y - year)),
            label="年度", message=f"第{s.page_at(m.start())}页“{quote(s, m.start(), m.end(), 30)}”{what}写{year}年，"
                                  f"应为{want}（本文件为{fy}年{'预算' if ctx.is_budget else '决算'}）。")))

    for s in ctx.sentences:
        if s.kind == "heading":
            m = heading.search(s.text)
            if m:
                judge(s, m, {fy}, "error", "标题")
        if s.kind != "text":
            continue
        for m in year_end.finditer(s.text):
            judge(s, m, {reported}, "warning", "截止日期")
        for m in compared.finditer(s.text):
            judge(s, m, bases, "warning", "比较年度")
    return out
