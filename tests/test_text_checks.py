"""The rules on the document's words, each with a passing and a failing case made from
hand-made pages of text read through the real sentence model (pipeline/text/sentences.py)."""

from __future__ import annotations

import csv
import re
from decimal import Decimal

import pytest
from conftest import CORPUS, needs_shared

from pipeline.checks import Context
from pipeline.model import Fact, Field, Line, Page, Resource, text_to_column
from pipeline.tables.comparable import facts_to_comparable
from pipeline.text.sentences import pages_to_sentences

PUBLISHER = "上海市普陀区测试局"


def page(number: int, *texts: str) -> Page:
    """A page of text lines, one under the other."""
    lines = [Line(t, 60, 60 + 20 * i, 540, 74 + 20 * i) for i, t in enumerate(texts)]
    return Page(number, 595, 842, lines, [])


def fact(table: str, label: str, column: str, amount: str, unit: str = "万元", page_no: int = 7) -> Fact:
    factor = {"元": 1, "万元": 10000}[unit]
    return Fact(table, "", label, text_to_column(column), Decimal(amount), unit, factor, page_no, row_number=1)


def context(pages: list[Page], facts: list[Fact] = (), document_type: str = "department_final_account",
            year: int = 2024, tables: dict | None = None) -> Context:
    return Context(facts=tuple(facts_to_comparable(facts, year, document_type)), document_type=document_type,
                   publisher=PUBLISHER, fiscal_year=year, sentences=tuple(pages_to_sentences(pages)),
                   tables=tables or {})


def findings(rule, ctx: Context) -> list:
    return [o.finding for o in rule.check(ctx) if o.finding is not None]


def passed(rule, ctx: Context) -> int:
    return sum(o.passed for o in rule.check(ctx))


# ---------------------------------------------------------------- the sentence model


def test_sentences_know_their_section_page_and_kind():
    pages = [page(1, "目 录", "一、收入支出决算总表", "二、财政拨款收入支出决算总表"),
             page(2, "一、收入支出决算总体情况说明", f"{PUBLISHER}2024年度收入支出总计2995.39万元。与2023年",
                  "度相比，收入支出总计减少56.95万元，下降1.87%。。"),
             page(3, "主要原因是人员减少。")]
    sentences = pages_to_sentences(pages)
    assert [s.kind for s in sentences] == ["contents", "contents", "contents", "heading", "text", "text", "text"]
    second = sentences[5]
    assert second.section == "一、收入支出决算总体情况说明" and second.text.endswith("下降1.87%。。")
    assert second.page == 2 and second.page_at(0) == 2
    assert sentences[6].page == 3


def test_a_sentence_running_over_a_page_knows_where_each_part_is_printed():
    (s,) = pages_to_sentences([page(4, "本年收入合计2946.25万元，其中："), page(5, "财政拨款收入2940.05万元。")])
    assert (s.page, s.page_at(0), s.page_at(s.text.index("财政拨款"))) == (4, 4, 5)


# ---------------------------------------------------------------- text_matches_table

APPROPRIATION = [fact("appropriation_summary", "总计", "收入/决算数", "2961.68", page_no=13),
                 fact("appropriation_summary", "总计", "支出/合计", "2961.68", page_no=13),
                 fact("summary", "总计", "收入/决算数", "2995.39", page_no=7),
                 fact("summary", "总计", "支出/决算数", "2995.39", page_no=7)]


def said(*sentences: str) -> list[Page]:
    return [page(21, "四、财政拨款收入支出决算总体情况说明", *sentences)]


def test_text_matches_table_passes_when_the_words_agree():
    from pipeline.checks import text_matches_table as rule

    ctx = context(said(f"{PUBLISHER}2024年度财政拨款收入支出总计2961.68万元。",
                       f"{PUBLISHER}2024年度收入支出总计2995.39万元。"), APPROPRIATION)
    assert findings(rule, ctx) == [] and passed(rule, ctx) == 2


def test_text_matches_table_reports_the_total_the_text_gets_wrong_as_an_error():
    from pipeline.checks import text_matches_table as rule

    (f,) = findings(rule, context(said(f"{PUBLISHER}2024年度财政拨款收入支出总计0.3万元。"), APPROPRIATION))
    assert (f.severity, f.page, f.printed, f.expected, f.difference) == (
        "error", 21, Decimal("0.3"), Decimal("2961.68"), Decimal("-2961.38"))
    assert "财政拨款收入支出总计0.3万元" in f.message and "第13页" in f.message and "相差-2961.38万元" in f.message


