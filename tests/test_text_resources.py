"""Text resources of the sample against expectations written by hand from its text."""

from __future__ import annotations

from conftest import read_csv

from pipeline.tables.forms import parse_value


def test_performance_targets_six_forms_with_funds_matching_table_12(sample_build):
    targets = read_csv(sample_build, "performance_targets")
    assert [t["project_name"] for t in targets] == [
        "J一枚印章管审批改革工作经费", "J残疾人就业保障金", "2综合窗口服务费", "Z政务服务能力提升经费", "Z评审经费",
        "Z持续优化营商环境经费"]
    # 表十二 (万元) × 10000 = the forms' 年度资金总额 (元)
    table12 = {"J一枚印章管审批改革工作经费": 1147200, "J残疾人就业保障金": 112800, "Z综合窗口服务经费": 2164500,
               "Z政务服务能力提升经费": 500000, "Z评审经费": 354000, "Z持续优化营商环境经费": 1628800}
    for t in targets:
        assert int(t["funds_year_total"]) == table12[t["matched_project"]], t["project_name"]
        assert t["funds_period_total"] == t["funds_year_total"] == t["funds_year_local"]
        assert t["funds_year_central"] == "0" and t["project_period"] == "99年"
    first = targets[0]
    assert first["department"] == "032-大同市行政审批服务管理局[部门]"
    assert first["implementing_unit"] == "大同市行政审批服务管理局"
    assert first["filled_on"] == "20251204161540"
    assert targets[2]["matched_project"] == "Z综合窗口服务经费"
    assert all(t["overview"] and t["basis"] and t["goal_year"] for t in targets)


def test_every_indicator_of_each_form(sample_build):
    indicators = read_csv(sample_build, "performance_indicators")
    counts = {}
    for i in indicators:
        counts[i["project_name"]] = counts.get(i["project_name"], 0) + 1
    # rows with an indicator, counted on each form by eye, × 2 periods
    assert counts == {"J一枚印章管审批改革工作经费": 14, "J残疾人就业保障金": 12, "2综合窗口服务费": 16,
                      "Z政务服务能力提升经费": 16, "Z评审经费": 16, "Z持续优化营商环境经费": 16}
    staff = [i for i in indicators if i["level3"] == "在编工作人员数量"]
    assert [(i["period"], i["level1"], i["level2"], i["value"], i["comparator"], i["number"], i["unit"])
            for i in staff] == [("实施期", "产出指标", "数量指标", "63人", "=", "63", "人"),
                                ("年度", "产出指标", "数量指标", "63人", "=", "63", "人")]
    cost = next(i for i in indicators if i["project_name"] == "Z评审经费" and i["level2"] == "成本指标")
    assert (cost["comparator"], cost["number"], cost["unit"]) == ("≤", "35.4", "万元")


def test_value_parsing():
    assert parse_value("≥95%") == ("≥", "95", "%")
    assert parse_value("≤216.45万元") == ("≤", "216.45", "万元")
    assert parse_value("63人") == ("=", "63", "人")
    assert parse_value("≥９５％") == ("≥", "95", "%")
    assert parse_value("资金到位及时") == ("", "", "")


def test_responsibilities_and_departments(sample_build, sample_descriptor):
    duties = read_csv(sample_build, "responsibilities")
    assert len(duties) == 12
    assert duties[0]["text"].startswith("贯彻执行党中央、国务院关于行政审批制度改革")
    assert duties[-1]["text"] == "完成市委、市政府交办的其他任务。"
    units = [u["name"] for u in read_csv(sample_build, "departments")]
    assert len(units) == 21 and units[0] == "党建办公室（党组办公室）" and units[-1] == "市场准入二科"
    res = next(r for r in sample_descriptor["resources"] if r["name"] == "departments")
    assert res["stated_count"] == 21


