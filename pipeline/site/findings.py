"""Findings as a reader sees them: every message in Chinese, tables by their printed titles, and
honest counts (checks run, errors, rounding differences, other notes).

The rules (pipeline/checks) write their messages in English for the data. Rather than touch
every rule, the site says each in Chinese from the finding's own fields; the few details only
the English message holds (which parts were summed, which other table and page) are read from
it by the patterns below. A rule this table does not know (new rules are added over time) gets
a plain sentence from its fields, or its `message_zh` when a package carries one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

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

_SUM_OF = re.compile(r"but the sum of (.+?) = ")
_PARTS = re.compile(r"but (.+?) = [-\d.]+: ")
_OTHER = re.compile(r"\((\w+), page (\d+)\) = ")
_NARRATIVE = re.compile(r"but (\w+) (.+?) \(page (\d+)\) = ")
_MORE = re.compile(r"and (\d+) other table cells")
_QUOTED = re.compile(r"'([^']*)'")
_SIMILARITY = re.compile(r"similarity ([\d.]+)")


def _num(value: str) -> Decimal | None:
    try:
        return Decimal(value)
    except (InvalidOperation, TypeError):
        return None


def is_rounding(finding: dict) -> bool:
    """A warning that only says the printed digits were rounded (尾差), not a mismatch of another kind."""
    if finding.get("severity") != "warning":
        return False
    rule = RULES.get(finding.get("rule", ""))
    message = finding.get("message", "")
    if rule is not None and rule.sums:
        return True
    return "rounded in the text" in message or "尾差" in message


def _tail(f: dict) -> str:
    """How far apart the two figures are, and whether rounding explains it."""
    diff = fmt_amount(f.get("difference", ""))
    if f.get("severity") == "error":
        return f"，相差 {diff}。"
    if is_rounding(f):
        return f"，相差 {diff}，在印刷位数允许的尾差范围内。"
    return f"，相差 {diff}。"


def _parts(message: str, pattern: re.Pattern[str]) -> str:
    m = pattern.search(message)
    return "、".join(p for p in m.group(1).split("+") if p) if m else ""


def _row(f: dict) -> str:
    return f.get("row_label") or f.get("row_code") or "该行"


def message_zh(f: dict, title_of: Callable[[str], str]) -> str:
    """The finding in Chinese, from its fields (and the parts its English message names)."""
    if f.get("message_zh"):
        return f["message_zh"]
    rule, msg = f.get("rule", ""), f.get("message", "")
    printed, expected = fmt_amount(f.get("printed", "")), fmt_amount(f.get("expected", ""))
    other = _OTHER.search(msg)
    elsewhere = f"（{title_of(other.group(1))}，第 {other.group(2)} 页）" if other else ""
    if rule == "parent_equals_children":
        return f"“{_row(f)}”印刷为 {printed}，其下级科目（{_parts(msg, _SUM_OF)}）之和为 {expected}" + _tail(f)
    if rule == "total_equals_top_level":
        return f"“{_row(f)}”印刷为 {printed}，各类科目（{_parts(msg, _SUM_OF)}）之和为 {expected}" + _tail(f)
    if rule == "indented_parent_equals_children":
        return f"“{_row(f)}”印刷为 {printed}，其下各项（{_parts(msg, _SUM_OF)}）之和为 {expected}" + _tail(f)
    if rule == "row_total_equals_parts":
        return f"“{_row(f)}”的合计栏印刷为 {printed}，同行各分栏（{_parts(msg, _PARTS)}）之和为 {expected}" + _tail(f)
    if rule == "two_sided_totals":
        return f"收入总计印刷为 {printed}，支出总计{elsewhere}为 {expected}" + _tail(f)
    if rule == "income_equals_expenditure":
        return f"收入表合计印刷为 {printed}，支出表合计{elsewhere}为 {expected}" + _tail(f)
    if rule == "basic_economic_equals_basic":
        return (f"基本支出经济分类表合计印刷为 {printed}，"
                f"一般公共预算支出表中的基本支出{elsewhere}为 {expected}" + _tail(f))
    if rule == "project_table_equals_project":
        return f"项目支出表合计印刷为 {printed}，支出表中的项目支出{elsewhere}为 {expected}" + _tail(f)
    if rule == "operating_costs_equals_public_expenses":
        return f"机关运行经费印刷为 {printed}，基本支出表中的公用经费{elsewhere}为 {expected}" + _tail(f)
    if rule == "department_count":
        return f"“机构设置”列出 {printed} 个内设机构，文字称 {expected} 个。"
    if rule == "narrative_matches_table":
        return _narrative(f, msg, printed, expected, title_of)
    if rule == "form_matches_project":
        names = _QUOTED.findall(msg)
        if len(names) >= 2:
            score = _SIMILARITY.search(msg)
            similar = f"（相似度 {score.group(1)}）" if score else ""
            return f"绩效目标表的项目名称“{names[0]}”与项目支出表中的“{names[1]}”不完全一致{similar}，按最相近者对应。"
        return f"绩效目标表的项目“{names[0] if names else _row(f)}”在项目支出表中找不到对应项目。"
    if rule == "form_funds_match_project":
        return f"“{_row(f)}”绩效目标表的年度资金总额为 {printed} 元，项目支出表所列为 {expected} 元" + _tail(f)
    return f"{UNKNOWN.name}：“{_row(f)}”印刷为 {printed}，应为 {expected}" + _tail(f)


def _narrative(f: dict, msg: str, printed: str, expected: str, title_of: Callable[[str], str]) -> str:
    m = _NARRATIVE.search(msg)
    where = f"{title_of(m.group(1))}“{m.group(2)}”（第 {m.group(3)} 页）" if m else "报表"
    text = f"情况说明称“{_row(f)}”为 {printed}，{where}为 {expected}"
    if "rounded in the text" in msg:
        return text + "；文字中的数是报表数的约数。"
    more = _MORE.search(msg)
    if more:
        return text + f"；文字所指也可能是另外 {more.group(1)} 处金额，未能确定。"
    return text + _tail(f)


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
                               *_amounts(f), page, message_zh(f, doc.title_of)))
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
