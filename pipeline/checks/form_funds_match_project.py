"""A 绩效目标表 form's 年度资金总额 equals what the project table prints for its project."""

from __future__ import annotations

from decimal import Decimal

from ..amounts import format_amount
from ..model import Outcome
from ..tables.forms import match_projects, project_rows
from ..vocabulary import UNIT_FACTORS
from .model import Context, decimals, elsewhere, text_finding

RULE = "form_funds_match_project"
LABEL = "绩效目标资金与项目支出相符"
DESCRIPTION = "绩效目标表的年度资金总额等于项目支出表所列金额"
POSITION = 130


def check(ctx: Context) -> list[Outcome]:
    out: list[Outcome] = []
    projects = project_rows(list(ctx.facts))
    for n, (best, _) in sorted(match_projects(list(ctx.forms), list(ctx.facts)).items()):
        form = ctx.forms[n]
        fund = form.funds.get("year_total")
        if not best or not fund:
            continue
        fact = projects[best]
        stated = Decimal(fund) * UNIT_FACTORS.get(form.funds_unit, 1)
        # the table's amount may be off by half its last printed digit, in 元
        tolerance = Decimal(5).scaleb(-decimals(fact.amount) - 1) * fact.factor
        ok = abs(stated - fact.amount_yuan) <= tolerance
        # only a form naming the project exactly contradicts the table; a name matched by
        # similarity may be another project of a similar name
        name = form.fields.get("project_name", "")
        severity = "error" if name == best else "warning"
        finding = None if ok else text_finding(
            RULE, severity, "performance_targets", name, form.page, stated, fact.amount_yuan,
            f"“{name}”绩效目标表的年度资金总额为 {format_amount(fund)} {form.funds_unit}，"
            f"项目支出表{elsewhere(ctx, fact)}所列为 {format_amount(fact.amount)} {fact.unit}，"
            f"相差 {format_amount(stated - fact.amount_yuan)} 元。", ("年度资金总额",))
        out.append(Outcome(RULE, ok, finding))
    return out
