"""The number of internal units 机构设置 states equals the number it lists."""

from __future__ import annotations

from ..model import Outcome
from .model import Context, text_finding

RULE = "department_count"
LABEL = "内设机构数"
DESCRIPTION = "“机构设置”所称机构数等于其列出的机构数"
POSITION = 100


def check(ctx: Context) -> list[Outcome]:
    if ctx.stated_departments is None:
        return []
    listed = len(ctx.departments)
    if ctx.stated_departments == listed:
        return [Outcome(RULE, True)]
    page = ctx.departments[0][1] if ctx.departments else 0
    return [Outcome(RULE, False, text_finding(
        RULE, "error", "departments", "机构设置", page, listed, ctx.stated_departments,
        f"“机构设置”列出 {listed} 个内设机构，文字称 {ctx.stated_departments} 个。"))]