def test_text_in_wan_yuan_rounds_a_table_in_yuan():
    from pipeline.checks import text_matches_table as rule

    facts = [fact("summary", "收入总计", "本年收入/预算数", "86959408.34", "元")]
    ctx = context([page(6, "2026年，上海市普陀区测试局收入预算8695.94万元。")], facts, "unit_budget", 2026)
    assert findings(rule, ctx) == [] and passed(rule, ctx) == 1


def test_stage_words_pick_the_budget_or_the_final_column():
    from pipeline.checks import text_matches_table as rule

    three = [fact("three_public", "", "财政拨款“三公”经费/合计/预算数", "0.95", page_no=18),
             fact("three_public", "", "财政拨款“三公”经费/合计/决算数", "0.50", page_no=18)]
    right = "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.50万元。"
    assert passed(rule, context(said(right), three)) == 2
    (f,) = findings(rule, context(said(right.replace("0.50", "0.60")), three))
    assert f.severity == "error" and f.expected == Decimal("0.50") and "决算数" in f.message


def test_a_stated_figure_whose_table_cell_is_blank_is_reported():
    from pipeline.checks import text_matches_table as rule

    three = [fact("three_public", "", "预算数/公务接待费", "5.00")]
    table = Resource("three_public", "“三公”经费支出决算表",
                     [Field("budget", "number", "预算数/公务接待费"), Field("actual", "number", "决算数/公务接待费")],
                     [{"budget": "5.00", "actual": ""}])
    (f,) = findings(rule, context(said("公务接待费支出决算为3.00万元。"), three, tables={"three_public": table}))
    assert f.severity == "warning" and "决算数/公务接待费" in f.message and "为空" in f.message


def test_words_that_do_not_name_a_headline_figure_are_not_compared():
    from pipeline.checks import text_matches_table as rule

    text = said("年初预算为1560.05万元，支出决算为1511.89万元。", "比2023年度增加2.55万元。",
                "2023年收入支出总计100万元。")
    assert rule.check(context(text, APPROPRIATION)) == []


# ---------------------------------------------------------------- text_zero_total

GOV_FUND = [fact("gov_fund_expenditure", "合计", "本年支出/合计", "12.50", page_no=19)]


def test_zero_total_passes_where_the_tables_print_none():
    from pipeline.checks import text_zero_total as rule

    ctx = context(said(f"{PUBLISHER}2024年度无政府性基金预算财政拨款收入和支出。"), [])
    assert findings(rule, ctx) == [] and passed(rule, ctx) == 1


def test_zero_total_reports_none_stated_where_a_table_prints_an_amount():
    from pipeline.checks import text_zero_total as rule

    (f,) = findings(rule, context(said(f"{PUBLISHER}2024年度无政府性基金预算财政拨款收入和支出。"), GOV_FUND))
    assert f.severity == "error" and f.expected == Decimal("12.50") and "第19页" in f.message
    three = [fact("three_public", "", "决算数/合计", "3.20")]
    (f,) = findings(rule, context(said("“三公”经费财政拨款支出决算为0.00万元。"), three))
    assert f.severity == "error" and "0.00万元" in f.message and "3.20" in f.message


def test_none_of_another_unit_or_year_is_not_compared():
    from pipeline.checks import text_zero_total as rule

    text = said("下属某中心无政府性基金预算财政拨款收入。", "2023年度无政府性基金预算财政拨款支出。")
    assert rule.check(context(text, GOV_FUND)) == []


# ---------------------------------------------------------------- text_comparison_words


def words_of(*sentences: str, year: int = 2026, document_type: str = "department_budget") -> Context:
    return context([page(6, "一、部门预算收支增减变化情况", *sentences)], [], document_type, year)


def test_comparison_words_pass_when_figures_agree():
    from pipeline.checks import text_comparison_words as rule

    ctx = words_of("2026年本部门收入预算3,944.08万元，比上年增加286.07万元，增长7.8%，主要原因是人员增加。",
                   "2025年当年预算执行数为118.46万元，2026年预算安排124.29万元，比2025年预算执行数增加4.92%。",
                   "2026年支出预算29956.27万元，比2025年年初预算数28479.84万元增加1476.43万元，增长5.18%。")
    assert findings(rule, ctx) == [] and passed(rule, ctx) == 3


