"""Each accounting rule with a passing and a failing case."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from pipeline.checks import REGISTRY, Context, run_checks
from pipeline.checks.model import rounding_tolerance
from pipeline.checks.parent_equals_children import check as _parent_equals_children
from pipeline.checks.total_equals_top_level import check as _total_equals_top_level
from pipeline.model import Fact, Resource, text_to_column
from pipeline.tables.comparable import facts_to_comparable


def ctx(facts, document_type="", glossary=None, **kw):
    """The one context every rule takes, made from hand-made facts."""
    return Context(facts=tuple(facts), document_type=document_type, glossary=glossary or {}, **kw)


def parent_equals_children(facts):
    return _parent_equals_children(ctx(facts))


def total_equals_top_level(facts):
    return _total_equals_top_level(ctx(facts))


def fact(code, amount, label="", column="合计", table="expenditure", page=1):
    return Fact(table, code, label, text_to_column(column), Decimal(amount), page=page, row_number=1)


TREE = [
    fact("", "1564.72", "合计"),
    fact("201", "1300.26"), fact("20103", "1300.26"), fact("2010301", "709.53"), fact("2010306", "590.73"),
    fact("210", "264.46"), fact("21011", "264.46"), fact("2101101", "200.00"), fact("2101103", "64.46"),
]


def test_parent_equals_children_passes_when_it_adds_up():
    outcomes = parent_equals_children(TREE)
    assert len(outcomes) == 4 and all(o.passed and o.finding is None for o in outcomes)


def test_parent_equals_children_reports_a_parent_that_does_not_add_up():
    broken = [f if f.row_code != "20103" else fact("20103", "1400.26") for f in TREE]
    bad = [o.finding for o in parent_equals_children(broken) if not o.passed]
    assert {(f.row_code, f.severity) for f in bad} == {("201", "error"), ("20103", "error")}
    f = next(f for f in bad if f.row_code == "20103")
    assert (f.printed, f.expected, f.difference) == (Decimal("1400.26"), Decimal("1300.26"), Decimal("100.00"))
    assert f.message == "“20103”印刷为 1,400.26，其下级科目（2010301、2010306）之和为 1,300.26，相差 100.00。"


def test_parent_equals_children_rounding_is_a_warning():
    rows = [fact("21011", "52.37"), fact("2101101", "40.74"), fact("2101103", "11.64")]
    (o,) = parent_equals_children(rows)
    assert o.passed and o.finding.severity == "warning" and o.finding.difference == Decimal("-0.01")
    assert o.finding.message == ("“21011”印刷为 52.37，其下级科目（2101101、2101103）之和为 52.38，相差 -0.01，"
                                 "在印刷位数允许的尾差范围内。")


def test_total_equals_top_level_passes_and_fails():
    assert all(o.passed for o in total_equals_top_level(TREE))
    broken = [f if f.row_label != "合计" else fact("", "1600.00", "合计") for f in TREE]
    (o,) = total_equals_top_level(broken)
    assert not o.passed and o.finding.severity == "error" and o.finding.expected == Decimal("1564.72")
    assert o.finding.message == "“合计”印刷为 1,600.00，各类科目（201、210）之和为 1,564.72，相差 35.28。"


def test_total_against_integer_printed_total_allows_its_own_rounding():
    rows = [fact("", "22118861", "合计"), fact("204", "14348853.34"), fact("208", "7770007.66"),
            fact("210", "0.34")]
    (o,) = total_equals_top_level(rows)
    assert o.passed and o.finding.severity == "warning"


def test_rounding_tolerance_sums_half_digits():
    assert rounding_tolerance([Decimal("52.37"), Decimal("40.74"), Decimal("11.64")]) == Decimal("0.015")
    assert rounding_tolerance([Decimal("12"), Decimal("0.10")]) == Decimal("0.505")


def test_run_checks_combines_rules():
    assert len(run_checks(ctx(TREE))) == 6  # 4 parent sums, the table's total, no negative amount


def indented(row, amount, label, level, parent, column="合计"):
    return Fact("expenditure", "", label, text_to_column(column), Decimal(amount), page=1, row_number=row,
                row_level=level, parent_row=parent)


def test_indented_parent_equals_children_passes_and_fails():
    from pipeline.checks.indented_parent_equals_children import check

    rows = [indented(1, "396.67", "社会保障和就业支出", 1, 0),
            indented(2, "396.67", "行政事业单位养老支出", 2, 1),
            indented(3, "193.24", "行政单位离退休", 3, 2),
            indented(4, "203.43", "机关事业单位基本养老保险缴费支出", 3, 2)]
    assert [o.passed for o in check(ctx(rows))] == [True, True]
    rows[3] = indented(4, "135.62", "机关事业单位基本养老保险缴费支出", 3, 2)
    bad = [o.finding for o in check(ctx(rows)) if not o.passed]
    assert [(f.row_label, f.expected) for f in bad] == [("行政事业单位养老支出", Decimal("328.86"))]
    assert bad[0].message == ("“行政事业单位养老支出”印刷为 396.67，其下各项（行政单位离退休、"
                              "机关事业单位基本养老保险缴费支出）之和为 328.86，相差 67.81。")


def cellf(table, label, column, amount, row=1, code=""):
    return Fact(table, code, label, text_to_column(column), Decimal(amount), page=1, row_number=row)


def test_row_total_equals_parts_passes_and_fails():
    from pipeline.checks.row_total_equals_parts import check

    other = [cellf("expenditure", "普法宣传", "支出预算/合计", "1242900.00", 2, "2040605"),
             cellf("expenditure", "普法宣传", "支出预算/项目支出", "1242900.00", 2, "2040605")]
    row = [cellf("expenditure", "行政运行", "支出预算/合计", "14348853.34", code="2040601"),
           cellf("expenditure", "行政运行", "支出预算/基本支出/人员经费", "12604173.34", code="2040601"),
           cellf("expenditure", "行政运行", "支出预算/基本支出/公用经费", "1744680.00", code="2040601")]
    assert [o.passed for o in check(ctx(other + row))] == [True, True]
    # 上海市普陀区司法局 prints 64,840,547.00 as 项目支出 of 行政运行
    project = cellf("expenditure", "行政运行", "支出预算/项目支出", "64840547.00", code="2040601")
    bad = check(ctx(other + row + [project]))
    failed = [o.finding for o in bad if not o.passed]
    assert [(f.row_label, f.column, f.difference) for f in failed] == [
        ("行政运行", ("支出预算", "合计"), Decimal("-64840547.00"))]
    assert failed[0].message == ("“行政运行”的合计栏印刷为 14,348,853.34，同行各分栏（基本支出、项目支出）之和为 "
                                 "79,189,400.34，相差 -64,840,547.00。")


def test_row_total_may_include_or_exclude_the_carryover():
    from pipeline.checks.row_total_equals_parts import check

    row = [cellf("income", "合计", "合计", "66307.98"),
           cellf("income", "合计", "财政拨款收入/一般公共预算", "46402.33"),
           cellf("income", "合计", "其他资金收入/其他收入", "1.64"),
           cellf("income", "合计", "上年结转结余", "19904.01")]
    assert [o.passed for o in check(ctx(row))] == [True]
    row[0] = cellf("income", "合计", "合计", "46403.97")
    assert [o.passed for o in check(ctx(row))] == [True]


def test_two_sided_totals():
    from pipeline.checks.two_sided_totals import check

    facts = [cellf("summary", "收入总计", "收入/预算数", "1564.72", 27),
             cellf("summary", "支出总计", "支出/预算数", "1564.72", 27)]
    assert [o.passed for o in check(ctx(facts))] == [True]
    facts[1] = cellf("summary", "支出总计", "支出/预算数", "1560.00", 27)
    (o,) = check(ctx(facts))
    assert not o.passed and o.finding.message == (
        "收入总计印刷为 1,564.72，支出总计（summary，第 1 页）为 1,560.00，相差 4.72。")


def test_income_equals_expenditure_only_for_budgets():
    from pipeline.checks.income_equals_expenditure import check

    facts = [cellf("income", "合计", "本年收入/合计", "1564.72"), cellf("expenditure", "合计", "合计", "1500.00")]
    (o,) = check(ctx(facts, "unit_budget", tables={"expenditure": Resource("expenditure", "2026年支出总表", [], [])}))
    # another table is named by its printed title
    assert not o.passed and o.finding.message == ("收入表合计印刷为 1,564.72，支出表合计（2026年支出总表，第 1 页）为 "
                                                  "1,500.00，相差 64.72。")
    assert check(ctx(facts, "department_final_account")) == []
    facts[1] = cellf("expenditure", "合计", "合计", "1564.72")
    assert [o.passed for o in check(ctx(facts, "unit_budget"))] == [True]


def test_basic_economic_equals_basic():
    from pipeline.checks.basic_economic_equals_basic import check

    facts = [cellf("basic_expenditure_economic", "合计", "2026年预算数/合计", "973.99"),
             cellf("general_public_expenditure", "合计", "2026年预算数/基本支出", "973.99")]
    assert [o.passed for o in check(ctx(facts))] == [True]
    facts[1] = cellf("general_public_expenditure", "合计", "2026年预算数/基本支出", "970.00")
    assert [o.passed for o in check(ctx(facts))] == [False]


def test_project_table_equals_project():
    from pipeline.checks.project_table_equals_project import check

    facts = [cellf("project_expenditure", "大同市行政审批服务管理局", "合计", "590.73"),
             cellf("expenditure", "合计", "2026年预算数/项目支出", "590.73")]
    assert [o.passed for o in check(ctx(facts))] == [True]
    facts[0] = cellf("project_expenditure", "大同市行政审批服务管理局", "合计", "500.00")
    assert [o.passed for o in check(ctx(facts))] == [False]


def test_operating_costs_equal_public_expenses_where_defined_so():
    from pipeline.checks.operating_costs_equals_public_expenses import check

    facts = [cellf("operating_costs", "部门合计", "合计", "98.64"),
             cellf("basic_expenditure_economic", "合计", "2026年预算数/公用经费", "98.64")]
    defined = ctx(facts, "unit_budget", {"机关运行经费": "指……基本支出中的公用经费支出。"})
    assert [o.passed for o in check(defined)] == [True]
    other_definition = {"机关运行经费": "指为保障行政单位运行用于购买货物和服务的各项资金"}
    assert check(ctx(facts, "unit_budget", other_definition)) == []
    facts[0] = cellf("operating_costs", "部门合计", "合计", "90.00")
    assert [o.passed for o in check(ctx(facts, "unit_budget", defined.glossary))] == [False]


def test_department_count_passes_and_fails():
    from pipeline.checks.department_count import check

    units = (("办公室", 3), ("审批一科", 3), ("审批二科", 3))
    assert [o.passed for o in check(ctx([], departments=units, stated_departments=3))] == [True]
    (o,) = check(ctx([], departments=units, stated_departments=4))
    assert not o.passed and o.finding.severity == "error" and (o.finding.printed, o.finding.expected) == (3, 4)
    assert o.finding.message == "“机构设置”列出 3 个内设机构，文字称 4 个。"
    assert check(ctx([], departments=units)) == []  # no count stated: nothing to compare


def _form(name, year_total="", unit="元"):
    from pipeline.tables.forms import Form

    return Form(page=40, fields={"project_name": name}, funds={"year_total": year_total} if year_total else {},
                funds_unit=unit)


PROJECTS = [fact("", "590.73", "政务服务中心运行经费", "合计", table="project_expenditure")]


def test_form_matches_project_passes_and_fails():
    from pipeline.checks.form_matches_project import check

    assert [o.passed for o in check(ctx(PROJECTS, forms=(_form("政务服务中心运行经费"),)))] == [True]
    (o,) = check(ctx(PROJECTS, forms=(_form("政务服务中心运行费"),)))
    assert not o.passed and o.finding.severity == "warning" and o.finding.message == (
        "绩效目标表的项目名称“政务服务中心运行费”与项目支出表（project_expenditure，第 1 页）中的“政务服务中心运行经费”"
        "不完全一致（相似度 0.95），按最相近者对应。")
    (o,) = check(ctx(PROJECTS, forms=(_form("完全无关的名称"),)))
    assert not o.passed and o.finding.message == "绩效目标表的项目“完全无关的名称”在项目支出表中找不到对应项目。"


def test_form_funds_match_project_passes_and_fails():
    from pipeline.checks.form_funds_match_project import check

    ok = _form("政务服务中心运行经费", "5907300")
    assert [o.passed for o in check(ctx(PROJECTS, forms=(ok,)))] == [True]
    in_wan = _form("政务服务中心运行经费", "590.73", "万元")
    assert [o.passed for o in check(ctx(PROJECTS, forms=(in_wan,)))] == [True]
    (o,) = check(ctx(PROJECTS, forms=(_form("政务服务中心运行经费", "5000000"),)))
    assert not o.passed and o.finding.severity == "error" and o.finding.difference == Decimal(-907300)
    assert o.finding.message == ("“政务服务中心运行经费”绩效目标表的年度资金总额为 5,000,000 元，"
                                 "项目支出表（project_expenditure，第 1 页）所列为 590.73 万元，相差 -907,300 元。")


def test_narrative_matches_table_passes_and_fails():
    from pipeline.checks.narrative_matches_table import ROUNDED_IN_TEXT, check
    from pipeline.text.narrative import Figure

    rows = [fact("210", "264.46", "卫生健康支出", "预算数", table="expenditure"),
            fact("", "1564.72", "收入总计", "预算数", table="summary")]
    stated = Figure("三、支出预算情况说明", "卫生健康支出", "264.46", "万元", 5, "")
    assert [o.passed for o in check(ctx(rows, figures=(stated,)))] == [True]
    wrong = Figure("三、支出预算情况说明", "卫生健康支出", "260.00", "万元", 5, "")
    (o,) = check(ctx(rows, figures=(wrong,)))
    assert not o.passed and o.finding.severity == "warning" and o.finding.page == 5
    # the words may mean other cells too: a note, not a rounding difference
    assert o.finding.message == ("情况说明称“卫生健康支出”为 260.00 万元，expenditure“卫生健康支出 预算数”"
                                 "（第 1 页）为 264.46 万元；文字所指可能不是这一金额，未能确定。")
    in_yuan = Figure("三、支出预算情况说明", "卫生健康支出", "2644600", "元", 5, "")
    assert [(o.passed, o.finding) for o in check(ctx(rows, figures=(in_yuan,)))] == [(True, None)]
    # the text rounds the table's 元 to 万元: a rounding warning, said so
    yuan = [Fact("expenditure", "210", "卫生健康支出", ("预算数",), Decimal("2644612.34"), "元", 1, page=10)]
    rounded = Figure("三、支出预算情况说明", "卫生健康支出", "264.46", "万元", 5, "")
    (o,) = check(ctx(yuan, figures=(rounded,)))
    assert o.passed and o.finding.severity == "warning" and o.finding.message == (
        "情况说明称“卫生健康支出”为 264.46 万元，expenditure“卫生健康支出 预算数”（第 10 页）为 "
        f"2,644,612.34 元；{ROUNDED_IN_TEXT}。")
    # one last digit apart: a rounding difference within what the printed digits allow
    (o,) = check(ctx(rows, figures=(Figure("三、支出预算情况说明", "卫生健康支出", "264.47", "万元", 5, ""),)))
    assert o.passed and o.finding.severity == "warning" and o.finding.message.endswith(
        "为 264.46 万元，相差 0.01 万元，在印刷位数允许的尾差范围内。")
    # the headline figures are text_matches_table's (tests/test_text_checks.py)
    assert check(ctx(rows, figures=(Figure("一、收支预算总体情况", "收入总计", "0.3", "万元", 3, ""),))) == []


def test_one_definition_of_a_total():
    from pipeline.tables.totals import is_table_total, is_total_column, is_total_row, row_total_kind

    assert [row_total_kind(x) for x in ("合 计", "本年支出合计", "支出总计", "小计", "行政运行")] == [
        "table", "year", "grand", "sub", None]
    assert is_table_total("总计") and not is_table_total("支出总计") and is_total_row("支出总计")
    assert is_total_column("小计") and not is_total_column("基本支出")


def test_two_totals_for_one_document_one_answer_is_the_printed_total():
    """Issue 20: 国家信访局's document page showed 收入总计 20,451.35 (its 本年收入合计) where its
    publisher page and indicators said 22,066.59 (the printed 总计). Every view now reads the
    indicators: 收入总计 is the printed 总计, 本年收入合计 is income_current_year."""
    from pipeline.tables.indicators import facts_to_indicators, headline_rows

    def summary(label, amount, side, row):
        return Fact("summary", "", label, (side, "决算数"), Decimal(amount), page=4, row_number=row, measure="total",
                    amount_year=2024, phase="executed")

    facts = [summary("本年收入合计", "20451.35", "收入", 10), summary("年初结转和结余", "1615.24", "收入", 11),
             summary("总计", "22066.59", "收入", 12), summary("本年支出合计", "14572.53", "支出", 10),
             summary("总计", "22066.59", "支出", 12)]
    rows = [i.to_row() for i in facts_to_indicators(facts, 2024, "department_final_account")]
    found = headline_rows(rows, "executed")
    assert found["income_total"]["value_yuan"] == found["expenditure_total"]["value_yuan"] == "220665900"
    assert found["income_current_year"]["value_yuan"] == "204513500"
    assert found["expenditure_current_year"]["value_yuan"] == "145725300"


def ocr_fact(code, amount, confidence, column="合计", text=""):
    return Fact("expenditure", code, "", text_to_column(column), Decimal(amount), page=7, row_number=1,
                confidence=confidence, ocr_text=text or amount)


OCR_TREE = [ocr_fact("201", "1300.26", 0.99), ocr_fact("20103", "1300.26", 0.98),
            ocr_fact("2010301", "709.53", 1.0), ocr_fact("2010306", "590.73", 0.97)]


def test_ocr_low_confidence_reports_unsure_amounts_only():
    from pipeline.checks.ocr_low_confidence import check

    assert check(ctx(TREE)) == [] and check(ctx(OCR_TREE)) == []  # text facts, and sure readings
    unsure = [*OCR_TREE[:3], ocr_fact("2010306", "590.73", 0.61, text="59O.73")]
    (o,) = check(ctx(unsure))
    f = o.finding
    assert not o.passed and (f.rule, f.severity, f.table, f.row_code, f.page) == (
        "ocr_low_confidence", "warning", "expenditure", "2010306", 7)
    assert f.message.startswith("此格识别为“59O.73”，按 590.73 计，识别置信度 0.61（低于 ")
    assert f.message.endswith("），请对照原文第 7 页核对。")


def test_ocr_likely_misread_names_the_least_certain_amount_compared():
    check = REGISTRY["ocr_likely_misread"].check

    assert check(ctx(OCR_TREE)) == []  # it all adds up: nothing to explain
    misread = [*OCR_TREE[:2], ocr_fact("2010301", "769.53", 0.58), OCR_TREE[3],
               ocr_fact("210", "52.61", 0.42)]  # the least certain of all, but compared with nothing that fails
    findings = [o.finding for o in check(ctx(misread))]
    assert findings and {(f.rule, f.row_code, f.severity) for f in findings} == {
        ("ocr_likely_misread", "2010301", "warning")}
    f = findings[0]
    assert (f.printed, f.expected) == (Decimal("769.53"), Decimal("709.53"))
    assert f.message == ("expenditure“合计”栏（第 7 页）的核对不成立：“20103”印刷为 1,300.26，其下级科目（2010301、"
                         "2010306）之和为 1,360.26，相差 -60.00。该项核对所读的 3 个识别金额中，此格最不确定："
                         "识别为“769.53”，识别置信度 0.58，很可能识别有误；此格若为 709.53，核对即成立。")
    # amounts all read with confidence: the document's own numbers are the likelier cause
    sure = [ocr_fact(f.row_code, str(f.amount), 0.99) for f in misread[:4]]
    (o,) = {o.finding.message: o for o in check(ctx(sure))}.values()
    assert "更可能是文件本身的数字不符" in o.finding.message and "很可能识别有误" not in o.finding.message


def test_ocr_likely_misread_explains_every_rule_that_compares_table_amounts():
    from pipeline.checks import REGISTRY

    # rules on the words, and the report of cells that did not read, compare no two table amounts
    compare_words = {"narrative_matches_table", "form_funds_match_project", "form_matches_project",
                     "department_count", "text_matches_table", "text_zero_total", "text_comparison_words",
                     "text_years", "text_placeholders", "text_typography", "tables_complete", "unreadable_amount",
                     "amount_not_read", "text_shares", "names_agree_by_code",
                     "fund_tables_agree", "amounts_not_negative", "text_names_match_codes"}
    ocr = {"ocr_low_confidence", "ocr_likely_misread"}
    explained = set(REGISTRY["ocr_likely_misread"].check.keywords["explained"])
    assert explained == {r.check for name, r in REGISTRY.items() if name not in compare_words | ocr}
    assert len(explained) == 15


def test_every_rule_is_registered_once_with_its_chinese_label_in_findings_order():
    from pipeline.checks import REGISTRY

    assert len(REGISTRY) == 35
    orders = [r.order for r in REGISTRY.values()]
    assert orders == sorted(orders) and len(set(orders)) == len(orders)
    assert all(r.label and not r.label.isascii() and r.description for r in REGISTRY.values())
    assert list(REGISTRY)[:2] == ["parent_equals_children", "total_equals_top_level"]


def test_amount_not_read_passes_when_the_package_holds_what_the_pages_print():
    from pipeline.checks.amount_not_read import check
    from pipeline.text.coverage import printed_to_coverage

    printed = [(6, "1,564.72"), (6, "1,564.72"), (7, "264.46"), (7, "36.01")]
    from pipeline.text.narrative import Figure

    facts = [fact("", "1564.72", "收入总计", "预算数", table="summary", page=6),
             fact("210", "264.46", "卫生健康支出", "预算数", page=7)]
    coverage = printed_to_coverage(printed, facts, [Figure("", "占比", "36.01", "%", 7, "")])
    assert (coverage.printed, coverage.read) == (4, 4)
    assert [o.passed for o in check(Context(coverage=coverage))] == [True]


def test_amount_not_read_reports_pages_whose_amounts_the_package_lacks():
    from pipeline.checks.amount_not_read import check
    from pipeline.text.coverage import printed_to_coverage

    printed = [(7, "938.99"), (7, "454.50"), (8, "1,000.00"), (9, "264.46")]
    facts = [fact("210", "264.46", "卫生健康支出", "预算数", page=9)]
    coverage = printed_to_coverage(printed, facts, [])
    assert (coverage.printed, coverage.read, str(coverage.share)) == (4, 1, "0.2500")
    (o,) = check(Context(coverage=coverage))
    assert not o.passed and (o.finding.rule, o.finding.severity, o.finding.page) == ("amount_not_read", "error", 7)
    assert o.finding.message.startswith(
        "本文件各页共印有 4 个金额，数据包读出 1 个（25.00%），3 个未读出，在第 7、8 页")
    assert "938.99" in o.finding.message
    assert check(Context()) == []  # nothing counted (a package written before the self-audit)


def test_amount_not_read_is_a_warning_when_at_most_two_percent_are_not_read():
    from pipeline.checks.amount_not_read import check
    from pipeline.text.coverage import printed_to_coverage

    printed = [(3, f"{n}.00") for n in range(100, 150)]
    facts = [fact("", f"{n}.00", "x", "预算数", page=3) for n in range(100, 149)]
    (o,) = check(Context(coverage=printed_to_coverage(printed, facts, [])))
    assert not o.passed and o.finding.severity == "warning" and "149.00" in o.finding.message


def summary_fact(table, label, amount, side, row, measure="total", column="预算数"):
    return Fact(table, "", label, (side, column), Decimal(amount), page=6, row_number=row, measure=measure,
                amount_year=2026, phase="approved")


BALANCED = [summary_fact("summary", "一、一般公共预算拨款", "1500.00", "收入", 1),
            summary_fact("summary", "本年收入合计", "1500.00", "收入", 5),
            summary_fact("summary", "上年结转", "64.72", "收入", 6),
            summary_fact("summary", "收入总计", "1564.72", "收入", 7),
            summary_fact("summary", "一、一般公共服务支出", "1564.72", "支出", 1),
            summary_fact("summary", "本年支出合计", "1564.72", "支出", 5),
            summary_fact("summary", "结转下年", "0.00", "支出", 6),
            summary_fact("summary", "支出总计", "1564.72", "支出", 7)]


def test_balance_identities_hold_in_a_balanced_summary():
    from pipeline.checks.balance_identities import check

    c = Context(facts=tuple(BALANCED), document_type="unit_budget", fiscal_year=2026)
    assert [o.passed for o in check(c)] == [True, True]


def test_balance_identities_find_a_carryover_that_does_not_add_up():
    """Issue 25: a 收入总计 that is not 本年收入合计 + 上年结转 (each line right on its own)."""
    from pipeline.checks.balance_identities import check

    planted = [dataclasses.replace(f, amount=Decimal("80.00")) if f.row_label == "上年结转" else f for f in BALANCED]
    (o, ok) = check(Context(facts=tuple(planted), document_type="unit_budget", fiscal_year=2026))
    assert ok.passed and not o.passed and o.finding.severity == "error"
    assert o.finding.message == "“收入总计”印刷为 1,564.72，“本年收入合计”与“上年结转”之和为 1,580.00，相差 -15.28。"


def _with_tables(summary_income="1500.00", income_total="1500.00"):
    income = [Fact("income", "", "合计", ("合计",), Decimal(income_total), page=8, row_number=9, measure="total",
                   amount_year=2026, phase="approved")]
    facts = [dataclasses.replace(f, amount=Decimal(summary_income)) if f.row_label == "本年收入合计" else f
             for f in BALANCED]
    return Context(facts=tuple(facts + income), document_type="unit_budget", fiscal_year=2026)


def test_summary_matches_the_income_table():
    from pipeline.checks.summary_matches_tables import check

    assert [o.passed for o in check(_with_tables())] == [True]
    # the income table counts the carried-over money in: it is the summary's 收入总计
    assert [o.passed for o in check(_with_tables(income_total="1564.72"))] == [True]


def test_summary_that_disagrees_with_the_income_table_is_an_error():
    from pipeline.checks.summary_matches_tables import check

    (o,) = check(_with_tables(income_total="1490.00"))
    assert not o.passed and (o.finding.rule, o.finding.severity, o.finding.table) == (
        "summary_matches_tables", "error", "income")
    assert o.finding.message.startswith(
        "income“合计”印刷为 1,490.00，收支总表“本年收入合计”（summary，第 6 页）为 1,500.00")


def _appropriation(gpb_table="1564.72", gpb_summary="1564.72"):
    return Context(facts=(
        Fact("appropriation_summary", "", "一、一般公共预算", ("支出", "一般公共预算"), Decimal(gpb_summary), page=10,
             row_number=1, measure="general_public_budget", amount_year=2026, phase="approved"),
        Fact("appropriation_summary", "", "本年支出合计", ("支出", "一般公共预算"), Decimal(gpb_summary), page=10,
             row_number=5, measure="general_public_budget", amount_year=2026, phase="approved"),
        Fact("general_public_expenditure", "", "合计", ("合计",), Decimal(gpb_table), page=11, row_number=1,
             measure="total", amount_year=2026, phase="approved")), document_type="unit_budget", fiscal_year=2026)


def test_appropriation_summary_matches_the_general_public_budget_table():
    from pipeline.checks.appropriation_matches_tables import check

    assert [o.passed for o in check(_appropriation())] == [True]
    (o,) = check(_appropriation(gpb_table="1600.00"))
    assert not o.passed and o.finding.severity == "error" and o.finding.difference == Decimal("35.28")


def _coded_pair(tables, changed, amount_2010301="709.53", amount_2010306="590.73", document_type="unit_budget"):
    """Two tables printing the same codes by the functional classification; `changed` prints the
    two 项 with the amounts given (its 类 and 合计 still 1,300.26)."""
    def f(table, code, label, amount, row):
        return Fact(table, code, label, ("合计",), Decimal(amount), page=tables.index(table) + 7,
                    row_number=row, measure="total", classification="functional" if code else "",
                    amount_year=2026, phase="executed" if "final" in document_type else "approved")
    rows = []
    for table in tables:
        mine = table == changed
        rows += [f(table, "", "合计", "1300.26", 1), f(table, "201", "一般公共服务支出", "1300.26", 2),
                 f(table, "2010301", "行政运行", amount_2010301 if mine else "709.53", 3),
                 f(table, "2010306", "政务公开审批", amount_2010306 if mine else "590.73", 4)]
    return Context(facts=tuple(rows), document_type=document_type, fiscal_year=2026)


def _one_fund(gpb_2010301="709.53", gpb_2010306="590.73"):
    return _coded_pair(("expenditure", "general_public_expenditure"), "general_public_expenditure",
                       gpb_2010301, gpb_2010306)


def test_codes_agree_across_tables_where_one_fund_pays_for_everything():
    from pipeline.checks.codes_agree_across_tables import check

    assert [o.passed for o in check(_one_fund())] == [True, True, True]


def test_a_code_printed_with_another_amount_in_the_general_public_budget_table_is_an_error():
    """Issue 25: planted in one table and consistent there (its 项 still add up to their 类)."""
    from pipeline.checks.codes_agree_across_tables import check

    outcomes = check(_one_fund(gpb_2010301="719.53", gpb_2010306="580.73"))
    o, _ = [o for o in outcomes if not o.passed]
    assert (o.finding.rule, o.finding.severity, o.finding.row_code, o.finding.page) == (
        "codes_agree_across_tables", "error", "2010301", 7)
    assert o.finding.message.startswith("支出总表科目“2010301 行政运行”印刷为 709.53，一般公共预算支出表同一科目")


def test_issue_25_names_agree_by_code_passes_one_name_per_code():
    from pipeline.checks.names_agree_by_code import check

    facts = [fact("2080501", "100.00", "行政单位离退休", "合计", table="expenditure", page=9),
             fact("2080501", "100.00", "3.行政单位离退休（项）", "合计", table="general_public_expenditure", page=11),
             fact("2080502", "5.00", "事业单位离退休", "合计", table="expenditure", page=9)]
    assert [o.passed for o in check(Context(facts=tuple(facts_to_comparable(facts, 2026, "department_budget"))))] \
        == [True]


def test_issue_25_names_agree_by_code_warns_when_one_code_has_two_names():
    from pipeline.checks.names_agree_by_code import check

    facts = [fact("2080501", "100.00", "行政单位离退休", "合计", table="expenditure", page=9),
             fact("2080501", "100.00", "事业单位离退休", "合计", table="general_public_expenditure", page=11),
             fact("2080501", "3.00", "某项目", "合计", table="project_expenditure", page=12)]
    (o,) = check(Context(facts=tuple(facts_to_comparable(facts, 2026, "department_budget"))))
    f = o.finding
    assert not o.passed and (f.severity, f.row_code, f.page) == ("warning", "2080501", 11)
    assert "印为“行政单位离退休”" in f.message and "印为“事业单位离退休”" in f.message


def test_issue_25_an_item_the_words_name_by_code_or_by_its_path_is_found_in_the_tables():
    from pipeline.checks.narrative_matches_table import Coded, stated_code

    coded = Coded({"204": "公共安全支出", "20406": "司法", "2040601": "行政运行", "201": "一般公共服务支出",
                   "20113": "商贸事务", "2011301": "行政运行"}, {})
    assert stated_code("行政运行（2040601）", coded) == "2040601"
    assert stated_code("2080506-机关事业单位职业年金缴费支出", coded) == "2080506"
    assert stated_code("公共安全支出（204类）司法（06款）行政运行（01项）", coded) == "2040601"
    assert stated_code("“一般公共服务（类）商贸事务（款）行政运行（项）”科目", coded) == "2011301"
    assert stated_code("公共安全支出（204类）司法（06款）信息化建设（）", coded) is None  # deeper than its path
    assert stated_code("行政运行（项）", coded) is None  # two 行政运行: which one is not said


def test_issue_25_a_per_item_amount_the_words_state_is_compared_with_that_codes_row():
    from pipeline.checks.narrative_matches_table import check
    from pipeline.text.narrative import Figure

    facts = [fact("201", "1300.00", "一般公共服务支出", "合计", table="general_public_expenditure", page=12),
             fact("20113", "1300.00", "商贸事务", "合计", table="general_public_expenditure", page=12),
             fact("2011301", "938.99", "行政运行", "合计", table="general_public_expenditure", page=12),
             fact("2011350", "361.01", "事业运行", "合计", table="general_public_expenditure", page=12)]
    ctx = Context(facts=tuple(facts_to_comparable(facts, 2025, "department_budget")), fiscal_year=2025)
    path = "“一般公共服务支出（类）商贸事务（款）{}（项）”"
    right = Figure("五、一般公共预算支出", path.format("行政运行"), "938.99", "万元", 7, "")
    wrong = Figure("五、一般公共预算支出", path.format("事业运行"), "290.18", "万元", 7, "")
    assert [o.passed for o in check(dataclasses.replace(ctx, figures=(right,)))] == [True]
    (o,) = check(dataclasses.replace(ctx, figures=(wrong,)))
    assert not o.passed and o.finding.page == 7 and "361.01" in o.finding.message and "290.18" in o.finding.message


def _fund_context(summary_amount: str | None, table_amount: str | None) -> Context:
    from pipeline.model import Field

    facts = [fact("", "100.00", "一般公共预算", "本年收入", table="summary", page=6)]
    if summary_amount is not None:
        facts.append(fact("", summary_amount, "政府性基金预算", "本年收入", table="summary", page=6))
    if table_amount is not None:
        facts.append(fact("2120801", table_amount, "征地和拆迁补偿支出", "合计", table="gov_fund_expenditure", page=14))
    summary = Resource("summary", "收支总表", [Field("item", "string", "项目")],
                       [{"item": "一般公共预算"}, {"item": "政府性基金预算"}])
    fund = Resource("gov_fund_expenditure", "政府性基金预算支出表", [], [], extra={"pages": [14]})
    return Context(facts=tuple(facts_to_comparable(facts, 2026, "department_budget")),
                   document_type="department_budget", fiscal_year=2026,
                   tables={"summary": summary, "gov_fund_expenditure": fund})


def test_issue_25_fund_tables_agree_passes_when_both_print_the_fund_or_neither_does():
    from pipeline.checks.fund_tables_agree import check

    assert [(o.passed, o.decided) for o in check(_fund_context("30.00", "30.00"))] == [(True, True)]
    assert [(o.passed, o.decided) for o in check(_fund_context("0.00", None))] == [(True, True)]
    assert [(o.passed, o.decided) for o in check(_fund_context(None, None))] == [(True, True)]  # a blank cell


def test_issue_25_fund_tables_agree_reports_a_fund_one_side_prints_and_the_other_does_not():
    from pipeline.checks.fund_tables_agree import check

    (o,) = check(_fund_context("30.00", None))
    assert not o.passed and o.finding.severity == "error" and o.finding.page == 6
    assert "政府性基金预算支出表未印任何金额" in o.finding.message
    (o,) = check(_fund_context("0.00", "30.00"))
    assert not o.passed and o.finding.page == 14 and "中政府性基金预算为 0" in o.finding.message


def test_issue_25_amounts_not_negative_passes_levels_and_negative_changes():
    from pipeline.checks.amounts_not_negative import check

    facts = [fact("2010301", "120.00", "行政运行", "2026年预算数"),
             fact("2010301", "-20.00", "行政运行", "比上年增减")]
    assert [o.passed for o in check(Context(facts=tuple(facts)))] == [True]


def test_issue_25_amounts_not_negative_warns_at_a_negative_level():
    from pipeline.checks.amounts_not_negative import check

    facts = [fact("2010301", "-120.00", "行政运行", "合计", page=9)]
    (o,) = check(Context(facts=tuple(facts)))
    assert not o.passed and (o.finding.severity, o.finding.page) == ("warning", 9)
    assert "印为 -120.00 万元" in o.finding.message


def _two_funds(gpb_carried="100.00", fund_carried="579.89"):
    """重庆's 财政拨款收支总表: this year's money is all 一般公共预算, the carried-in money is both funds'."""
    def row(label, amount, s, n, measure="total", column=("金额",)):
        return Fact("appropriation_summary", "", label, (s, *column), Decimal(amount), page=11, row_number=n,
                    measure=measure, amount_year=2026, phase="approved")
    return [row("一、本年收入", "12572.73", "收入", 1),
            row("(一)一般公共预算资金", "12572.73", "收入", 2, "general_public_budget"),
            row("二、上年结转", "679.89", "收入", 8, "carryover"),
            row("(一)一般公共预算拨款", gpb_carried, "收入", 9, "general_public_budget"),
            row("(二)政府性基金预算拨款", fund_carried, "收入", 10, "gov_fund_budget"),
            row("收入合计", "13252.62", "收入", 12),
            row("一、本年支出", "13252.62", "支出", 1),
            row("一、本年支出", "12672.73", "支出", 1, "general_public_budget", ("一般公共预算",)),
            row("一、本年支出", "579.89", "支出", 1, "gov_fund_budget", ("政府性基金预算",)),
            row("支出合计", "13252.62", "支出", 12)]