def test_narrative_figures_and_their_checks(sample_build):
    figures = read_csv(sample_build, "narrative_figures")
    assert len(figures) >= 20
    found = {(f["subject"], f["figure"], f["unit"]) for f in figures}
    for expected in [("预算收入总计", "1564.72", "万元"), ("比上年减少", "20.74", "万元"), ("下降", "1.31", "%"),
                     ("基本支出", "973.99", "万元"), ("基本支出占比", "62.25", "%"),
                     ("政府采购预算总额", "307.25", "万元"),
                     ("政府采购服务预算", "305.25", "万元"), ("机关运行经费财政拨款预算", "98.64", "万元"),
                     ("比2025年预算减少", "2.53", "万元"), ("公务用车编制", "1", "辆"),
                     ("使用的办公用房建筑总面积", "692.58", "平方米"), ("纳入绩效目标管理的二级项目", "6", "个")]:
        assert expected in found, expected
    findings = read_csv(sample_build, "findings")
    assert not [f for f in findings if f["rule"] == "narrative_matches_table" and f["severity"] == "error"]
    mismatch = [f for f in findings if f["rule"] == "form_matches_project"]
    assert len(mismatch) == 1
    assert "2综合窗口服务费" in mismatch[0]["message"] and "Z综合窗口服务经费" in mismatch[0]["message"]


def test_issue_24_every_amount_a_sentence_states_is_a_narrative_figure(tmp_path):
    """Issue 24: the 情况说明's per-项 amounts (a numbered line whose amount follows the name in
    parentheses, or stands on the next line), stated changes, 万 without 元, scores and a rate in
    parentheses were skipped; each is now a figure with the words that say what it is."""
    from pdfs import text_pdf

    from pipeline.read.pdf import pdf_to_pages
    from pipeline.text.narrative import pages_to_figures

    pdf = text_pdf(tmp_path / "words.pdf", [[
        "一、支出预算情况",
        "1.“一般公共服务支出（类）商贸事务（款）行政运行（项）”938.99万元，主要用于",
        "机关行政运行。",
        "2.行政运行（2010301）4,414.15万元，较上年增加293.55万元，增长7.1%。",
        "3.住房改革支出（款）住房公积金（项）",
        "344.32万元。主要用于住房公积金。",
        "（一）人员经费5080.69万元，主要包括：基本工资。",
        "收入预算比上年预算数847128.49万元增加19433.43万元。",
        "项目总预算1720.00万，其中支持企业发展870.00万。",
        "培训费较上年减少0.03万元（0.44%），平均得分99.43分，用时10分钟。",
        "（01项）不是金额。",
    ]])
    figures = {(f.figure, f.unit): f.subject for f in pages_to_figures(pdf_to_pages(pdf))}
    assert figures[("938.99", "万元")] == "“一般公共服务支出（类）商贸事务（款）行政运行（项）”"
    assert figures[("4414.15", "万元")] == "行政运行（2010301）"
    assert figures[("344.32", "万元")] == "住房改革支出（款）住房公积金（项）"
    assert figures[("5080.69", "万元")] == "人员经费"
    assert figures[("19433.43", "万元")] == "增加"
    assert figures[("870.00", "万")] == "支持企业发展"
    assert figures[("0.44", "%")] == figures[("0.03", "万元")]
    assert figures[("99.43", "分")] == "平均得分"
    assert ("10", "分") not in figures and ("01", "项") not in figures


def _lines_page(number: int, *texts: str):
    from pipeline.model import Line, Page

    return Page(number, 595, 842, [Line(t, 60, 60 + 20 * i, 540, 74 + 20 * i) for i, t in enumerate(texts)], [])