@pytest.mark.parametrize("sentence, printed", [
    ("收入预算3,944.08万元，比上年增加286.07万元，增长9.8%。", Decimal("9.8")),  # 286.07 ÷ 3658.01 = 7.82%
    ("2025年当年预算执行数为57.43万元，2026年预算安排57.8万元，比2025年预算执行数减少2.27%。", Decimal(-1)),
    ("2026年支出预算29956.27万元，比2025年年初预算数28479.84万元增加1476.73万元，增长5.18%。", Decimal("1476.73")),
    ("政府性基金拨款支出预算0万元，比2022年预算增加1421.25万元；", Decimal("1421.25")),
    ("收入预算3,944.08万元，比上年增加286.07万元，下降7.8%。", Decimal(0)),
])
def test_comparison_words_report_what_the_figures_contradict(sentence, printed):
    from pipeline.checks import text_comparison_words as rule

    (f,) = findings(rule, words_of(sentence))
    assert f.severity == "error" and f.printed == printed and f.page == 6 and "第6页" in f.message


def test_final_account_budget_and_actual_words():
    from pipeline.checks import text_comparison_words as rule

    good = words_of("年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。",
                    "决算数小于预算数的主要原因是项目调减。", year=2024, document_type="department_final_account")
    assert findings(rule, good) == [] and passed(rule, good) == 2  # the completion rate, then 小于
    bad = words_of("年初预算为10.00万元，支出决算为12.00万元，完成年初预算的90%。",
                   "决算数小于预算数的主要原因是调减。", year=2024, document_type="department_final_account")
    messages = [f.message for f in findings(rule, bad)]
    assert len(messages) == 2 and "完成率应为119.89～120.11%，文字写90%" in messages[0]
    assert "决算数大于预算数，文字写“决算数小于预算数”" in messages[1]


def test_comparisons_the_rule_cannot_place_are_skipped():
    from pipeline.checks import text_comparison_words as rule

    # the change is the 总计's, not the 上年结转's it follows
    ctx = words_of("预算收入总计1,564.72万元，其中：本年收入1,564.72万元，上年结转0万元，"
                   "比上年减少20.74万元，下降1.31%。")
    assert rule.check(ctx) == []


# ---------------------------------------------------------------- text_years


def test_years_pass_when_they_name_the_years_they_should():
    from pipeline.checks import text_years as rule

    ctx = context([page(3, "第三部分2026年部门预算情况说明", "截至2025年12月31日，本部门共有车辆2辆。",
                        "收入预算100万元，比2025年预算增加5万元。")], [], "department_budget", 2026)
    assert findings(rule, ctx) == [] and passed(rule, ctx) == 3


def test_years_report_headings_dates_and_comparisons_of_another_year():
    from pipeline.checks import text_years as rule

    ctx = context([page(3, "第三部分2025年部门预算情况说明", "截至2026年12月31日，本部门共有车辆2辆。",
                        "收入预算100万元，比2024年预算增加5万元。")], [], "department_budget", 2026)
    found = findings(rule, ctx)
    assert [(f.severity, f.printed, f.expected) for f in found] == [
        ("error", 2025, 2026), ("warning", 2026, 2025), ("warning", 2024, 2025)]
    assert "2026年预算" in found[0].message


def test_a_final_account_reports_on_its_own_year():
    from pipeline.checks import text_years as rule

    ctx = context([page(9, "截至2024年12月31日，本部门共有车辆15辆。")], [], "department_final_account", 2024)
    assert passed(rule, ctx) == 1 and findings(rule, ctx) == []


# ---------------------------------------------------------------- text_placeholders


def test_placeholders_pass_clean_text_and_the_publishers_own_headings():
    from pipeline.checks import text_placeholders as rule

    ctx = context([page(2, f"第一部分{PUBLISHER}概况", "（一）主要职能", "收入预算比上年增加5万元（含结转）。")])
    assert findings(rule, ctx) == [] and passed(rule, ctx) == 1


