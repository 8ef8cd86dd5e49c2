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
