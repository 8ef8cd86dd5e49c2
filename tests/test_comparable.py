"""Comparable figures: the same printed words give the same measure, year and phase everywhere,
and indicators come only from what a table prints."""

from __future__ import annotations

from decimal import Decimal

from pipeline.model import Fact, text_to_column
from pipeline.tables.comparable import classification_of, facts_to_comparable, measure_of, phase_of, year_of
from pipeline.tables.indicators import facts_to_indicators


def test_the_same_header_gives_the_same_measure():
    assert measure_of(("2026年预算数", "基本支出")) == "basic"
    assert measure_of(("支出预算", "基本支出", "人员经费")) == "personnel"
    assert measure_of(("本年收入", "财政拨款", "一般公共预算拨款")) == "general_public_budget"
    # an item named in the row beats the fund of its column (广州's 三公 table)
    assert measure_of(("一般公共预算", "（三）公务接待费支出")) == "reception"
    assert measure_of(("“三公”经费合计",)) == "three_public_total"
    assert measure_of(("增减变化情况", "合计")) == "change"
    assert measure_of(("收入", "2026年")) == "total"
    assert measure_of(("行政经费",)) == ""  # 行政经费 is not 机关运行经费
    assert measure_of(("人员经费和公用经费支出",)) == "basic"


def test_years_and_phases_from_the_words():
    assert year_of(("2025年预算数", "合计"), 2026) == 2025
    assert year_of(("上年", "合计"), 2026) == 2025
    assert year_of(("上年结转",), 2026) == 2026  # money carried in, this year's
    assert phase_of(("年初预算数",), "department_final_account") == "approved"
    assert phase_of(("决算数",), "department_final_account") == "executed"
    assert phase_of(("本年支出", "一般公共预算"), "department_final_account") == "executed"
    assert phase_of(("三公经费预（决）算数（财政拨款）", "小计"), "department_budget") == "approved"


def test_classification_from_the_code():
    assert [classification_of(c) for c in ("201", "2010301", "30101", "3010201", "126001", "")] == [
        "functional", "functional", "economic", "economic", "", ""]


def fact(label, column, amount, table="summary", code="", row=1):
    return Fact(table, code, label, text_to_column(column), Decimal(amount), row_number=row)


def test_indicators_only_what_is_printed():
    facts = facts_to_comparable([
        fact("收入总计", "收入/2026年", "100"), fact("支出总计", "支出/2026年", "100", row=2),
        fact("合计", "2026年预算数/基本支出", "60", "expenditure"),
        fact("合计", "2026年预算数/项目支出", "40", "expenditure"),
        fact("合计", "2025年预算数/基本支出", "55", "expenditure"),
        fact("一般公共服务支出", "合计", "100", "general_public_expenditure", "201"),
        fact("行政运行", "合计", "100", "general_public_expenditure", "2010301", 2),
    ], 2026, "department_budget")
    found = {(i.indicator, i.code): i.fact.amount for i in facts_to_indicators(facts, 2026, "department_budget")}
    assert found == {("income_total", ""): 100, ("expenditure_total", ""): 100, ("basic_expenditure", ""): 60,
                     ("project_expenditure", ""): 40, ("functional", "201"): 100, ("functional", "2010301"): 100}


def test_carryover_listed_under_its_section_is_not_the_years_income():
    """重庆: (二)政府性基金预算拨款 under 二、上年结转 is carried-over money."""
    facts = facts_to_comparable([
        fact("一、本年收入", "收入/预算数", "100", "appropriation_summary", row=1),
        fact("(一)一般公共预算资金", "收入/预算数", "100", "appropriation_summary", row=2),
        fact("二、上年结转", "收入/预算数", "5", "appropriation_summary", row=3),
        fact("(二)政府性基金预算拨款", "收入/预算数", "5", "appropriation_summary", row=4),
    ], 2026, "department_budget")
    found = {i.indicator: i.fact.amount for i in facts_to_indicators(facts, 2026, "department_budget")}
    assert found["general_public_budget_income"] == 100 and found["carryover_income"] == 5
    assert "gov_fund_income" not in found


def test_a_side_total_below_this_years_subtotal_closes_the_side():
    """江苏 2017: 当年收入小计, 上年结转资金, then 收入合计 — the side's grand total — and the same
    on the 支出 side (当年支出小计, 结转下年资金, 支出合计)."""
    facts = facts_to_comparable([
        fact("当年收入小计", "收入/金额", "90", row=1), fact("当年支出小计", "支出/金额", "95", row=1),
        fact("上年结转资金", "收入/金额", "10", row=2), fact("结转下年资金", "支出/金额", "5", row=2),
        fact("收入合计", "收入/金额", "100", row=3), fact("支出合计", "支出/金额", "100", row=3),
    ], 2017, "department_budget")
    found = {i.indicator: i.fact.amount for i in facts_to_indicators(facts, 2017, "department_budget")}
    assert (found["income_total"], found["income_current_year"]) == (100, 90)
    assert (found["expenditure_total"], found["expenditure_current_year"]) == (100, 95)


