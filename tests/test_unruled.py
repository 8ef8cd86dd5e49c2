"""A report table printed without ruling lines is read from how its words line up."""

from __future__ import annotations

import csv

from pdfs import text_pdf, unruled_table_pdf

from pipeline.cli import main

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