def test_placeholders_report_template_leftovers():
    from pipeline.checks import text_placeholders as rule

    ctx = context([page(2, "第一部分上海市普陀区审计局概况", "财政拨款收入支出增加（减少）的主要原因是业务量增加。",
                        "本部门共有XX个内设机构，负责人为某某。", "详见（ ）。")])
    found = findings(rule, ctx)
    assert all(f.severity == "warning" for f in found)
    quoted = [re.search(r"中的“(.+?)”是", f.message) for f in found]
    assert [m.group(1) if m else "heading" for m in quoted] == ["heading", "增加（减少）", "XX", "某某", "（）"]
    assert "上海市普陀区审计局" in found[0].message and PUBLISHER in found[0].message


def test_issue_25_placeholders_report_a_reason_nobody_wrote():
    from pipeline.checks import text_placeholders as rule

    ctx = context([page(21, "（二）公务用车购置及运行费9.98万元，与2025年预算数持平，主要原因是。")])
    (f,) = findings(rule, ctx)
    assert f.page == 21 and "“主要原因是”是未填写" in f.message
    assert findings(rule, context([page(21, "公务用车运行费9.98万元，主要原因是车辆减少。")])) == []


# ---------------------------------------------------------------- text_typography


def test_typography_passes_figures_with_units():
    from pipeline.checks import text_typography as rule

    assert rule.check(context(said("收入比上年增长13.95%，增加56.95万元。"))) == []


def test_typography_reports_missing_percent_and_doubled_punctuation():
    from pipeline.checks import text_typography as rule

    found = findings(rule, context(said("收入比上年增长 13.95。", "支出增加56.95，，主要原因是人员增加。")))
    assert [f.severity for f in found] == ["warning"] * 3
    assert "缺少“%”" in found[0].message and "增减额缺少单位" in found[1].message and "重复" in found[2].message


def test_issue_25_typography_reports_a_unit_printed_twice():
    from pipeline.checks import text_typography as rule

    (f,) = findings(rule, context(said("事业运行189.71万元，较上年减少6.03万元万元，原因是人员减少。")))
    assert f.severity == "warning" and "中“万元”重复" in f.message
    assert findings(rule, context(said("自觉接受人大、政协、纪委监委监督，较上年减少6.03万元。"))) == []


# ---------------------------------------------------------------- tables_complete


def table(key: str, title: str, page_no: int, rows: int = 1, note: str = "") -> Resource:
    description = title if rows else f"{title}。本表无数据（{note or '表中无金额'}）。"
    return Resource(key, title, [], [{"x": "1"}] * rows, description, extra={"pages": [page_no]})


STANDARD_TABLES = {k: table(k, t, n) for n, (k, t) in enumerate([
    ("summary", "收支总表"), ("income", "收入总表"), ("expenditure", "支出总表"),
    ("appropriation_summary", "财政拨款收支总表"), ("general_public_expenditure", "一般公共预算支出表"),
    ("basic_expenditure_economic", "一般公共预算基本支出表"), ("three_public", "一般公共预算“三公”经费支出表"),
    ("gov_fund_expenditure", "政府性基金预算支出表")], start=10)}
CONTENTS = page(2, "目录", "1、收支总表", "2、政府性基金预算支出表", "3、政府采购预算表")


def test_tables_complete_passes_a_document_that_prints_what_it_lists():
    from pipeline.checks import tables_complete as rule

    tables = dict(STANDARD_TABLES, other_1=table("other_1", "政府采购预算表", 20))
    ctx = context([CONTENTS, page(3, "一、部门概况")], [], "department_budget", 2026, tables)
    assert findings(rule, ctx) == [] and passed(rule, ctx) == 3 + 8


def test_tables_complete_reports_missing_and_unexplained_empty_tables():
    from pipeline.checks import tables_complete as rule

    tables = {k: t for k, t in STANDARD_TABLES.items() if k != "three_public"}
    tables["gov_fund_expenditure"] = table("gov_fund_expenditure", "政府性基金预算支出表", 17, rows=0)
    found = findings(rule, context([CONTENTS, page(3, "一、部门概况")], [], "department_budget", 2026, tables))
    assert [(f.severity, f.table) for f in found] == [
        ("warning", "narrative"), ("warning", "three_public"), ("warning", "gov_fund_expenditure")]
    assert "政府采购预算表" in found[0].message and "未印出“三公”经费支出表" in found[1].message
    assert "第17页" in found[2].message


