"""Each 项目支出绩效目标表 form names a project that the project table prints."""

from __future__ import annotations

from ..forms import match_projects
from ..model import Outcome
from .model import Context, text_finding

RULE = "form_matches_project"


def check(ctx: Context) -> list[Outcome]:
    out: list[Outcome] = []
    for n, (best, score) in sorted(match_projects(list(ctx.forms), list(ctx.facts)).items()):
        form = ctx.forms[n]
        name = form.fields.get("project_name", "")
        if not best:
            message = f"绩效目标表 '{name}' matches no project of the project table"
        elif name != best:
            message = (f"绩效目标表 names the project '{name}'; the project table prints '{best}' "
                       f"(similarity {score:.2f})")
        else:
            out.append(Outcome(RULE, True))
            continue
        out.append(Outcome(RULE, False, text_finding(RULE, "warning", "performance_targets", name, form.page, 0, 0,
                                                     message)))
    return out
