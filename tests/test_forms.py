"""绩效目标表 forms read from synthetic grids: where a form starts, and its fields, funds, goals
and indicators in the 上海 财政项目支出绩效目标填报表 layout (title rows inside the ruling)."""

from __future__ import annotations

from pipeline.model import Cell, Grid, Line, Page
from pipeline.tables.forms import is_form_start, pages_to_forms, parse_value
from pipeline.tables.locate import pages_to_tables
from pipeline.vocabulary import load_vocabulary

SHANGHAI = [
    ["财政项目支出绩效目标填报表", None, None, None, None, None],
    ["（2023年度）", None, None, None, None, None],
    ["项目名称", "社区服务中心", "项目性质", "阶段性项目", "项目类别", "特定目标类"],
    ["主管部门", "某街道办事处", "实施单位", "某街道办事处", "", ""],
    ["项目资金（元）", "项目资金总额", "4,100,000.00", "年度资金申请总额", "", "3,000,000.00"],
    ["", "其他资金", "0.00", "其他资金", "", "0.00"],
    ["项目绩效目标", "项目总目标", "", "年度总体目标", "", ""],
    ["", "建成社区服务中心", "", "完成主体结构", "", ""],
    ["", "一级指标", "二级指标", "三级指标", "", "年度(/项目)指标值"],
    ["绩效指标", "产出指标", "数量指标", "建筑面积", "", "≥13459.00(平方米)"],
    ["", "满意度指标", "服务对象满意度指标", "居民满意度", "", "≥90%"],
]


def grid(rows: list[list[str | None]], page: int = 1) -> Grid:
    """A grid where None extends the cell to its left (a title row spanning the width)."""
    cells = []
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            if text is None:
                continue
            span = 1
            while j + span < len(row) and row[j + span] is None:
                span += 1
            cells.append(Cell(i, j, 1, span, text))
    return Grid(page, (0, 0, 500, 700), len(rows), len(rows[0]), cells)


def test_a_form_may_print_its_title_inside_its_ruling():
    assert is_form_start(grid(SHANGHAI))
    assert is_form_start(grid(SHANGHAI[2:]))


def test_a_table_listing_projects_is_not_a_form():
    assert not is_form_start(grid([["项目名称", "金额"], ["项目甲", "100.00"]]))  # no form words
    listing = [["单位", "项目名称", "绩效指标"], ["某局", "项目甲", "满意度≥90%"]]
    assert not is_form_start(grid(listing))  # 项目名称 is not the row's first cell
    three_titles = [["标题"] + [None] * 5] * 3 + SHANGHAI[2:]
    assert not is_form_start(grid(three_titles))  # more title rows than a form prints


def test_shanghai_form_fields_funds_goals_and_yearly_indicators():
    forms = pages_to_forms([Page(number=31, width=500, height=700, lines=[], grids=[grid(SHANGHAI, 31)])])
    assert len(forms) == 1
    f = forms[0]
    assert f.fields["project_name"] == "社区服务中心"
    assert (f.fields["department"], f.fields["project_type"]) == ("某街道办事处", "阶段性项目")
    assert f.funds_unit == "元"
    assert (f.funds["period_total"], f.funds["year_total"], f.funds["year_other"]) == \
        ("4100000.00", "3000000.00", "0.00")
    assert f.goals == {"period": "建成社区服务中心", "year": "完成主体结构"}
    assert [(i["period"], i["level1"], i["level3"], i["comparator"], i["number"], i["unit"]) for i in f.indicators] == [
        ("年度", "产出指标", "建筑面积", "≥", "13459.00", "平方米"),
        ("年度", "满意度指标", "居民满意度", "≥", "90", "%"),
    ]


def test_a_form_with_its_title_inside_is_not_an_untitled_table():
    page = Page(number=31, width=500, height=700, lines=[], grids=[grid(SHANGHAI, 31)])
    assert pages_to_tables([page], load_vocabulary()) == []


def test_values_with_a_bracketed_unit():
    assert parse_value("=100.00(%)") == ("=", "100.00", "%")
    assert parse_value("≥13459.00（平方米）") == ("≥", "13459.00", "平方米")


SELF_EVALUATION = [
    ["项目名称", "信访干部培训专项", None, None],
    ["主管部门", "[292] 国家信访局", "实施单位", "国家信访局"],
    ["项目资金（万元）", "", "年初预算数", "全年执行数"],
    ["", "年度资金总额：", "180.61", "180.03"],
    ["年度总体目标", "预期目标", "实际完成情况", None],
    ["", "抓好干部培训", "开展培训4期", None],
    ["绩效指标", "一级指标", "二级指标", "三级指标"],
]


def test_a_self_evaluation_form_takes_the_goal_set_not_what_was_achieved():
    forms = pages_to_forms([Page(number=30, width=500, height=700, lines=[], grids=[grid(SELF_EVALUATION, 30)])])
    assert forms[0].goals == {"year": "抓好干部培训"}
    assert forms[0].funds_unit == "万元"