def test_a_side_total_without_a_subtotal_above_stays_this_years():
    facts = facts_to_comparable([
        fact("收入合计", "收入/金额", "90", row=1), fact("上年结转", "收入/金额", "10", row=2),
        fact("收入总计", "收入/金额", "100", row=3),
    ], 2026, "department_budget")
    found = {i.indicator: i.fact.amount for i in facts_to_indicators(facts, 2026, "department_budget")}
    assert (found["income_total"], found["income_current_year"]) == (100, 90)


def test_a_printed_grand_total_wins_over_a_side_total_that_closes_the_side():
    facts = facts_to_comparable([
        fact("本年收入小计", "收入/金额", "90", row=1), fact("上年结转", "收入/金额", "10", row=2),
        fact("收入合计", "收入/金额", "100", row=3), fact("用事业基金弥补收支差额", "收入/金额", "5", row=4),
        fact("收入总计", "收入/金额", "105", row=5),
    ], 2026, "department_budget")
    found = {i.indicator: i.fact.amount for i in facts_to_indicators(facts, 2026, "department_budget")}
    assert found["income_total"] == 105


def test_a_year_in_a_projects_name_is_not_the_amounts_year():
    """Issue 20: 广州 '2026-2027年信息化运维项目' gave 2027, 珠海 '东西部协作资金-2025年' 2025."""
    from pipeline.tables.comparable import row_year

    assert row_year("广州市信访局2026-2027年信息化运维项目", 2026) is None
    assert row_year("东西部协作资金-2025年", 2026) is None
    assert row_year("2025年预算数", 2026) == 2025 and row_year("2024年决算", 2026) == 2024
    assert row_year("上年预算", 2026) == 2025 and row_year("本年收入合计", 2026) == 2026
    assert row_year("上年结转", 2026) is None  # this year's money carried in: a measure, not a year


def test_a_column_that_counts_people_or_things_is_no_amount():
    from pipeline.tables.locate import COUNT

    assert all(COUNT.search(h) for h in ("培训人数", "参会人次", "数量", "采购数量", "车辆数", "（人）"))
    assert not any(COUNT.search(h) for h in ("人员经费", "个人和家庭的补助", "金额", "合计", "项目支出"))


def test_a_figure_printed_again_points_at_its_first_print():
    from pipeline.tables.comparable import facts_to_repeats

    def f(table, code, label, amount, measure="total"):
        return Fact(table, code, label, ("合计",), Decimal(amount), measure=measure, amount_year=2026, phase="approved")

    facts = facts_to_repeats([f("income", "2080505", "机关事业单位基本养老保险缴费支出", "76.80"),
                              f("expenditure", "2080505", "机关事业单位基本养老保险缴费支出", "76.80"),
                              f("expenditure", "2080505", "", "70.00", measure="basic"),
                              f("general_public_expenditure", "2080505", "", "76.80"),
                              f("expenditure", "", "", "76.80"), f("three_public", "", "", "76.80")])
    assert [x.repeats for x in facts] == [None, 1, None, 1, None, None]  # nothing says what an unnamed row is


def test_one_rule_says_a_codes_level():
    from pipeline.codes import code_level

    assert [code_level(c) for c in ("201", "20103", "2010301", "302", "126001", "", "20a")] == [1, 2, 3, 1, None,
                                                                                              None, None]


def test_a_table_printed_empty_states_its_figure_as_empty_table():
    """Issue 20: a 三公 table printed with its header and no amount is neither 0 nor missing."""
    from pipeline.tables.indicators import Indicator, empty_tables_to_indicators

    tables = {"three_public": [14], "operating_costs": [15], "summary": [6]}
    facts = [Fact("summary", "", "收入总计", ("收入",), Decimal(1), page=6)]
    (row,) = [i.to_row() for i in empty_tables_to_indicators(tables, facts, [])[:1]]
    assert (row["indicator"], row["status"], row["value_yuan"], row["table"], row["page"]) == (
        "three_public_total", "empty_table", "", "three_public", "14")
    # a table that prints amounts, or words that say there is none, give the figure instead
    printed = [*facts, Fact("operating_costs", "", "合计", ("合计",), Decimal(5), page=15)]
    stated = [Indicator("three_public_total", "", Fact("narrative", "", "本单位无“三公”经费预算。", (), Decimal(0)))]
    assert empty_tables_to_indicators(tables, printed, stated) == []
