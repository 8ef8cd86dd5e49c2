"""Codes printed in layouts that hide them: a doubled rule that splits the code column, and a
code printed in brackets before the name ([201]一般公共服务支出, as 广东 publishers print it).
Synthetic PDFs through the real pipeline."""

from __future__ import annotations

import csv

from pdfs import doubled_rule_table_pdf, ruled_table_pdf

from pipeline.cli import main
from pipeline.tables.normalize import split_leading_code

ROWS = [["", "合计", "100.00"], ["201", "一般公共服务支出", "100.00"], ["20101", "人大事务", "60.00"],
        ["2010101", "行政运行", "60.00"], ["20103", "政府办公厅（室）及相关机构事务", "40.00"],
        ["2010301", "行政运行", "40.00"]]


def facts_of(pdf, out):
    assert main(["build", str(pdf), "--out", str(out)]) == 0
    (folder,) = [p for p in out.iterdir() if p.is_dir()]
    with (folder / "data" / "facts.csv").open(encoding="utf-8") as f:
        return folder, list(csv.DictReader(f))


def test_a_doubled_rule_does_not_hide_the_codes(tmp_path):
    pdf = doubled_rule_table_pdf(tmp_path / "双线.pdf", "2026年一般公共预算支出预算表",
                                 ["功能科目代码", "功能科目名称", "金额"], ROWS, [140, 200, 120],
                                 preamble=["某市某局", "2026年部门预算"])
    _, facts = facts_of(pdf, tmp_path / "out")
    assert [(f["row_code"], f["row_label"], f["amount"]) for f in facts] == [
        ("", "合计", "100.00"), ("201", "一般公共服务支出", "100.00"), ("20101", "人大事务", "60.00"),
        ("2010101", "行政运行", "60.00"), ("20103", "政府办公厅（室）及相关机构事务", "40.00"),
        ("2010301", "行政运行", "40.00")]
    assert {f["classification"] for f in facts if f["row_code"]} == {"functional"}


def test_a_code_in_brackets_before_the_name_is_the_rows_code(tmp_path):
    rows = [["合计", "100.00", "100.00"]] + [[f"[{code}]{name}" if code else name, a, a] for code, name, a in ROWS[1:]]
    pdf = ruled_table_pdf(tmp_path / "括号编码.pdf", "2026年一般公共预算支出预算表",
                          ["功能分类科目", "合计", "基本支出"], rows, [260, 120, 120],
                          preamble=["某市某局", "2026年部门预算"])
    folder, facts = facts_of(pdf, tmp_path / "out")
    assert [(f["row_code"], f["row_label"]) for f in facts if f["column"] == "合计"] == [
        ("", "合计"), ("201", "一般公共服务支出"), ("20101", "人大事务"), ("2010101", "行政运行"),
        ("20103", "政府办公厅（室）及相关机构事务"), ("2010301", "行政运行")]
    with (folder / "data" / "indicators.csv").open(encoding="utf-8") as f:
        functional = {r["code"]: r["value_yuan"] for r in csv.DictReader(f) if r["indicator"] == "functional"}
    assert functional["2010101"] == "600000"


def test_what_counts_as_a_code_before_a_name():
    def split(text):
        code, name = split_leading_code(text)
        return (code, name) if code else None

    assert split("【20101】人大事务") == ("20101", "人大事务")
    assert split("2010101 行政运行") == ("2010101", "行政运行")
    assert split("30101基本工资") == ("30101", "基本工资")
    assert split("2010101行政运行") == ("2010101", "行政运行")
    # a project's name, not an expenditure code: only a 款 or 项 code stands glued to a name
    assert split("120急救调度中心运行") is None
    assert split("211工程建设经费") is None
    assert split("315消费者权益日宣传") is None
    assert split("300座位礼堂维修") is None
    assert split("30000元以下零星采购") is None  # 300 is no economic class
    assert split("2026年预算") is None


def test_a_table_of_words_that_is_no_report_table_keeps_its_rows(tmp_path):
    """A list of the department's units (序号, 单位名称, 备注) has no amounts: it is kept as an
    other_<n> table with its printed rows, not as an empty one."""
    pdf = ruled_table_pdf(tmp_path / "单位构成.pdf", "部门单位构成", ["序号", "单位名称", "备注"],
                          [["1", "某市某局（本级）", ""], ["2", "某市某局服务中心", "预算不单列，并入本级"]],
                          [60, 260, 200], preamble=["某市某局", "2026年部门预算"])
    folder, facts = facts_of(pdf, tmp_path / "out")
    assert facts == []
    with (folder / "data" / "other_1.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [(r["unit_name"], r["text_2"]) for r in rows] == [("某市某局（本级）", ""),
                                                              ("某市某局服务中心", "预算不单列，并入本级")]
    assert "level" not in rows[0]  # words have no hierarchy of sums


def test_a_label_spanning_into_the_next_side_names_that_sides_amount():
    """江苏 2017 prints '支出合计' as one cell over the 功能分类 amount and the 支出用途 label; its
    amount stands in the last column."""
    from pipeline.tables.normalize import Side, _borrow_spanned_labels

    sides = [Side([], [0], [1]), Side([], [2], [3]), Side([], [4], [5])]
    cells = ["收入合计", "100.00", "支出合计", None, None, "100.00"]
    keys = [("", "收入合计"), ("", "支出合计"), ("", "")]
    assert _borrow_spanned_labels(cells, sides, keys)[2] == ("", "支出合计")
    # a side with a label of its own, or a left side with its own amount, borrows nothing
    assert _borrow_spanned_labels(["a", "1", "b", "2", None, "3"], sides,
                                  [("", "a"), ("", "b"), ("", "")])[2] == ("", "")
    assert _borrow_spanned_labels(["a", "1", "b", None, "", "3"], sides,
                                  [("", "a"), ("", "b"), ("", "")])[2] == ("", "")


def test_scores_and_weights_are_not_amounts_of_money():
    """A performance sheet's 分值/得分/权重 columns print numbers that are no money (国家信访局 p.48
    综合评价得分情况表, 西安 p.43 执行率分值（10分））."""
    from pipeline.tables.locate import _role
    from pipeline.vocabulary import load_vocabulary

    v = load_vocabulary()
    for header in ("分值", "得分", "执行率分值（10分）", "指标权重(%)"):
        assert _role([header], ["20", "17.90", "30"], v) == "ratio", header
    assert _role(["预算金额（万元）", "总额"], ["6466.25", "2431.80", "318.46"], v) == "amount"
