"""The text resources of a package (duties, internal units, narrative figures, 绩效目标 forms)
and the checks that tie them to the report tables."""

from __future__ import annotations

import difflib
import re
from decimal import Decimal

from .checks.model import Finding, Outcome
from .forms import Form, pages_to_forms
from .model import Page
from .narrative import figures_to_checks, pages_to_departments, pages_to_figures, pages_to_responsibilities
from .normalize import Resource
from .normalize import field_descriptor as _f
from .vocabulary import UNIT_FACTORS

FUND_SOURCES = ["total", "central", "provincial", "local", "self_raised", "other"]
FUND_TITLES = {"total": "资金总额", "central": "中央财政资金", "provincial": "省级财政资金",
               "local": "市县（区）财政资金", "self_raised": "单位自筹", "other": "其他资金"}
FORM_FIELDS = [
    ("project_name", "项目名称"), ("department", "主管部门及代码"), ("implementing_unit", "实施单位"),
    ("project_type", "项目属性"), ("project_period", "项目期"),
]
FORM_TEXT = [
    ("overview", "项目概况"), ("basis", "立项依据"), ("necessity", "项目设立必要性"),
    ("safeguards", "保证项目实施的制度、措施"), ("plan", "项目实施计划"),
]
FOOTER_FIELDS = [("person_in_charge", "负责人"), ("handler", "经办人"), ("phone", "联系电话"),
                 ("filled_on", "填报日期")]


def _finding(rule: str, severity: str, table: str, label: str, page: int, printed, expected, message: str,
             column: str = "") -> Finding:
    printed, expected = Decimal(printed), Decimal(expected)
    return Finding(rule, severity, table, "", label, column, page, printed, expected, printed - expected, message)


def _project_rows(facts: list[dict]) -> dict[str, dict]:
    """The project table's first amount per project name (its total column)."""
    out: dict[str, dict] = {}
    for f in facts:
        if f["table"] == "project_expenditure" and f["row_label"] not in out:
            out[f["row_label"]] = f
    return out


def forms_to_checks(forms: list[Form], facts: list[dict]) -> tuple[list[Outcome], dict[int, tuple[str, float]]]:
    """Match each form's project name to the project table (exactly, else the closest), and
    compare its 年度资金总额 with the table. Returns outcomes and, per form, (match, score)."""
    projects = _project_rows(facts)
    outcomes: list[Outcome] = []
    matches: dict[int, tuple[str, float]] = {}
    for n, form in enumerate(forms):
        name = form.fields.get("project_name", "")
        if not projects or not name:
            continue
        scored = sorted(((difflib.SequenceMatcher(None, name, p).ratio(), p) for p in projects), reverse=True)
        score, best = scored[0]
        matches[n] = (best if score >= 0.6 else "", round(score, 3))
        if score < 0.6:
            outcomes.append(Outcome("form_matches_project", False, _finding(
                "form_matches_project", "warning", "performance_targets", name, form.page, 0, 0,
                f"绩效目标表 '{name}' matches no project of the project table")))
            continue
        if name != best:
            outcomes.append(Outcome("form_matches_project", False, _finding(
                "form_matches_project", "warning", "performance_targets", name, form.page, 0, 0,
                f"绩效目标表 names the project '{name}'; the project table prints '{best}' (similarity {score:.2f})")))
        else:
            outcomes.append(Outcome("form_matches_project", True))
        fund = form.funds.get("year_total")
        fact = projects[best]
        if fund:
            fund = str(Decimal(fund) * UNIT_FACTORS.get(form.funds_unit, 1))
            table_yuan = Decimal(fact["amount_yuan"])
            tolerance = Decimal(5).scaleb(-len(fact["amount"].partition(".")[2]) - 1) * \
                UNIT_FACTORS.get(fact["unit"], 1)
            ok = abs(Decimal(fund) - table_yuan) <= tolerance
            finding = None if ok else _finding(
                "form_funds_match_project", "error", "performance_targets", name, form.page, fund, table_yuan,
                f"年度资金总额 {fund} 元 on the form (printed in {form.funds_unit}); "
                f"the project table prints {fact['amount']} {fact['unit']} "
                f"(page {fact['page']})", "年度资金总额")
            outcomes.append(Outcome("form_funds_match_project", ok, finding))
    return outcomes, matches


