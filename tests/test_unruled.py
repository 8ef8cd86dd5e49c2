"""A report table printed without ruling lines is read from how its words line up."""

from __future__ import annotations

import csv

from pdfs import text_pdf, unruled_table_pdf

from pipeline.cli import main
from pipeline.read.grids import PageInput, RuledFinder, UnruledFinder, find_grids
from pipeline.vocabulary import load_vocabulary

ROWS = [["", "合计", "1,564.72", "1,564.72", ""],
        ["201", "一般公共服务支出", "1,300.26", "1,300.26", ""],
        ["20103", "政府办公厅（室）及相关机构事务", "1,300.26", "1,300.26", ""],
        ["2010301", "行政运行", "709.53", "709.53", ""],
        ["2010306", "政务公开审批", "590.73", "590.73", ""],
        ["208", "社会保障和就业支出", "264.46", "264.46", ""],
        ["20805", "行政事业单位养老支出", "264.46", "264.46", ""]]


def test_unruled_income_table(tmp_path):
    pdf = unruled_table_pdf(tmp_path / "无线表格.pdf", "表二 2026年预算收入总表",
                            ["科目编码", "科目名称", "合计", "一般公共预算", "上年结转"], ROWS,
                            [90, 260, 120, 140, 120],
                            preamble=["某市某局", "2026年部门预算"])
    out = tmp_path / "out"
    assert main(["build", str(pdf), "--out", str(out)]) == 0
    (folder,) = list(out.iterdir())
    with (folder / "data" / "facts.csv").open(encoding="utf-8") as f:
        facts = list(csv.DictReader(f))
    assert {(f["row_code"], f["row_label"], f["column"], f["amount"]) for f in facts if f["row_code"] == "2010301"} == {
        ("2010301", "行政运行", "合计", "709.53"), ("2010301", "行政运行", "一般公共预算", "709.53")}
    assert len(facts) == 14  # 7 rows × 2 printed amounts; the blank 上年结转 gives none
    with (folder / "data" / "findings.csv").open(encoding="utf-8") as f:
        assert [r for r in csv.DictReader(f) if r["severity"] == "error"] == []


def test_table_of_contents_is_not_an_unruled_table(tmp_path):
    pdf = text_pdf(tmp_path / "目录.pdf", [["某市某局2026年部门预算", "目录", "一、收支总表……………3",
                                           "二、收入总表……………4", "三、支出总表……………5", "四、财政拨款收支总表……6"]])
    out = tmp_path / "out"
    assert main(["build", str(pdf), "--out", str(out)]) == 0
    (folder,) = list(out.iterdir())
    assert (folder / "data" / "facts.csv").read_text(encoding="utf-8").count("\n") == 1


def test_summary_with_three_side_by_side_panels(tmp_path):
    """江苏 2017-style summary: 收入 | 支出（按功能分类） | 支出（按经济分类）, each with its amounts."""
    rows = [["一、一般公共预算", "20,702.25", "一般公共服务支出", "18,000.00", "工资福利支出", "6,000.00"],
            ["二、财政专户管理资金", "147.20", "社会保障和就业支出", "1,500.00", "商品和服务支出", "3,000.00"],
            ["", "", "住房保障支出", "1,349.45", "项目支出", "11,849.45"],
            ["收入总计", "20,849.45", "支出总计", "20,849.45", "支出总计", "20,849.45"]]
    pdf = unruled_table_pdf(tmp_path / "三栏.pdf", "一、收支预算总表", ["收入项目", "预算数", "支出功能分类", "预算数",
                            "支出经济分类", "预算数"], rows, [150, 90, 160, 90, 150, 90],
                            preamble=["江苏省某厅2017年部门预算"], text_columns=(0, 2, 4))
    out = tmp_path / "out"
    assert main(["build", str(pdf), "--out", str(out)]) == 0
    (folder,) = list(out.iterdir())
    with (folder / "data" / "facts.csv").open(encoding="utf-8") as f:
        facts = {(r["row_label"], r["column"], r["amount"]) for r in csv.DictReader(f)}
    assert ("一、一般公共预算", "预算数", "20702.25") in facts
    assert ("社会保障和就业支出", "预算数", "1500.00") in facts
    assert ("商品和服务支出", "预算数", "3000.00") in facts
    assert ("住房保障支出", "预算数", "1349.45") in facts
    assert len(facts) == 11 - 1  # 支出总计 appears twice with the same amount: a set keeps one


def _chars(text: str, top: float, x0: float | None = None, x1: float | None = None, size: float = 10.0) -> list[dict]:
    """Hand-made pdfplumber chars for one word set solid, placed by its left or its right edge."""
    x = x0 if x0 is not None else x1 - size * len(text)
    return [{"text": ch, "x0": x + k * size, "x1": x + (k + 1) * size, "top": top, "bottom": top + size,
             "size": size} for k, ch in enumerate(text)]


def _hand_made_page(title: str) -> PageInput:
    chars = _chars(title, 50, x0=50)
    chars += _chars("项目", 80, x0=50) + _chars("合计", 80, x1=300) + _chars("财政拨款", 80, x1=400)
    for n, (label, amount) in enumerate([("一般公共服务支出", "1,300.26"), ("社会保障和就业支出", "264.46"),
                                         ("住房保障支出", "88.10")]):
        top = 100 + 20 * n
        chars += _chars(label, top, x0=50) + _chars(amount, top, x1=300) + _chars(amount, top, x1=400)
    return PageInput.from_chars(1, chars)


def test_unruled_finder_reads_hand_made_chars():
    page = _hand_made_page("2026年预算收入总表")
    (grid,) = UnruledFinder(load_vocabulary()).find(page)
    rows = [[c.text for c in sorted((c for c in grid.cells if c.row == r), key=lambda c: c.col)]
            for r in range(grid.nrows)]
    assert rows == [["项目", "合计", "财政拨款"], ["一般公共服务支出", "1,300.26", "1,300.26"],
                    ["社会保障和就业支出", "264.46", "264.46"], ["住房保障支出", "88.10", "88.10"]]
    assert RuledFinder().find(page) == []  # no drawing, no rules
    assert find_grids(page, (RuledFinder(), UnruledFinder(load_vocabulary()))) == [grid]


def test_unruled_finder_needs_a_standard_title():
    assert UnruledFinder(load_vocabulary()).find(_hand_made_page("某市某局2026年部门预算")) == []