def test_issue_23_duties_numbered_inside_running_text_and_units_listed_after_ji():
    """北京 (the scanned 政务服务和数据管理局 2026, pp. 3-4): '主要承担以下十项职责：一是…。二是…。'
    and '所属二级单位5个，即：A；B，属全额拨款事业单位；C。' (no item markers, no 、 list)."""
    from pipeline.text.narrative import pages_to_departments, pages_to_responsibilities

    pages = [_lines_page(3, "一、部门情况说明", "（一）本部门职责情况", "本局主要承担以下三项职责：一是起草本市有关",
                         "地方性法规草案。二是统筹推进本市政府职能转变。三是完"),
             _lines_page(4, "成市委、市政府交办的其他任务。", "（二）机构设置情况",
                         "本局所属二级单位3个，即：本局（本级）；北京市市民热线服",
                         "务中心，属全额拨款事业单位；北京市大数据中心。", "二、收入预算情况说明")]
    assert pages_to_responsibilities(pages) == [(1, "起草本市有关地方性法规草案。", 3),
                                                (2, "统筹推进本市政府职能转变。", 3),
                                                (3, "完成市委、市政府交办的其他任务。", 3)]
    units, stated, listed = pages_to_departments(pages)
    assert units == [("本局（本级）", 4), ("北京市市民热线服务中心", 4), ("北京市大数据中心", 4)] and stated == 3
    assert listed == "subordinate"  # issue 23: 所属二级单位 are not 内设机构
    # ... but a unit that is itself 所属 lists its 内设 units, and a 一级预算单位 is no 所属单位
    from pipeline.text.narrative import units_listed

    assert units_listed("本中心是某局所属事业单位，内设：") == units_listed("本部门为一级预算单位，内设") == "internal"
    # regression (session 24's review fix read only the list's own sentence, whose words these
    # lacked): units counted before the list, or named as the budget's 预算单位, are its own
    assert units_listed("某市某局下属 5 个二级预算单位，分别是：") == "subordinate"
    assert units_listed("从预算单位构成看，某市某局预算包括：") == "subordinate"
    assert units_listed("本局设：") == units_listed("本部门内设机构包括：") == "internal"
    # found in review: words that name 预算单位 or 下属 without meaning the list's own units
    for words in ("本单位为一级预算单位，设：", "本局为市政府工作部门，属一级预算单位，机关设：",
                  "局机关下属科室8个，包括：", "本部门无下属单位，机关设：", "本部门无二级预算单位，设：",
                  "本单位是某局二级预算单位，设有："):
        assert units_listed(words) == "internal", words
    # found in review: the words between 设 and the list were read into its first name
    for lead in ("设8个内设机构和机关党委，内设机构分别是", "内设13个职能机构，分别是：", "内设机构包括",
                 "设有下列内设机构："):
        listing = [_lines_page(3, "（二）机构设置情况", f"本局{lead}办公室、人事科（含，离退休）、财务科。")]
        assert [n for n, _ in pages_to_departments(listing)[0]] == ["办公室", "人事科（含，离退休）", "财务科"], lead
    pages = [_lines_page(4, "（二）机构设置情况", "某市某局下属 2 个二级预算单位，分别是：某市某局本级，属全额",
                         "拨款行政单位；某市某中心，属全额拨款事业单位。", "二、收入预算情况说明")]
    assert pages_to_departments(pages) == ([("某市某局本级", 4), ("某市某中心", 4)], 2, "subordinate")
    # ordinals that do not count up from 一是 are words, not a list
    assert pages_to_responsibilities([_lines_page(3, "（一）本部门职责情况", "二是统筹推进。一是起草。")]) == []


def test_review_inline_duties_end_with_their_sentence_skip_nested_lists_and_counts_are_not_units():
    """Found in review: the last inline duty ran on to the section's end; a list inside an item
    ('一是A：一是x；二是y。') was read into the outer one; '包括：行政单位1个；事业单位2个。' named no unit."""
    from pipeline.text.narrative import pages_to_departments, pages_to_responsibilities

    pages = [_lines_page(3, "（一）本部门职责情况", "主要职责：一是统筹全市工作：一是规划；二是协调。",
                         "二是完成交办任务。", "本部门内设机构包括：办公室、财务科。", "（二）机构设置情况",
                         "本部门包括：行政单位1个；事业单位2个。")]
    assert pages_to_responsibilities(pages) == [(1, "统筹全市工作：一是规划；二是协调。", 3),
                                                (2, "完成交办任务。", 3)]
    assert pages_to_departments(pages) == ([], None, None)


def test_review_a_document_that_lists_no_units_does_not_say_they_are_internal():
    """Found in review (session 24): `listed_units` said `internal` where no unit is listed."""
    from pipeline.text.narrative import NONE_LISTED, pages_to_departments
    from pipeline.text.resources import TextParts, text_to_resources

    units, stated, listed = pages_to_departments([_lines_page(3, "（二）机构设置情况", "本部门包括：行政单位1个。")])
    assert (units, stated, listed) == ([], None, NONE_LISTED)
    parts = TextParts([], [], units, stated, listed, [], [], [])
    departments = next(r for r in text_to_resources(parts, []) if r.name == "departments")
    assert departments.extra["listed_units"] is None and departments.title == "机构设置"
    assert "No list of units was read" in departments.description
    listing = [_lines_page(3, "（二）机构设置情况", "本局内设：办公室、财务科。")]
    parts = TextParts([], [], *pages_to_departments(listing), [], [], [])
    assert next(r for r in text_to_resources(parts, []) if r.name == "departments").extra["listed_units"] == "internal"