def test_fund_balance_identities_hold_for_each_fund():
    from pipeline.checks.fund_balance_identities import check

    outcomes = check(Context(facts=tuple(_two_funds()), document_type="dept_budget", fiscal_year=2026))
    assert [(o.passed, o.decided) for o in outcomes] == [(True, True), (True, True)]


def test_fund_balance_identities_find_carried_money_put_under_the_wrong_fund():
    """Issue 25: the totals still agree (679.89 carried in, 13,252.62 each side); one fund's do not."""
    from pipeline.checks.fund_balance_identities import check

    planted = _two_funds(gpb_carried="200.00", fund_carried="479.89")
    gpb, fund = check(Context(facts=tuple(planted), document_type="dept_budget", fiscal_year=2026))
    assert not gpb.passed and gpb.finding.severity == "error" and gpb.finding.difference == Decimal("-100.00")
    assert gpb.finding.message == ("一般公共预算资金“一、本年支出”印刷为 12,672.73，"
                                   "其本年收入 12,572.73 与年初结转和结余 200.00 之和"
                                   "减去年末结转和结余 0 后为 12,772.73，相差 -100.00。")
    assert not fund.passed and fund.finding.difference == Decimal("100.00")


def test_fund_balance_identities_undecided_where_one_carry_line_serves_two_funds():
    from pipeline.checks.fund_balance_identities import check

    lumped = [f for f in _two_funds() if f.row_number not in (9, 10)]
    outcomes = check(Context(facts=tuple(lumped), document_type="dept_budget", fiscal_year=2026))
    assert [o.decided for o in outcomes] == [False, False]