def pages_to_text_resources(pages: list[Page], publisher: str, facts: list[dict]) -> tuple[list[Resource],
                                                                                           list[Outcome]]:
    outcomes: list[Outcome] = []
    duties = pages_to_responsibilities(pages)
    responsibilities = Resource(
        "responsibilities", "主要职责", [_f("number", "integer", "序号"), _f("text", "string", "职责"),
                                      _f("page", "integer", "页码", "PDF page")],
        [[str(n), t, str(p)] for n, t, p in duties], "The numbered duties (职责) as printed.", ["number"])

    units, stated = pages_to_departments(pages)
    desc = "Internal units listed under 机构设置."
    if stated is not None:
        desc += f" The document states {stated}; {len(units)} are listed."
        ok = stated == len(units)
        outcomes.append(Outcome("department_count", ok, None if ok else _finding(
            "department_count", "error", "departments", "机构设置", units[0][1] if units else 0, len(units), stated,
            f"机构设置 lists {len(units)} units but states {stated}")))
    departments = Resource("departments", "内设机构", [_f("name", "string", "机构名称"),
                                                    _f("page", "integer", "页码", "PDF page")],
                           [[n, str(p)] for n, p in units], desc, [], {"stated_count": stated})

    figures = pages_to_figures(pages, publisher)
    narrative = Resource(
        "narrative_figures", "情况说明中的数字",
        [_f("section", "string", "章节"), _f("subject", "string", "事项", "What the figure is, in the text's words"),
         _f("figure", "number", "数值"), _f("unit", "string", "单位"), _f("page", "integer", "页码", "PDF page"),
         _f("context", "string", "上下文", "The words around the figure")],
        [[x.section, x.subject, x.figure, x.unit, str(x.page), x.context] for x in figures],
        "Every figure with a unit stated in the 情况说明 sections.")
    outcomes += figures_to_checks(figures, facts)

    forms = pages_to_forms(pages)
    form_outcomes, matches = forms_to_checks(forms, facts)
    outcomes += form_outcomes
    fields = [_f(n, "string", t) for n, t in FORM_FIELDS]
    period_names = {"period": "实施期", "year": "年度"}
    fields += [_f(f"funds_{p}_{s}", "number", f"{period_names[p]}{FUND_TITLES[s]}（元）")
               for p in ("period", "year") for s in FUND_SOURCES]
    fields += [_f(n, "string", t) for n, t in FORM_TEXT]
    fields += [_f("goal_period", "string", "总体目标（实施期）"), _f("goal_year", "string", "总体目标（年度）")]
    fields += [_f(n, "string", t) for n, t in FOOTER_FIELDS]
    fields += [_f("matched_project", "string", "项目支出表中的项目", "The closest project name in project_expenditure"),
               _f("match_score", "number", "名称相似度", "1 = identical"), _f("page", "integer", "页码", "PDF page")]
    rows = []
    for n, form in enumerate(forms):
        row = [form.fields.get(k, "") for k, _ in FORM_FIELDS]
        to_yuan = UNIT_FACTORS.get(form.funds_unit, 1)
        row += [str(Decimal(v) * to_yuan) if (v := re.sub(r"[^\d.]", "", form.funds.get(f"{p}_{s}", ""))) else ""
                for p in ("period", "year") for s in FUND_SOURCES]
        row += [form.fields.get(k, "") for k, _ in FORM_TEXT]
        row += [form.goals.get("period", ""), form.goals.get("year", "")]
        row += [form.fields.get(k, "") for k, _ in FOOTER_FIELDS]
        match, score = matches.get(n, ("", ""))
        row += [match, str(score), str(form.page)]
        rows.append(row)
    targets = Resource("performance_targets", "项目支出绩效目标表", fields, rows,
                       "One row per 项目支出绩效目标表 form; funds in 元 (converted where the form prints 万元).")
    indicators = Resource(
        "performance_indicators", "绩效指标",
        [_f("project_name", "string", "项目名称"), _f("period", "string", "期间", "实施期 or 年度"),
         _f("level1", "string", "一级指标"), _f("level2", "string", "二级指标"), _f("level3", "string", "三级指标"),
         _f("value", "string", "指标值", "As printed"),
         _f("comparator", "string", "比较", "≥ ≤ > < or = where the value states a number"),
         _f("number", "number", "数值"), _f("unit", "string", "计量单位"), _f("page", "integer", "页码", "PDF page")],
        [[form.fields.get("project_name", ""), i["period"], i["level1"], i["level2"], i["level3"], i["value"],
          i["comparator"], i["number"], i["unit"], str(form.page)] for form in forms for i in form.indicators],
        "Every indicator of every 绩效目标表 form, for 实施期 and 年度.")
    return [responsibilities, departments, narrative, targets, indicators], outcomes
