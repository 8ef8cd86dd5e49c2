"""Findings as a reader sees them: each rule's own message as the package holds it (the rules in
pipeline/checks write it in Chinese, naming tables by their printed titles), the table's printed
title, and honest counts (checks run, errors, rounding differences, other notes).

A package built before the rules wrote Chinese keeps its English messages; they are shown as
stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..checks import narrative_matches_table
from ..model import text_to_column
from .load import Doc
from .templates import fmt_amount


@dataclass(frozen=True)
class Rule:
    name: str  # what the rule is called on the site
    checks: str  # what it compares, for the about page
    sums: bool  # a total against its parts: a warning from it is a rounding difference (尾差)


RULES: dict[str, Rule] = {
    "parent_equals_children": Rule("上级科目等于下级科目之和", "类、款等上级科目的金额等于其下各级科目之和", True),
    "total_equals_top_level": Rule("合计等于各类之和", "表的合计行等于各“类”级科目之和", True),
    "indented_parent_equals_children": Rule("缩进项目之和",
                                            "没有编码、以缩进分层的表中，上级项目等于其下各项之和", True),
    "row_total_equals_parts": Rule("合计栏等于分栏之和",
                                   "每行的合计栏等于同行各分栏（如基本支出＋项目支出）之和", True),
    "two_sided_totals": Rule("收支总计相等", "收支总表左右两侧的收入总计与支出总计相等", True),
    "income_equals_expenditure": Rule("收入表与支出表合计相等", "收入总表与支出总表的合计相等", True),
    "basic_economic_equals_basic": Rule("经济分类与功能分类的基本支出相等",
                                        "基本支出经济分类表的合计等于一般公共预算支出表中的基本支出", True),
    "project_table_equals_project": Rule("项目支出表与支出表相符", "项目支出表的合计等于支出表中的项目支出", True),
    "operating_costs_equals_public_expenses": Rule("机关运行经费等于公用经费",
                                                   "机关运行经费等于基本支出表中的公用经费", True),
    "department_count": Rule("内设机构数", "“机构设置”所称机构数等于其列出的机构数", False),
    "narrative_matches_table": Rule("文字与报表相符", "情况说明中提到的金额与报表中的对应金额一致", False),
    "form_matches_project": Rule("绩效目标表对应项目", "每张项目绩效目标表都能在项目支出表中找到对应项目", False),
    "form_funds_match_project": Rule("绩效目标资金与项目支出相符",
                                     "绩效目标表的年度资金总额等于项目支出表所列金额", False),
}
UNKNOWN = Rule("其他核对", "", False)


def _num(value: str) -> Decimal | None:
    try:
        return Decimal(value)
    except (InvalidOperation, TypeError):
        return None


def is_rounding(finding: dict) -> bool:
    """A warning that only says the printed digits were rounded (尾差), not a mismatch of another
    kind: every warning of a rule that sums, and the narrative rule's warnings its message says
    are rounding (its ROUNDING_WORDS; its other warnings are words that may mean several cells)."""
    if finding.get("severity") != "warning":
        return False
    rule = finding.get("rule", "")
    if RULES.get(rule, UNKNOWN).sums:
        return True
    message = finding.get("message", "")
    return rule == narrative_matches_table.RULE and any(w in message for w in narrative_matches_table.ROUNDING_WORDS)


@dataclass(frozen=True)
class FindingRow:
    """One line of the findings table."""

    level: str  # 错误, 尾差 or 提示
    css: str  # error, rounding or note
    rule: str
    table: str
    row: str
    column: str
    printed: str
    expected: str
    difference: str
    page: int | None
    message: str


def _amounts(f: dict) -> tuple[str, str, str]:
    """Printed, expected and difference; a finding about words (a project name) has none."""
    values = [f.get(k, "") for k in ("printed", "expected", "difference")]
    if all((_num(v) or 0) == 0 for v in values):
        return "", "", ""
    return tuple(fmt_amount(v) for v in values)  # type: ignore[return-value]


def finding_rows(doc: Doc) -> list[FindingRow]:
    rows = []
    for f in doc.rows.get("findings", []):
        if f.get("severity") == "error":
            level, css = "错误", "error"
        elif is_rounding(f):
            level, css = "尾差", "rounding"
        else:
            level, css = "提示", "note"
        column = " / ".join(text_to_column(f.get("column", "")))
        table = "情况说明" if f.get("table") == "narrative" else doc.title_of(f.get("table", ""))
        page = int(f["page"]) if str(f.get("page", "")).isdigit() and int(f["page"]) > 0 else None
        rows.append(FindingRow(level, css, RULES.get(f.get("rule", ""), UNKNOWN).name, table,
                               " ".join(x for x in (f.get("row_code", ""), f.get("row_label", "")) if x), column,
                               *_amounts(f), page, f.get("message", "")))
    return rows


@dataclass(frozen=True)
class CheckSummary:
    has_tables: bool  # without report tables there is nothing to add up
    checks: int  # comparisons made
    passed: int
    errors: int
    rounding: int  # warnings that are rounding differences only
    notes: int  # other warnings (a project name that differs, an ambiguous figure)


def check_summary(doc: Doc) -> CheckSummary:
    findings = doc.rows.get("findings", [])
    consistency = doc.pkg.get("consistency") or {}
    warnings = [f for f in findings if f.get("severity") == "warning"]
    rounding = sum(1 for f in warnings if is_rounding(f))
    return CheckSummary(
        has_tables=bool(doc.table_resources()),
        checks=int(consistency.get("checks", 0)),
        passed=int(consistency.get("passed", 0)),
        errors=sum(1 for f in findings if f.get("severity") == "error"),
        rounding=rounding,
        notes=len(warnings) - rounding,
    )