def _income_and_appropriation(gpb="12572.73", fund="579.89", year="13152.62", grand="13252.62"):
    """The income table's 合计 row by fund (with a 其中 column that is not a part) and the
    appropriation summary's 本年收入 and 收入总计."""
    def cell(table, label, column, amount, row, measure):
        return Fact(table, "", label, column, Decimal(amount), page=7 if table == "income" else 11, row_number=row,
                    measure=measure, amount_year=2026, phase="approved")
    return Context(facts=(
        cell("income", "合计", ("合计",), "13300.00", 1, "total"),
        cell("income", "合计", ("一般公共预算拨款", "小计"), gpb, 1, "general_public_budget"),
        cell("income", "合计", ("一般公共预算拨款", "其中：专项资金"), "100.00", 1, "general_public_budget"),
        cell("income", "合计", ("政府性基金预算拨款",), fund, 1, "gov_fund_budget"),
        cell("income", "合计", ("事业收入",), "47.38", 1, "business_income"),
        cell("appropriation_summary", "本年收入合计", ("收入", "预算数"), year, 5, "total"),
        cell("appropriation_summary", "上年结转", ("收入", "预算数"), "100.00", 6, "carryover"),
        cell("appropriation_summary", "收入总计", ("收入", "预算数"), grand, 9, "total"),
    ), document_type="dept_budget", fiscal_year=2026)


