"""绩效目标表 forms read from synthetic grids: where a form starts, and its fields, funds, goals
and indicators in the 上海 财政项目支出绩效目标填报表 layout (title rows inside the ruling)."""

from __future__ import annotations

from pipeline.forms import is_form_start, pages_to_forms, parse_value
from pipeline.model import Cell, Grid, Page
from pipeline.tables import pages_to_tables
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
