"""Each 项目支出绩效目标表 form names a project that the project table prints."""

from __future__ import annotations

from ..model import Outcome
from ..tables.forms import match_projects, project_rows
from .model import Context, elsewhere, text_finding

RULE = "form_matches_project"
LABEL = "绩效目标表对应项目"
DESCRIPTION = "每张项目绩效目标表都能在项目支出表中找到对应项目"
POSITION = 120


def check(ctx: Context) -> list[Outcome]:
    out: list[Outcome] = []
    projects = project_rows(list(ctx.facts))
    for n, (best, score) in sorted(match_projects(list(ctx.forms), list(ctx.facts)).items()):
        form = ctx.forms[n]
        name = form.fields.get("project_name", "")
        if not best:
            message = f"绩效目标表的项目“{name}”在项目支出表中找不到对应项目。"
        elif name != best:
            message = (f"绩效目标表的项目名称“{name}”与项目支出表{elsewhere(ctx, projects[best])}中的“{best}”"
                       f"不完全一致（相似度 {score:.2f}），按最相近者对应。")
        else:
            out.append(Outcome(RULE, True))
            continue
        out.append(Outcome(RULE, False, text_finding(RULE, "warning", "performance_targets", name, form.page, 0, 0,
                                                     message)))
    return out