def test_appropriation_income_matches_the_income_tables_budget_columns():
    from pipeline.checks.appropriation_income_matches_income import check

    assert [o.passed for o in check(_income_and_appropriation())] == [True]
    # the income table folds the carried-over money into its fund columns: the summary's 收入总计
    assert [o.passed for o in check(_income_and_appropriation(fund="679.89"))] == [True]


def test_appropriation_income_that_the_income_table_does_not_print_is_an_error():
    """Issue 25: the income table's 政府性基金 column planted 50.00 higher, its own 合计 left alone."""
    from pipeline.checks.appropriation_income_matches_income import check

    (o,) = check(_income_and_appropriation(fund="629.89"))
    assert not o.passed and o.finding.severity == "error" and o.finding.table == "appropriation_summary"
    assert o.finding.message == ("财政拨款收支总表“本年收入合计”印刷为 13,152.62，"
                                 "income“合计”行的财政拨款（一般公共预算拨款、政府性基金预算拨款）"
                                 "（income，第 7 页）为 13,202.62，相差 -50.00。")


def _income_by_code(income_2010301="709.53", income_2010306="590.73", document_type="unit_budget"):
    """A budget whose income table lists its income by code, as its expenditure table lists spending."""
    return _coded_pair(("income", "expenditure"), "income", income_2010301, income_2010306, document_type)


def test_codes_agree_between_a_budgets_income_and_expenditure_tables():
    from pipeline.checks.codes_agree_across_tables import check

    assert [o.passed for o in check(_income_by_code())] == [True, True, True]


def test_a_code_the_income_table_prints_with_another_amount_is_an_error():
    """Issue 25: two 项 of the income table swap 10.00 (their 类 and the table's 合计 still add up)."""
    from pipeline.checks.codes_agree_across_tables import check

    outcomes = check(_income_by_code(income_2010301="719.53", income_2010306="580.73"))
    bad = [o.finding for o in outcomes if not o.passed]
    assert [(f.table, f.row_code, f.severity) for f in bad] == [("income", "2010301", "error"),
                                                              ("income", "2010306", "error")]
    assert bad[0].message.startswith("收入总表科目“2010301 行政运行”印刷为 719.53，支出总表同一科目")
    # a final account's income and spending of one code differ by what is carried over: not paired
    assert check(_income_by_code(income_2010301="719.53", income_2010306="580.73",
                                 document_type="department_final_account")) == []