def test_an_empty_table_with_its_note_or_the_words_saying_none_passes():
    from pipeline.checks import tables_complete as rule

    tables = {k: t for k, t in STANDARD_TABLES.items() if k != "three_public"}
    tables["gov_fund_expenditure"] = table("gov_fund_expenditure", "政府性基金预算支出表", 17, rows=0)
    pages = [page(3, "本部门2026年无“三公”经费预算。"),
             page(17, "注：本部门没有政府性基金预算拨款安排的支出，故本表无数据。")]
    assert findings(rule, context(pages, [], "department_budget", 2026, tables)) == []


def test_an_empty_table_the_contents_table_lists_as_empty_passes():
    """西安 prints its 报表目录 as a table with a 是否空表 column: 表9 …政府性基金收支表 | 是 | 不涉及."""
    from pipeline.checks import tables_complete as rule

    tables = dict(STANDARD_TABLES)
    tables["gov_fund_expenditure"] = table("gov_fund_expenditure", "部门综合预算政府性基金收支表", 17, rows=0)
    rows = [{"col1": "报表", "col2": "报表名称", "col3": "是否空表", "col4": "表格为空的理由"},
            {"col1": "表9", "col2": "部门综合预算政府性基金收支表", "col3": "是", "col4": ""}]
    listed = Resource("other_1", "2026年部门综合预算公开报表", [], rows, "", extra={"pages": [2]})
    ctx = context([page(3, "一、部门概况")], [], "department_budget", 2026, dict(tables, other_1=listed))
    assert findings(rule, ctx) == []
    # the list names another table as empty: this one still needs its own note
    rows[1]["col2"] = "部门综合预算财政拨款上年结转资金支出表"
    found = findings(rule, context([page(3, "一、部门概况")], [], "department_budget", 2026,
                                   dict(tables, other_1=listed)))
    assert [(f.table, f.page) for f in found] == [("gov_fund_expenditure", 17)]


# ---------------------------------------------------------------- the real document


@needs_shared(CORPUS)
def test_the_wrong_appropriation_total_of_the_putuo_finance_bureau_is_an_error(tmp_path):
    """上海市普陀区财政局2024年度部门决算 says 财政拨款收入支出总计0.3万元 (page 21); its
    财政拨款收入支出决算总表 prints 2,961.68."""
    from pipeline.package.build import build_document

    result = build_document(CORPUS / "上海市普陀区财政局2024年度部门决算.pdf", tmp_path)
    with (result.path / "data" / "findings.csv").open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["rule"] == "text_matches_table"]
    assert [(r["severity"], r["page"], r["printed"], r["expected"]) for r in rows] == [
        ("error", "21", "0.3", "2961.68")]
    assert "财政拨款收入支出总计0.3万元" in rows[0]["message"]


def test_the_publishers_short_name_is_its_own():
    """Issue 20: '2026年市民政局机关运行经费财政拨款预算1651.21万元' (北京市民政局) is the document's
    own 机关运行经费, as '本部门…' is; another unit's figure is not."""
    from pipeline.text.figures import target_of
    from pipeline.text.statements import own_names, topic_of

    assert own_names("北京市民政局") == ["北京市民政局", "市民政局", "民政局"]
    t = topic_of("2026年市民政局机关运行经费财政拨款预算", 2026, "北京市民政局")
    assert t.owned and t.stage == "budget" and target_of(t.topic).name == "机关运行经费"
    other = topic_of("市财政票据管理中心3家参公事业单位的机关运行经费财政拨款预算", 2026, "湖州市财政局")
    assert target_of(other.topic) is None
    assert target_of(topic_of("2026年一般公共预算财政拨款运行经费", 2026, "重庆市气象局").topic).name == "机关运行经费"


def _comparisons(sentence: str) -> list:
    from pipeline.checks import text_comparison_words

    return text_comparison_words.check(context([page(6, "一、“三公”经费预算情况说明", sentence)],
                                               document_type="department_budget", year=2026))


def test_issue_25_a_percentage_over_a_zero_base_is_reported_never_passed():
    """“比上年增加0万元，增长100%”: last year's figure is 0, so no growth rate follows from the figures."""
    (o,) = _comparisons("2026年三公经费预算5.00万元，比上年增加5.00万元，增长100%。")
    assert not o.passed and o.decided and o.finding.severity == "warning"
    assert "无从计算" in o.finding.message and "100%" in o.finding.message


def test_issue_25_a_comparison_the_figures_cannot_decide_is_counted_as_undecided():
    (o,) = _comparisons("2026年机关运行经费预算12.00万元，比上年增长5.00%。")
    assert not o.passed and not o.decided and o.finding is None


