"""Small units: amounts, titles, ids, make escaping."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.amounts import parse_amount, to_yuan
from pipeline.run.makerules import make_escape
from pipeline.vocabulary import load_vocabulary


@pytest.mark.parametrize("text,expected", [
    ("1,564.72", Decimal("1564.72")),
    ("1564.72", Decimal("1564.72")),
    ("１５６４．７２", Decimal("1564.72")),
    ("-20.74", Decimal("-20.74")),
    ("（3.00）", Decimal("-3.00")),
    ("0.00", Decimal("0.00")),
    ("64,840,547.00", Decimal("64840547.00")),
    ("120258,600", Decimal("120258600")),  # issue 24: 上海's template sets only the last group apart
    ("1,0000.00", None), ("2019,20", None),
    ("", None), ("-", None), ("—", None), ("合计", None), (None, None), ("1,56", None),
])
def test_parse_amount(text, expected):
    assert parse_amount(text) == expected


def test_to_yuan():
    assert to_yuan(Decimal("1564.72"), 10000) == "15647200"
    assert to_yuan(Decimal("0.10"), 10000) == "1000"
    assert to_yuan(Decimal("12.5"), 1) == "12.5"
    assert to_yuan(Decimal("0.00"), 10000) == "0"


@pytest.mark.parametrize("line,key", [
    ("表一2026年预算收支总表", "summary"),
    ("2026年预算收支总表", "summary"),
    ("部门收支总表", "summary"),
    ("收入支出决算总表", "summary"),
    ("预算01表 财务收支预算总表", "summary"),
    ("2026年预算收入总表", "income"),
    ("收入决算表", "income"),
    ("2026年预算支出总表", "expenditure"),
    ("支出决算表", "expenditure"),
    ("2026年财政拨款收支总表", "appropriation_summary"),
    ("财政拨款收入支出决算总表", "appropriation_summary"),
    ("2026年一般公共预算支出预算表（不含上年结转）", "general_public_expenditure"),
    ("一般公共预算财政拨款支出决算表", "general_public_expenditure"),
    ("2026年一般公共预算安排基本支出分经济科目表（不含上年结转）", "basic_expenditure_economic"),
    ("一般公共预算财政拨款基本支出决算表", "basic_expenditure_economic"),
    ("2026年政府性基金预算收入表（不含上年结转）", "gov_fund_income"),
    ("2026年政府性基金预算支出表（不含上年结转）", "gov_fund_expenditure"),
    ("政府性基金预算财政拨款收入支出决算表", "gov_fund_expenditure"),
    ("国有资本经营预算财政拨款收入支出决算表", "state_capital"),
    ("2026年财政拨款安排“三公”经费支出预算表", "three_public"),
    ("“三公”经费和机关运行经费预算表", "three_public"),
    ("2026年财政拨款安排机关运行经费预算表", "operating_costs"),
    ("2026年项目支出预算表（本年预算）", "project_expenditure"),
    ("2026年项目支出预算表（上年结转）", "project_expenditure_carryover"),
    ("大同市市级预算部门(单位)项目支出绩效目标表", "skip"),
    # the keys added for the 江苏, 西安, 广州, 深圳, 无锡 templates (data contract)
    ("收支预算总表", "summary"),
    ("财政拨款收支预算总表", "appropriation_summary"),
    ("部门综合预算支出总表", "expenditure"),
    ("财政拨款支出表（功能科目）", "appropriation_expenditure"),
    ("财政拨款基本支出表（经济科目）", "appropriation_basic_economic"),
    ("一般公共预算支出表（按经济分类）", "general_public_expenditure_economic"),
    ("2026年度一般公共预算支出经济分类情况表", "general_public_expenditure_economic"),
    ("部门综合预算一般公共预算支出明细表（按支出经济分类科目）", "general_public_expenditure_economic"),
    ("部门综合预算一般公共预算基本支出明细表（按支出功能分类科目）", "basic_expenditure_functional"),
    ("一般公共预算项目支出情况表（按经济分类科目）", "project_expenditure_economic"),
    ("部门预算项目支出及其他支出预算表", "project_expenditure"),
    ("部门综合预算专项业务经费支出表", "project_expenditure"),
    ("政府采购（资产配置、购买服务）预算表", "procurement"),
    ("政府采购支出表", "procurement"),
    ("部门综合预算财政拨款上年结转资金支出表", "carryover_expenditure"),
    ("培训费明细表", "meeting_training"),
    # numbered after the title, and the summary without 总
    ("收入决算表（公开02表）", "income"),
    ("支出决算表(公开03表)", "expenditure"),
    ("收入支出决算总表（公开01表）", "summary"),
    ("收入支出决算表", "summary"),
    ("政府性基金预算收入支出表", "gov_fund_expenditure"),
    ("项目支出预算表（上年结转）", "project_expenditure_carryover"),
])
def test_title_keys(line, key):
    assert load_vocabulary().title_key(line) == key


@pytest.mark.parametrize("line", [
    "表一2026年预算收支总表.................................. 3",
    "2026年度大同市行政审批服务管理局预算收入总计1,564.72万元，其中：本年收入",
    "单位：万元",
    "注：本表无数据",
])
def test_lines_that_are_not_titles(line):
    assert load_vocabulary().title_key(line) is None


def test_unit_lines():
    v = load_vocabulary()
    assert v.unit_in("单位名称：大同市行政审批服务管理局 单位：万元") == "万元"
    assert v.unit_in("单位:元") == "元"
    assert v.unit_in("单位名称：某局") is None


def test_make_escape_spaces():
    assert make_escape("sources/a b.pdf") == "sources/a\\ b.pdf"


def test_make_escape_leaves_no_make_syntax():
    # `;` would start a recipe, `|` order-only prerequisites, `#` a comment, `$` a reference
    assert make_escape("sources/;touch${IFS}PWNED;.pdf") == "sources/\\;touch$${IFS}PWNED\\;.pdf"
    assert make_escape("a|b#c:d%e*.pdf") == "a\\|b\\#c\\:d\\%e\\*.pdf"


def test_title_wrapped_over_two_lines():
    from pipeline.model import Cell, Grid, Line, Page
    from pipeline.tables.locate import pages_to_tables

    grid = Grid(1, (50, 200, 500, 400), 2, 3, [Cell(0, 0, 1, 1, "项目"), Cell(0, 1, 1, 1, "合计"),
                                                Cell(0, 2, 1, 1, "人员经费"), Cell(1, 0, 1, 1, "合计"),
                                                Cell(1, 1, 1, 1, "973.99"), Cell(1, 2, 1, 1, "875.35")])
    lines = [Line("2026年一般公共预算基本支出", 100, 100, 400, 112), Line("情况表", 200, 116, 260, 128),
             Line("单位：万元", 400, 150, 480, 160)]
    (table,) = pages_to_tables([Page(1, 595, 842, lines, [grid])], load_vocabulary())
    assert (table.key, table.title, table.unit) == (
        "basic_expenditure_economic", "2026年一般公共预算基本支出情况表", "万元")


def _grid(page, rows):
    from pipeline.model import Cell, Grid

    cells = [Cell(i, j, 1, 1, t) for i, row in enumerate(rows) for j, t in enumerate(row)]
    return Grid(page, (50, 200, 500, 400), len(rows), len(rows[0]), cells)


def test_continued_title_and_percentage_columns():
    from pipeline.model import Line, Page
    from pipeline.tables.locate import pages_to_tables, table_to_layout
    from pipeline.tables.normalize import table_to_resource

    v = load_vocabulary()
    header = ["项目", "2026年预算数", "增减%"]
    p1 = Page(1, 595, 842, [Line("“三公”经费支出预算表", 100, 100, 400, 112)],
              [_grid(1, [header, ["公务接待费", "2.00", "-10.5"]])])
    p2 = Page(2, 595, 842, [Line("“三公”经费支出预算表（续）", 100, 100, 400, 112)],
              [_grid(2, [header, ["合计", "2.00", "-10.5"]])])
    (table,) = pages_to_tables([p1, p2], v)
    assert table.pages == [1, 2]
    layout = table_to_layout(table, v)
    assert [c.role for c in layout.columns] == ["label", "amount", "ratio"]
    resource, facts, _ = table_to_resource(table, layout, v)
    assert [(f.row_label, f.column, str(f.amount)) for f in facts] == [
        ("公务接待费", ("2026年预算数",), "2.00"), ("合计", ("2026年预算数",), "2.00")]
    assert resource.table()[0][3] == "-10.5"  # kept as printed in the table resource, not a fact


def test_unit_printed_in_the_header():
    from pipeline.model import Line, Page
    from pipeline.tables.locate import pages_to_tables

    page = Page(1, 595, 842, [Line("机关运行经费预算表", 100, 100, 400, 112)],
                [_grid(1, [["项目", "金额（元）"], ["合计", "986,400.00"]])])
    (table,) = pages_to_tables([page], load_vocabulary())
    assert table.unit == "元"


def test_a_title_and_its_unit_on_one_line():
    from pipeline.model import Line, Page
    from pipeline.tables.locate import pages_to_tables

    page = Page(1, 595, 842, [Line("2026年部门收支预算总表 单位：元", 100, 100, 500, 112)],
                [_grid(1, [["项目", "金额"], ["合计", "986,400.00"]])])
    (table,) = pages_to_tables([page], load_vocabulary())
    assert (table.key, table.unit) == ("summary", "元")


def test_two_tables_in_one_frame_are_split_at_the_second_title():
    from pipeline.model import Line, Page
    from pipeline.tables.locate import pages_to_tables

    grid = _grid(1, [["项目", "金额"], ["公务接待费", "2.00"], ["合计", "2.00"],
                     ["2026年机关运行经费预算表", ""], ["项目", "金额"], ["机关运行经费", "98.64"]])
    page = Page(1, 595, 842, [Line("2026年“三公”经费支出预算表", 100, 100, 400, 112)], [grid])
    tables = pages_to_tables([page], load_vocabulary())
    assert [(t.key, t.grids[0].nrows) for t in tables] == [("three_public", 3), ("operating_costs", 2)]


def test_a_contents_list_of_table_titles_is_one_table_not_split():
    """西安 p.19 prints its 报表目录 as a ruled list (表1 部门综合预算收支总表 …): one table of
    words, never cut into pieces that take report-table keys."""
    from pipeline.model import Line, Page
    from pipeline.tables.locate import pages_to_tables

    rows = [["报表", "报表名称", "是否空表"], ["表1", "部门综合预算收支总表", ""], ["表2", "部门综合预算收入总表", ""],
            ["表8", "部门综合预算一般公共预算基本支出明细表（按支出经济分类科目）", ""],
            ["表9", "部门综合预算政府性基金收支表", "是"], ["表10", "部门综合预算专项业务经费支出表", ""]]
    page = Page(19, 595, 842, [Line("2026年部门综合预算公开报表", 100, 100, 400, 112)], [_grid(19, rows)])
    tables = pages_to_tables([page], load_vocabulary())
    assert [(t.key, t.grids[0].nrows) for t in tables] == [("other", 6)]


def test_three_tables_in_one_frame_are_still_split():
    from pipeline.model import Line, Page
    from pipeline.tables.locate import pages_to_tables

    grid = _grid(1, [["项目", "金额"], ["公务接待费", "2.00"], ["2026年机关运行经费预算表", ""], ["项目", "金额"],
                     ["机关运行经费", "98.64"], ["2026年政府采购预算表", ""], ["项目", "金额"], ["办公设备", "5.00"],
                     ["2026年政府性基金预算支出表", ""], ["项目", "金额"], ["合计", "0.00"]])
    page = Page(1, 595, 842, [Line("2026年“三公”经费支出预算表", 100, 100, 400, 112)], [grid])
    tables = pages_to_tables([page], load_vocabulary())
    assert [t.key for t in tables] == ["three_public", "operating_costs", "procurement", "gov_fund_expenditure"]


def test_continuation_with_fewer_column_lines_is_realigned():
    from pipeline.model import Cell, Grid
    from pipeline.tables.locate import realign

    first = Grid(1, (0, 0, 400, 100), 1, 4, [Cell(0, j, 1, 1, t) for j, t in enumerate(["201", "一般", "5", "5"])],
                 [0, 50, 200, 300, 400])
    last = Grid(2, (0, 0, 400, 20), 1, 3, [Cell(0, 0, 1, 1, "合计"), Cell(0, 1, 1, 1, "9"), Cell(0, 2, 1, 1, "9")],
                [0, 200, 300, 400])
    g = realign(last, first)
    assert [(c.col, c.colspan, c.text) for c in g.cells] == [(0, 2, "合计"), (2, 1, "9"), (3, 1, "9")]
    assert realign(Grid(2, (0, 0, 1, 1), 1, 1, [Cell(0, 0, 1, 1, "x")], [7, 123]), first) is None


def test_appropriation_only_spending_table_has_its_own_key():
    v = load_vocabulary()
    assert v.title_key("五、财政拨款支出预算表") == "appropriation_expenditure"
    assert v.title_key("三、支出预算总表") == "expenditure"


def test_a_basic_table_beside_a_general_public_budget_one_takes_the_fallback_key():
    """烟台: 一般公共预算基本支出情况表 and 基本支出预算情况表 (all funds) in one document."""
    from pipeline.package.build import assign_keys
    from pipeline.tables.locate import RawTable

    v = load_vocabulary()
    tables = []
    for title in ("一般公共预算基本支出情况表", "基本支出预算情况表", "基本支出预算情况表（续二）"):
        rule = v.title_rule(title)
        tables.append(RawTable(rule.key, title, None, rule.rank, fallback=rule.fallback))
    assert assign_keys(tables) == ["basic_expenditure_economic", "basic_expenditure", "other_1"]


def test_a_table_of_contents_entry_never_takes_a_key_from_the_table_with_amounts():
    """西安 lists its report tables by title on a contents page before printing them: the
    entries print no amounts, so the printed tables keep their keys."""
    from pipeline.package.build import assign_keys
    from pipeline.tables.locate import RawTable

    v = load_vocabulary()
    titles = ("部门综合预算专项业务经费支出表", "部门综合预算专项业务经费支出表")
    tables = [RawTable(v.title_rule(t).key, t, None, v.title_rule(t).rank) for t in titles]
    assert assign_keys(tables, [False, True]) == ["other_1", "project_expenditure"]
    assert assign_keys(tables, [False, False]) == ["project_expenditure", "other_1"]  # printed empty: first
    # amounts decide only among equal ranks: a better-ranked table printed empty keeps its key
    titles = ("一般公共预算基本支出表", "基本支出预算表")
    ranked = [RawTable(v.title_rule(t).key, t, None, v.title_rule(t).rank, fallback=v.title_rule(t).fallback)
              for t in titles]
    assert assign_keys(ranked, [False, True]) == ["basic_expenditure_economic", "basic_expenditure"]


def test_retire_drops_a_sources_old_package_unless_another_source_builds_it(tmp_path):
    from pipeline.run.makerules import retire

    status, out = tmp_path / "status", tmp_path / "out"
    status.mkdir()
    for ident in ("old-id", "shared-id"):
        (out / ident).mkdir(parents=True)
        (out / ident / "datapackage.json").write_text("{}", encoding="utf-8")
    (status / "a.txt").write_text("old-id\t9 tables\n", encoding="utf-8")
    (status / "a.txt.tmp").write_text("FAILED sources/a.pdf: not a PDF\n", encoding="utf-8")
    assert retire(status / "a.txt", out) == "old-id" and not (out / "old-id").exists()
    (status / "b.txt").write_text("shared-id\t9 tables\n", encoding="utf-8")
    (status / "c.txt").write_text("shared-id\t9 tables\n", encoding="utf-8")  # the same PDF under another name
    (status / "b.txt.tmp").write_text("new-id\t9 tables\n", encoding="utf-8")
    assert retire(status / "b.txt", out) == "" and (out / "shared-id").is_dir()


def test_indicators_printed_in_one_cell_are_split():
    from pipeline.tables.performance_lists import blob_to_indicators

    rows = blob_to_indicators("1、1-产出指标；11-数量指标；汇聚数据量；实施周期指标值:≥10亿条；年度指标值:≥10亿条。"
                              "2、4-成本指标；41-经济成本指标；资金使用合规率；年度指标值:100%。3、说不清的一句。")
    assert [(r["period"], r["level1"], r["level2"], r["level3"], r["comparator"], r["number"]) for r in rows] == [
        ("实施期", "产出指标", "数量指标", "汇聚数据量", "≥", "10"),
        ("年度", "产出指标", "数量指标", "汇聚数据量", "≥", "10"),
        ("年度", "成本指标", "经济成本指标", "资金使用合规率", "=", "100")]


def _layout(paths, rows, roles):
    from pipeline.tables.locate import Column, DataRow, Layout

    columns = [Column(i, list(p), r) for i, (p, r) in enumerate(zip(paths, roles, strict=True))]
    return Layout(columns, [DataRow(1, list(r)) for r in rows])


def test_a_table_is_recognised_by_its_content_where_its_title_says_nothing():
    from pipeline.tables.identify import content_key, identify_table
    from pipeline.tables.locate import UNTITLED, RawTable

    spending = _layout([("科目编码",), ("科目名称",), ("合计",), ("基本支出",), ("项目支出",)],
                       [["201", "一般公共服务支出", "10", "6", "4"], ["20101", "人大事务", "10", "6", "4"],
                        ["2010101", "行政运行", "10", "6", "4"]], ["code", "label", "amount", "amount", "amount"])
    assert content_key(spending) == "expenditure"
    untitled = identify_table(RawTable("other", UNTITLED, None, 9), spending)
    assert (untitled.key, untitled.by) == ("expenditure", "content")
    agreed = identify_table(RawTable("general_public_expenditure", "一般公共预算支出表", None), spending)
    assert (agreed.key, agreed.by) == ("general_public_expenditure", "title+content")
    disagreed = identify_table(RawTable("three_public", "“三公”经费支出表", None), spending)
    assert (disagreed.key, disagreed.by, disagreed.content_suggests) == ("three_public", "title", "expenditure")
    targets = _layout([("项目",), ("预算数（万元）",), ("绩效目标",)], [["社工服务项目", "498.82", "通过……"]],
                      ["label", "amount", "label"])
    assert content_key(targets) == "performance_list"
    summary = _layout([("收入", "项目"), ("收入", "金额"), ("支出", "项目"), ("支出", "金额")],
                      [["一、财政拨款", "10", "一、基本支出", "8"], ["二、事业收入", "2", "二、项目支出", "4"]],
                      ["label", "amount", "label", "amount"])
    assert content_key(summary) == "summary"


def test_one_spelling_of_a_boxs_fields():
    from pipeline.model import BOX_FIELDS, BOX_NAMES, box_of_row, box_to_row

    assert tuple(f.name for f in BOX_FIELDS) == BOX_NAMES
    assert box_of_row(box_to_row((1.0, 2.0, 3.0, 4.0))) == (1.0, 2.0, 3.0, 4.0) and box_of_row(box_to_row(None)) is None
