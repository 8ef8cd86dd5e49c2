"""Bad input: each kind gets one clear line naming the file, nothing is left behind for it,
the other inputs are still packaged, and the exit status is non-zero."""

from __future__ import annotations

import re

import pytest
from conftest import SAMPLE, SAMPLE_ID
from pdfs import (
    blank_pdf,
    broken_xref_pdf,
    damaged_stream_pdf,
    encrypted_pdf,
    garbled_pdf,
    image_pdf,
    page_loop_pdf,
    text_pdf,
    truncated_pdf,
)

from pipeline.cli import main


@pytest.fixture
def bad_files(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "zero bytes.pdf").write_bytes(b"")
    (d / "notes.pdf").write_text("这只是一个文本文件。\n", encoding="utf-8")
    return {
        "zero bytes.pdf": "empty file",
        "notes.pdf": "not a PDF",
        "truncated.pdf": truncated_pdf(SAMPLE, d / "truncated.pdf") and "incomplete PDF: the file stops before",
        "broken xref.pdf": broken_xref_pdf(d / "broken xref.pdf") and "damaged PDF: no page can be found",
        "broken stream.pdf": damaged_stream_pdf(d / "broken stream.pdf") and "damaged PDF: 1 compressed stream",
        "page loop.pdf": page_loop_pdf(d / "page loop.pdf") and "damaged PDF: its page tree loops",
        "blank.pdf": blank_pdf(d / "blank.pdf") and "damaged or blank PDF: no page has any text or picture",
        "locked.pdf": encrypted_pdf(SAMPLE, d / "locked.pdf") and "encrypted PDF",
        "扫描件.pdf": image_pdf(d / "扫描件.pdf") and "not a budget disclosure",  # an image with no words
        "乱码.pdf": garbled_pdf(d / "乱码.pdf", ["乱码" * 40], ["某市某局2026年部门预算"]) and "garbled text: 80 of",
        "menu.pdf": text_pdf(d / "menu.pdf", [["午餐菜单", "红烧肉 25元"]]) and "not a budget disclosure",
    }, d


def test_each_bad_file_named_with_its_reason_and_the_sample_still_packaged(bad_files, tmp_path, capsys):
    reasons, d = bad_files
    out = tmp_path / "out"
    inputs = [str(d / name) for name in reasons] + [str(SAMPLE)]
    rc = main(["build", *inputs, "--out", str(out)])
    lines = capsys.readouterr().out.splitlines()
    assert rc == 1
    for name, reason in reasons.items():
        line = next((x for x in lines if x.startswith(f"FAILED {d / name}:")), None)
        assert line is not None, (name, lines)
        assert reason in line, (name, line)
    assert any(x.startswith(SAMPLE_ID + "\t") for x in lines)
    assert sorted(p.name for p in out.iterdir()) == [SAMPLE_ID]  # no folder, no temp file for the bad ones


def test_explanation_only_part_is_not_bad_input(tmp_path, capsys):
    """A 情况说明-only disclosure part is packaged with its text and no tables."""
    pdf = text_pdf(tmp_path / "某局2026年部门预算情况说明.pdf", [
        ["某市某局", "2026年部门预算", "一、收入预算情况说明", "2026年收入预算100.00万元。"],
        ["二、名词解释", "1.基本支出：指为保障机构正常运转而发生的支出。", "2.项目支出：指基本支出之外的支出。"],
    ])
    out = tmp_path / "out"
    assert main(["build", str(pdf), "--out", str(out)]) == 0
    import json

    (folder,) = list(out.iterdir())
    d = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert (d["publisher"], d["fiscal_year"], d["document_type"]) == ("某市某局", 2026, "department_budget")
    assert d["disclosure_part"] == "explanation_only"
    glossary = (folder / "data" / "glossary.csv").read_text(encoding="utf-8").splitlines()
    assert glossary[1].startswith("基本支出,") and len(glossary) == 3


def test_amounts_that_do_not_read_are_reported_not_dropped(tmp_path):
    """4O.00, l00.00, 12.3.4 and 1,0000.00 are shaped like amounts but read as none: each is an
    unreadable_amount finding with its table, row, column and page; a sum it belongs to says so;
    two unreadable first rows are data, never header rows."""
    import csv
    import json

    from pdfs import ruled_table_pdf

    rows = [["", "合计", "1,564.72", "1,564.72"],
            ["201", "一般公共服务支出", "4O.00", "l00.00"],
            ["20101", "人大事务", "12.3.4", "1,0000.00"],
            ["208", "社会保障和就业支出", "264.46", "264.46"]]
    header = ["科目编码", "科目名称", "合计", "基本支出"]
    pdf = ruled_table_pdf(tmp_path / "坏金额.pdf", "2026年一般公共预算支出表", header, rows, [90, 260, 120, 140],
                          preamble=["某市某局", "2026年部门预算"])
    out = tmp_path / "out"
    assert main(["build", str(pdf), "--out", str(out)]) == 0
    (folder,) = [p for p in out.iterdir() if p.is_dir()]
    with (folder / "data" / "findings.csv").open(encoding="utf-8") as f:
        findings = list(csv.DictReader(f))
    unreadable = [f for f in findings if f["rule"] == "unreadable_amount"]
    assert {(f["row_code"], f["column"], f["page"]) for f in unreadable} == {
        ("201", "合计", "1"), ("201", "基本支出", "1"), ("20101", "合计", "1"), ("20101", "基本支出", "1")}
    assert "金额无法识别：“4O.00”（未计入任何加总）。" in {f["message"] for f in unreadable}
    failed_sums = [f for f in findings if f["severity"] == "error"]
    assert failed_sums and all("；同表有无法识别的金额“" in f["message"] for f in failed_sums)
    assert not any(re.search(r"[A-Za-z]{3,}", f["message"]) for f in findings)  # said in Chinese
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    titles = {fl["title"] for r in descriptor["resources"] for fl in r["schema"]["fields"]}
    assert not any("4O.00" in t or "12.3.4" in t for t in titles)  # never a header
    with (folder / "data" / "facts.csv").open(encoding="utf-8") as f:
        assert {r["row_code"] for r in csv.DictReader(f)} == {"", "208"}  # the readable amounts only


def test_a_loop_in_the_page_tree_is_reported_not_skipped(tmp_path):
    """pdfminer skips a node it has seen (all three pages still come out), pypdf refuses the
    file; neither says the tree is broken, so the reader does."""
    import pdfplumber
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    from pipeline.read.pdf import InputError, pdf_to_pages

    pdf = page_loop_pdf(tmp_path / "loop.pdf")
    with pdfplumber.open(pdf) as plumber:
        assert len(plumber.pages) == 3
    with pytest.raises(PdfReadError, match="cyclic"):
        len(PdfReader(pdf).pages)
    with pytest.raises(InputError, match="page tree loops: object 2 is listed under itself"):
        pdf_to_pages(pdf)