def test_issue_25_a_growth_rate_over_a_real_base_still_passes():
    said = _comparisons("2026年三公经费预算6.00万元，比上年增加1.00万元，增长20.00%。")
    assert [(o.passed, o.decided) for o in said] == [(True, True)]
    said = _comparisons("2026年因公出国（境）费预算0.00万元，比上年增加0.00万元，增长0.00%，与上年持平。")
    assert [o.finding for o in said] == [None]  # nothing then, nothing now: 0% is no claim to check


def _shares(sentence: str) -> list:
    from pipeline.checks import text_shares

    return text_shares.check(context([page(21, "（二）财政拨款支出决算结构情况", sentence)]))


def test_issue_25_text_shares_passes_a_list_whose_shares_follow_from_its_parts():
    said = _shares("支出2940.05万元，主要用于：一般公共服务支出（类）2106.66万元，占71.65%；社会保障和就业支出（类）"
                   "326.72万元，占11.11%；卫生健康支出（类）60.99万元，占2.07%；住房保障支出（类）445.69万元，占15.16%。")
    assert [(o.passed, o.decided) for o in said] == [(True, True)] * 4


def test_issue_25_text_shares_reports_a_share_its_parts_do_not_give():
    said = _shares("支出2940.05万元，主要用于：一般公共服务支出（类）2106.66万元，占71.73%；社会保障和就业支出（类）"
                   "326.72万元，占11.11%；卫生健康支出（类）60.99万元，占2.07%；住房保障支出（类）445.69万元，占15.16%。")
    (bad,) = [o.finding for o in said if o.finding is not None]
    assert (bad.severity, bad.page, bad.printed) == ("error", 21, Decimal("71.73"))
    assert "2106.66万元占71.65%，文字写71.73%" in bad.message


def test_issue_25_a_share_of_a_whole_no_table_prints_is_undecided():
    (o,) = _shares("2024年度财政拨款支出13733.8万元，占总支出94.24%。")
    assert not o.decided and not o.passed


def _coded_tables() -> list[Fact]:
    """The functional codes an expenditure table prints (201 → 20103 → 2010301)."""
    rows = [("201", "一般公共服务支出", "1300.26"), ("20103", "政府办公厅（室）及相关机构事务", "1300.26"),
            ("2010301", "行政运行", "709.53"), ("2010306", "政务公开审批", "590.73")]
    return [Fact("expenditure", code, name, ("合计",), Decimal(amount), "万元", 10000, 7, row_number=i,
                 classification="functional", measure="total", amount_year=2024, phase="executed")
            for i, (code, name, amount) in enumerate(rows, start=1)]


def test_text_names_match_codes_passes_a_path_named_as_the_tables_name_it():
    from pipeline.checks import text_names_match_codes as rule

    ctx = context([page(18, "2.一般公共服务（类）政府办公厅（室）及相关机构事务（款）行政运行（项）709.53万元。",
                        "（201类）（03款）（06项）政务公开审批590.73万元。")], _coded_tables())
    assert [(o.passed, o.decided) for o in rule.check(ctx)] == [(True, True), (True, True)]


def test_text_names_match_codes_finds_a_parent_the_tables_do_not_print_for_the_code():
    """Issue 25: '一般公共服务支出（类）商贸事务（款）行政运行（项）938.99万元' where the tables print
    行政运行 under 20103 政府办公厅（室）及相关机构事务."""
    from pipeline.checks import text_names_match_codes as rule

    ctx = context([page(18, "一般公共服务支出（类）商贸事务（款）行政运行（项）938.99万元，主要用于机关运转。")],
                  _coded_tables())
    (f,) = findings(rule, ctx)
    assert (f.rule, f.severity, f.page) == ("text_names_match_codes", "warning", 18)
    assert f.message == ("“一般公共服务支出（类）商贸事务（款）行政运行（项）938.99万元，主要用于机关运转。”："
                         "文字写“行政运行”（项）属于“商贸事务”（款），报表中“行政运行”为科目 2010301，"
                         "其款级科目印为“政府办公厅（室）及相关机构事务”。")


