"""What a document says in words, read once (`pages_to_text`), and the package resources made
from it (`text_to_resources`): glossary, duties, internal units, narrative figures, 绩效目标 forms.
The rules that tie these to the tables live in checks/ like every other rule."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..amounts import format_decimal, parse_amount
from ..model import BOX_FIELDS, LINE_CONFIDENCE_FIELD, Fact, Field, Page, Resource, box_to_row
from ..tables.forms import Form, match_projects, pages_to_forms
from ..vocabulary import UNIT_FACTORS
from .metadata import pages_to_glossary
from .narrative import (
    NONE_LISTED,
    UNITS_LISTED,
    Figure,
    pages_to_departments,
    pages_to_figures,
    pages_to_responsibilities,
)
from .sentences import Sentence, pages_to_sentences

_f = Field.described

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


@dataclass(frozen=True)
class TextParts:
    """Everything the document says in words that the package keeps."""

    glossary: list[tuple[str, str, int]]  # (term, definition, page)
    duties: list[tuple[int, str, int]]  # (number, duty, page)
    departments: list[tuple[str, int]]  # (internal unit, page)
    stated_departments: int | None
    listed_units: str | None  # internal (内设机构), subordinate (所属单位) or NONE_LISTED: narrative.units_listed
    figures: list[Figure]
    forms: list[Form]
    sentences: list[Sentence]  # for the rules on the words; not a resource of its own


def pages_to_text(pages: list[Page], publisher: str) -> TextParts:
    units, stated, listed = pages_to_departments(pages)
    return TextParts(
        glossary=pages_to_glossary(pages),
        duties=pages_to_responsibilities(pages),
        departments=units,
        stated_departments=stated,
        listed_units=listed,
        figures=pages_to_figures(pages, publisher),
        forms=pages_to_forms(pages),
        sentences=pages_to_sentences(pages),
    )


def _resource(name: str, title: str, fields: list[Field], values: Sequence[Sequence[str]], description: str,
              primary_key: list[str] | None = None, extra: dict | None = None) -> Resource:
    return Resource.from_table(name, title, fields, values, description, primary_key, extra)


def glossary_resource(items: list[tuple[str, str, int]]) -> Resource:
    fields = [Field("term", "string", "名词", "The term as printed"),
              Field("definition", "string", "解释", "Its explanation as printed"),
              Field("page", "integer", "页码", "PDF page of the term")]
    unique = len({t for t, _, _ in items}) == len(items)
    return _resource("glossary", "名词解释", fields, [[t, d, str(p)] for t, d, p in items],
                     "The document's own glossary (名词解释).", ["term"] if unique else [])


def _form_rows(forms: list[Form], matches: dict[int, tuple[str, float]]) -> list[list[str]]:
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
    return rows


def text_to_resources(parts: TextParts, facts: list[Fact]) -> list[Resource]:
    responsibilities = _resource(
        "responsibilities", "主要职责", [_f("number", "integer", "序号"), _f("text", "string", "职责"),
                                      _f("page", "integer", "页码", "PDF page")],
        [[str(n), t, str(p)] for n, t, p in parts.duties], "The numbered duties (职责) as printed.", ["number"])

    units, stated = parts.departments, parts.stated_departments
    desc = {"internal": "Internal units listed under 机构设置.",
            "subordinate": "Units of their own (所属单位) the department lists under 机构设置.",
            NONE_LISTED: "No list of units was read under 机构设置."}[parts.listed_units]
    if stated is not None:
        desc += f" The document states {stated}; {len(units)} are listed."
    departments = _resource("departments", UNITS_LISTED[parts.listed_units], [_f("name", "string", "机构名称"),
                                                   _f("page", "integer", "页码", "PDF page")],
                            [[n, str(p)] for n, p in units], desc, [],
                            {"stated_count": stated, "listed_units": parts.listed_units})

    # a document read by OCR says how sure each figure is, as its facts do (CONFIDENCE_FIELD)
    ocr = any(x.confidence is not None for x in parts.figures)
    narrative = _resource(
        "narrative_figures", "情况说明中的数字",
        [_f("section", "string", "章节"), _f("subject", "string", "事项", "What the figure is, in the text's words"),
         _f("figure", "number", "数值"), _f("unit", "string", "单位"), _f("page", "integer", "页码", "PDF page"),
         _f("context", "string", "上下文", "The words around the figure"), *BOX_FIELDS,
         *([LINE_CONFIDENCE_FIELD] if ocr else [])],
        [[x.section, x.subject, x.figure, x.unit, str(x.page), x.context, *box_to_row(x.box).values(),
          *(["" if x.confidence is None else f"{x.confidence:.3f}"] if ocr else [])] for x in parts.figures],
        "Every figure with a unit stated in the 情况说明 sections.")

    forms = parts.forms
    fields = [_f(n, "string", t) for n, t in FORM_FIELDS]
    period_names = {"period": "实施期", "year": "年度"}
    fields += [_f(f"funds_{p}_{s}", "number", f"{period_names[p]}{FUND_TITLES[s]}（元）")
               for p in ("period", "year") for s in FUND_SOURCES]
    fields += [_f(n, "string", t) for n, t in FORM_TEXT]
    fields += [_f("goal_period", "string", "总体目标（实施期）"), _f("goal_year", "string", "总体目标（年度）")]
    fields += [_f(n, "string", t) for n, t in FOOTER_FIELDS]
    fields += [_f("matched_project", "string", "项目支出表中的项目", "The closest project name in project_expenditure"),
               _f("match_score", "number", "名称相似度", "1 = identical"), _f("page", "integer", "页码", "PDF page")]
    targets = _resource("performance_targets", "项目支出绩效目标表", fields,
                        _form_rows(forms, match_projects(forms, facts)),
                        "One row per 项目支出绩效目标表 form; funds in 元 (converted where the form prints 万元).")
    indicators = _resource(
        "performance_indicators", "绩效指标",
        [_f("project_name", "string", "项目名称"), _f("period", "string", "期间", "实施期 or 年度"),
         _f("level1", "string", "一级指标"), _f("level2", "string", "二级指标"), _f("level3", "string", "三级指标"),
         _f("value", "string", "指标值", "As printed"),
         _f("comparator", "string", "比较", "≥ ≤ > < or = where the value states a number"),
         _f("number", "number", "数值"), _f("unit", "string", "计量单位"),
         _f("actual", "string", "实际完成值", "A final account's 绩效自评表: what was achieved, as printed"),
         _f("page", "integer", "页码", "PDF page")],
        [[form.fields.get("project_name", ""), i["period"], i["level1"], i["level2"], i["level3"], i["value"],
          i["comparator"], i["number"], i["unit"], i.get("actual", ""), str(form.page)]
         for form in forms for i in form.indicators],
        "Every indicator of every 绩效目标表 form, for 实施期 and 年度.")
    execution = execution_resource(forms)  # a final account's 绩效自评表 only
    return [glossary_resource(parts.glossary), responsibilities, departments, narrative, targets, indicators,
            *([execution] if execution.rows else [])]


def _number(text: str, factor: int = 1) -> str:
    """A printed number (a rate without its %) times factor; '' for '--' and words."""
    value = parse_amount(text.rstrip("%"))
    return "" if value is None else format_decimal(value * factor)


def execution_resource(forms: list[Form]) -> Resource:
    """A final account's 绩效自评表: each funds row's budget and execution, per project."""
    fields = [_f("project_name", "string", "项目名称"),
              _f("line", "string", "资金来源", "The row's label as printed (年度资金总额, 其中：财政拨款, 上年结转 …)"),
              _f("budget_initial", "number", "年初预算数（元）"), _f("budget_full_year", "number", "全年预算数（元）"),
              _f("executed", "number", "全年执行数（元）"), _f("weight", "number", "分值"),
              _f("execution_rate", "number", "执行率（%）"), _f("score", "number", "得分"),
              _f("page", "integer", "页码", "PDF page")]
    rows = []
    for form in forms:
        factor = UNIT_FACTORS.get(form.funds_unit, 1)
        for line, values in form.execution:
            money = [_number(values.get(k, ""), factor) for k in ("budget_initial", "budget_full_year", "executed")]
            rows.append([form.fields.get("project_name", ""), line, *money,
                         *(_number(values.get(k, "")) for k in ("weight", "execution_rate", "score")), str(form.page)])
    return _resource("performance_execution", "项目支出绩效自评表（资金执行）", fields, rows,
                     "Each funds row of a final account's 项目支出绩效自评表: the budget at the start of the year, "
                     "the year's budget and what was spent (元, converted where the form prints 万元), the execution "
                     "rate and its score.")