FUZHOU = [
    ["警务辅助人员经费项目绩效目标", None, None, None, None],
    ["项目名称", "警务辅助人员经费", None, None, None],
    ["主管部门", "福州市公安局", None, "实施单位", "治安管理支队"],
    ["专项资金情况（万元）", "资金总额", None, "44.47", None],
    ["", "其他资金", None, "0.00", None],
    ["年度目标", "治安10人", None, None, None],
    ["绩效目标指标", "一级指标", "二级指标", "三级指标", "指标值"],
    ["", "产出指标", "数量指标", "聘用人员数量", "≤10人"],
]


def test_a_form_stating_only_a_years_goal_gives_the_years_funds_and_indicators():
    forms = pages_to_forms([Page(number=29, width=500, height=700, lines=[], grids=[grid(FUZHOU, 29)])])
    f = forms[0]
    assert f.funds_unit == "万元"  # from 专项资金情况（万元）
    assert f.funds == {"year_total": "44.47", "year_other": "0.00"}
    assert [(i["period"], i["level3"], i["number"]) for i in f.indicators] == [("年度", "聘用人员数量", "10")]


QUANZHOU = [
    ["专项资金情况（万元）", "资金总额：", "4200.00", None, None],
    ["", "财政拨款：", "0.00", None, None],
    ["", "其他资金：", "4200.00", None, None],
    ["项目实施期目标", "有效保障市行政中心保安服务", None, None, None],
    ["绩效目标指标", "一级指标", "二级指标", "三级指标", "目标值"],
    ["", "成本指标", "经济成本指标", "保安服务费标准控制率", "≤100%"],
]


def quanzhou_page(title: str) -> Page:
    from pipeline.model import Line

    g = grid(QUANZHOU, 30)
    g.bbox = (50, 120, 550, 400)
    return Page(number=30, width=600, height=800, grids=[g],
                lines=[Line("页眉", 50, 40, 550, 52), Line(title, 100, 95, 500, 110)])


def test_a_form_without_a_project_name_row_takes_the_project_from_its_title():
    """泉州 prints '<project>项目绩效目标表' above each form, whose grid starts with its funds."""
    (form,) = pages_to_forms([quanzhou_page("市行政中心保安服务项目绩效目标表")])
    assert form.fields["project_name"] == "市行政中心保安服务"
    assert (form.funds_unit, form.funds["period_total"], form.funds["period_other"]) == ("万元", "4200.00", "4200.00")
    assert form.goals == {"period": "有效保障市行政中心保安服务"}
    assert [(i["level3"], i["value"], i["comparator"]) for i in form.indicators] == [
        ("保安服务费标准控制率", "≤100%", "≤")]
    table_titles = [t.title for t in pages_to_tables([quanzhou_page("市行政中心保安服务项目绩效目标表")],
                                                     load_vocabulary())]
    assert table_titles == []  # a form, not a table or a list of targets


def test_a_form_under_a_generic_title_names_no_project():
    assert pages_to_forms([quanzhou_page("部门整体支出绩效目标表")]) == []


def test_a_projects_table_continued_on_an_untitled_page_is_not_a_form():
    """A 项目支出预算表 whose header starts 项目名称 | 项目资金总额 continues on the next page with
    its header repeated and no title: the same table, not a form."""
    header = ["项目名称", "项目资金总额", "财政拨款", "其他资金"]
    first = grid([header, ["项目甲", "10.00", "10.00", "0.00"]], 10)
    second = grid([header, ["项目乙", "5.00", "5.00", "0.00"]], 11)
    first.bbox = second.bbox = (50, 100, 550, 300)  # below the title
    pages = [Page(10, 600, 800, [Line("2026年项目支出预算表", 100, 60, 500, 75)], [first]),
             Page(11, 600, 800, [], [second])]
    (table,) = pages_to_tables(pages, load_vocabulary())
    assert table.pages == [10, 11]


def test_generic_titles_name_no_project():
    from pipeline.tables.forms import project_of_title

    for title in ("区本级项目支出绩效目标表", "一般公共预算项目支出绩效目标表", "某区财政局2024年项目绩效目标表",
                  "附件3项目绩效目标表", "部门（单位）整体支出绩效目标表", "项目支出绩效目标表"):
        assert project_of_title(title) == "", title
    assert project_of_title("（一）驻沪办房屋修缮经费项目绩效目标表") == "驻沪办房屋修缮经费"


def test_the_title_is_found_past_a_unit_line():
    from pipeline.model import Line

    page = quanzhou_page("市行政中心保安服务项目绩效目标表")
    page.lines.append(Line("单位：万元", 450, 112, 550, 118))
    (form,) = pages_to_forms([page])
    assert form.fields["project_name"] == "市行政中心保安服务"