def test_text_names_match_codes_finds_a_name_no_table_prints_and_a_wrong_name_by_digits():
    from pipeline.checks import text_names_match_codes as rule

    ctx = context([page(18, "一般公共服务（类）政府办公厅（室）及相关机构事务（款）一般行政事务管理（项）20.00万元。",
                        "医疗卫生支出（201类）政府办公厅（室）及相关机构事务（03款）行政运行（01项）709.53万元。")],
                  _coded_tables())
    missing, wrong = findings(rule, ctx)
    assert "报表中没有印出这一名称的项级科目" in missing.message
    assert "：文字写科目 201 为“医疗卫生支出”（类），报表印为“一般公共服务支出”" in wrong.message


def test_text_names_match_codes_does_not_compare_a_parent_the_tables_do_not_print():
    from pipeline.checks import text_names_match_codes as rule

    no_kuan = [f for f in _coded_tables() if len(f.row_code) != 5]  # 201 and its 项, no 20103 row
    ctx = context([page(18, "一般公共服务（类）商贸事务（款）行政运行（项）709.53万元。")], no_kuan)
    assert [(o.passed, o.finding) for o in rule.check(ctx)] == [(True, None)]


def test_text_names_match_codes_decides_nothing_where_the_tables_print_no_code_of_that_level():
    from pipeline.checks import text_names_match_codes as rule

    only_top = [f for f in _coded_tables() if len(f.row_code) == 3]
    ctx = context([page(18, "一般公共服务（类）商贸事务（款）行政运行（项）938.99万元。")], only_top)
    assert rule.check(ctx) == []


def test_a_line_broken_inside_a_classification_path_is_not_a_heading():
    """湖州财政局 2026 p.9 and 杭州气象局 2026 p.6 print '（5）社会保障和就业支出（类）行政事业单位养老支' and
    go on '出（款）行政单位离退休（项）307.91万元': one sentence, not a heading and a sentence."""
    ctx = context([page(9, "（5）社会保障和就业支出（类）行政事业单位养老支",
                        "出（款）行政单位离退休（项）307.91万元，主要用于退休人员工资福利。")])
    (s,) = [s for s in ctx.sentences if "307.91" in s.text]
    assert s.kind == "text" and s.text.startswith("（5）社会保障和就业支出（类）行政事业单位养老支出（款）")


def test_a_unit_budget_that_names_itself_a_unit_budget_passes():
    from pipeline.checks import text_placeholders as rule

    ctx = context([page(6, "2026年单位预算编制说明"), page(21, "2026年单位预算安排购置车辆0辆。")],
                  document_type="unit_budget", year=2026)
    assert findings(rule, ctx) == [] and [o.passed for o in rule.check(ctx)] == [True, True]


def test_a_unit_budget_that_calls_itself_a_department_budget_is_reported():
    """Issue 25: 上海 unit budgets (普陀区司法局 2026, 上海市财政局 2025) p.21 '2026年部门预算安排购置车辆0辆'."""
    from pipeline.checks import text_placeholders as rule

    ctx = context([page(21, "2026年部门预算安排购置车辆0辆，其中：部级领导干部用车0辆。")],
                  document_type="unit_budget", year=2026)
    (f,) = findings(rule, ctx)
    assert (f.severity, f.row_label, f.page) == ("warning", "部门/单位", 21)
    assert f.message.endswith("称“2026年部门预算”，而本文件封面为单位预算。")
    # a department's final account speaking of its budget is another phase: not this rule's
    ctx = context([page(5, "2024年部门预算安排购置车辆0辆。")], document_type="unit_final_account", year=2024)
    assert findings(rule, ctx) == []


def _shares_of(percent: str, project: str = "590.73") -> Context:
    words = [page(20, f"公开项目绩效目标6个，涉及项目金额590.73万元，占部门（单位）项目支出总额的{percent}%。")]
    tables = [fact("expenditure", "合计", "项目支出", project, page_no=9),
              fact("expenditure", "合计", "基本支出", "973.99", page_no=9)]
    return context(words, tables, document_type="unit_budget", year=2026)


def test_a_share_of_a_named_whole_is_recomputed_from_the_tables_figure():
    """大同 2026 p.20: '涉及项目金额590.73万元，占部门（单位）项目支出总额的100%' (项目支出 590.73)."""
    from pipeline.checks import text_shares as rule

    assert [(o.passed, o.decided) for o in rule.check(_shares_of("100"))] == [(True, True)]


