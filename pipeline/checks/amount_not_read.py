"""每个印出的金额都在数据包中：PDF各页印出的金额（两位小数或千分位），都能在数据包同一页的报表金额
（facts）或情况说明的数字（narrative_figures）中找到。

The count is the self-audit of text/coverage.py (the descriptor's `coverage`); a document that
does not hold every amount it prints has one finding, naming the pages with the most amounts not
read and a few of them as printed: a warning, and an error where more than 2% are not read
(most of a table, a layout not understood). What the pipeline could not read is a finding:
a layout it does not know never goes silently unread."""

from __future__ import annotations

from decimal import Decimal

from ..model import Finding, Outcome
from ..text.coverage import ENOUGH
from .model import Context

RULE = "amount_not_read"
LABEL = "未读出的金额"
DESCRIPTION = "PDF 各页印出的金额都已读入数据包（报表金额或情况说明中的数字）"
POSITION = 215


def check(ctx: Context) -> list[Outcome]:
    c = ctx.coverage
    if c is None or not c.printed:
        return []
    if c.read == c.printed:
        return [Outcome(RULE, True)]
    worst = sorted(c.missing, key=lambda p: (-len(c.missing[p]), p))
    pages = "、".join(str(p) for p in sorted(worst[:8]))
    more = "等" if len(worst) > 8 else ""
    examples = "、".join(c.missing[worst[0]][:3])
    message = (f"本文件各页共印有 {c.printed} 个金额，数据包读出 {c.read} 个（{c.share:.2%}），"
               f"{c.printed - c.read} 个未读出，在第 {pages} 页{more}；如第 {worst[0]} 页的“{examples}”。"
               "这些金额所在的表格或文字未能识读，请对照原文。")
    # the counts are in the message: printed / expected / difference hold amounts, and these are none
    severity = "warning" if c.share >= ENOUGH else "error"
    return [Outcome(RULE, False, Finding(RULE, severity, "", "", "", (), worst[0], Decimal(0), Decimal(0),
                                         Decimal(0), message))]
