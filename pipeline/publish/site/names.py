"""The Chinese a reader sees for the packages' English codes: indicators, phases, division levels."""

from __future__ import annotations

from ...codes import LEVELS
from ...text.metadata import TYPE_NAMES

# The contract's indicators (data-contract.md, `indicators`), in its order.
INDICATOR_NAMES: dict[str, str] = {
    "income_total": "收入总计",
    "income_current_year": "本年收入合计",
    "carryover_income": "上年结转",
    "appropriation_income": "财政拨款收入",
    "general_public_budget_income": "一般公共预算收入",
    "gov_fund_income": "政府性基金预算收入",
    "expenditure_total": "支出总计",
    "expenditure_current_year": "本年支出合计",
    "basic_expenditure": "基本支出",
    "project_expenditure": "项目支出",
    "personnel_expenditure": "人员经费",
    "public_expenditure": "公用经费",
    "general_public_budget_expenditure": "一般公共预算支出",
    "three_public_total": "“三公”经费合计",
    "three_public_abroad": "因公出国（境）费",
    "three_public_vehicle": "公务用车购置及运行费",
    "three_public_vehicle_purchase": "公务用车购置费",
    "three_public_vehicle_operation": "公务用车运行维护费",
    "three_public_reception": "公务接待费",
    "operating_costs": "机关运行经费",
    "functional": "支出功能分类",
    "economic": "支出经济分类",
}
PHASE_NAMES = {"approved": "预算", "adjusted": "调整预算", "executed": "决算"}
STATUS_NAMES = {"printed": "印有数值", "zero": "为零（印为0或文字称无）"}
SOURCE_NAMES = {"table": "报表", "text": "情况说明文字"}
# The English values of a data table's fields, as a reader sees them on the site (the CSVs keep them).
VALUE_NAMES: dict[str, dict[str, str]] = {
    "indicator": INDICATOR_NAMES, "phase": PHASE_NAMES, "status": STATUS_NAMES, "source": SOURCE_NAMES,
    "classification": {"functional": "支出功能分类", "economic": "支出经济分类"},
    "severity": {"error": "错误", "warning": "提示"},
}


def shown(value: str, field: str) -> str:
    """A field's value in the words a reader sees: 收入总计 for income_total, 决算 for executed."""
    return VALUE_NAMES.get(field, {}).get(value, value)
LEVEL_NAMES = {"national": "中央", "province": "省级", "city": "市级", "county": "区县级"}
# Table Schema field types as a reader reads them (the data dictionary on a document page)
FIELD_TYPE_NAMES = {"string": "文本", "number": "数值", "integer": "整数", "boolean": "是/否", "date": "日期",
                    "year": "年份", "array": "列表", "object": "对象"}
# The parts of a disclosure published as separate files (descriptor `disclosure_part`)
PART_NAMES = {"explanation_only": "情况说明部分", "tables_only": "报表部分", "performance_targets_only": "绩效目标部分"}
SCHEME_NAMES = {"functional": "支出功能分类", "economic": "支出经济分类"}
CODE_LEVELS = LEVELS  # 3 类, 5 款, 7 项: codes.py says it once


def type_name(pkg: dict) -> str:
    return TYPE_NAMES.get(pkg.get("document_type", ""), pkg.get("document_type", ""))


def is_final(pkg: dict) -> bool:
    return str(pkg.get("document_type", "")).endswith("final_account")


def region_name(pkg: dict) -> str:
    """The province (or 中央) a publisher belongs to, from its GB/T 2260 division code; '' when
    the pipeline could not settle the division."""
    from ...package.divisions import load_divisions

    code = str(pkg.get("division_code") or "")
    if not code.isdigit() or len(code) != 6:
        return ""
    if code == "100000":
        return "中央"
    province = load_divisions(int(pkg.get("fiscal_year") or 0)).by_code.get(code[:2] + "0000")
    return province.name if province else ""