def test_a_share_of_a_named_whole_that_the_tables_figure_does_not_give_is_an_error():
    """Issue 25: the share planted as 90%; the sentence alone cannot tell, the 项目支出 the tables print can."""
    from pipeline.checks import text_shares as rule

    (f,) = findings(rule, _shares_of("90"))
    assert (f.rule, f.severity, f.page) == ("text_shares", "error", 20)
    assert "印“合计”为 590.73万元，590.73万元占其100.00%，文字写90%" in f.message
    # a whole the tables do not print is not decided
    words = [page(20, "政府采购支出100.00万元，占政府采购支出总额的50%。")]
    (o,) = rule.check(context(words, document_type="unit_budget", year=2026))
    assert (o.passed, o.decided, o.finding) == (False, False, None)


TOTALS_SAID = ("2026年度上海市普陀区测试局预算收入总计1,564.72万元，其中：本年收入1,564.72万元，上年结转0万元，"
               "比上年减少20.74万元，下降1.31%，主要原因是优化支出结构；本年单位预算支出总计1,564.72万元，其中："
               "本年预算安排1,564.72万元，上年结转0万元，比上年{word}20.74万元，{rate}1.31%，主要原因是优化支出结构。")


def test_grand_totals_said_to_move_together_pass():
    """大同 2026 p.18: both totals after a '其中' list, both 减少."""
    said = _comparisons(TOTALS_SAID.format(word="减少", rate="下降"))
    assert [o.finding for o in said] == [None] and [(o.passed, o.decided) for o in said] == [(True, True)]


def test_grand_totals_said_to_move_in_opposite_directions_are_an_error():
    """Issue 25: income said to fall and spending to rise while the two totals are equal every year."""
    said = _comparisons("2026年收入总计1,564.72万元，比上年减少20.74万元。"
                        "2026年支出总计1,564.72万元，比上年增加20.74万元。")
    (bad,) = [o.finding for o in said if o.finding is not None and "方向应一致" in o.finding.message]
    assert (bad.rule, bad.severity, bad.page) == ("text_comparison_words", "error", 6)
    assert "写收入总计1564.72万元比上年“减少”，此处写支出总计1564.72万元“增加”" in bad.message
    assert bad.message.endswith("收入总计与支出总计每年相等，增减方向应一致。")


def test_grand_totals_whose_change_follows_a_list_are_a_warning_when_opposite():
    """After '其中：本年收入…，上年结转…' the change may be the list's last item's: a thing to look at."""
    said = _comparisons(TOTALS_SAID.format(word="增加", rate="增长"))
    (bad,) = [o.finding for o in said if o.finding is not None]
    assert bad.severity == "warning" and "也可能是所列某一项的" in bad.message
    # a change against a named year's figure is not last year's own total: not compared
    other = _comparisons("2026年收入总计1,564.72万元，比上年减少20.74万元。"
                         "2026年支出总计1,564.72万元，比2024年决算数增加20.74万元。")
    assert not [o for o in other if o.finding is not None and "方向应一致" in o.finding.message]


def test_review_a_share_of_another_years_or_the_other_phases_whole_is_not_decided():
    """Found in review: '占2025年支出总额的40%' and, in a final account, '占“三公”经费预算的30%' were
    compared with this year's, this phase's figures."""
    from pipeline.checks import text_shares as rule

    tables = [fact("expenditure", "合计", "项目支出", "590.73", page_no=9)]
    for words, kind in (("涉及项目金额590.73万元，占2025年项目支出总额的90%。", "unit_budget"),
                        ("涉及项目金额590.73万元，占项目支出预算的90%。", "unit_final_account")):
        (o,) = rule.check(context([page(20, words)], tables, document_type=kind, year=2026))
        assert (o.decided, o.finding) == (False, None), words


def test_review_a_coded_path_whose_first_name_carries_the_words_before_it_passes():
    from pipeline.checks import text_names_match_codes as rule

    words = ("基本支出709.53万元，主要用于一般公共服务支出（201类）政府办公厅（室）及相关机构事务（03款）"
             "行政运行（01项）。")
    ctx = context([page(18, words)], _coded_tables())
    assert [(o.passed, o.finding) for o in rule.check(ctx)] == [(True, None)]


def test_review_a_heading_ending_in_qingkuang_stays_a_heading_before_a_path():
    ctx = context([page(9, "1.一般公共服务（类）支出情况", "人大事务（款）行政运行（项）120.00万元，用于机关运转。")])
    assert [s.kind for s in ctx.sentences][:1] == ["heading"]
