"""Issue 24: each amount's box on its page, and the annotated review PDF a finance bureau reads."""

from __future__ import annotations

import csv
from pathlib import Path

import pdfplumber
import pytest
from conftest import SAMPLE
from pdfs import bomb_pdf, text_pdf
from pypdf import PdfReader

from pipeline.cli import main


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_every_fact_of_a_text_pdf_has_the_box_that_prints_it(sample_build):
    facts = _rows(sample_build / "data" / "facts.csv")
    assert facts and all(r["x0"] and r["top"] and r["x1"] and r["bottom"] for r in facts)
    with pdfplumber.open(SAMPLE) as pdf:
        for r in facts[::17]:  # a spread of tables and pages
            page = pdf.pages[int(r["page"]) - 1]
            box = (float(r["x0"]) - 0.5, float(r["top"]) - 0.5, float(r["x1"]) + 0.5, float(r["bottom"]) + 0.5)
            printed = page.crop(box).extract_text().replace(",", "")
            assert printed == r["amount"], r


def test_every_finding_of_the_sample_points_at_a_box_on_its_page(sample_build):
    findings = _rows(sample_build / "data" / "findings.csv")
    assert findings and all(r["x0"] and r["bottom"] for r in findings)


def test_review_writes_the_pdf_with_one_annotation_per_finding_and_a_summary_first(sample_build, tmp_path, capsys):
    out = tmp_path / "审阅稿.pdf"
    assert main(["review", str(SAMPLE), "--out", str(out)]) == 0
    findings = _rows(sample_build / "data" / "findings.csv")
    assert f"{len(findings)} annotations" in capsys.readouterr().out
    review, original = PdfReader(out), PdfReader(SAMPLE)
    assert len(review.pages) == len(original.pages) + 1
    assert "审阅稿：核对发现" in review.pages[0].extract_text()
    notes = [(i, a.get_object()) for i, p in enumerate(review.pages) for a in p.get("/Annots", [])
             if a.get_object()["/Subtype"] in ("/Highlight", "/Text", "/Square")]
    assert len(notes) == len(findings)
    assert sorted(i for i, _ in notes) == sorted(int(r["page"]) for r in findings)
    assert {str(a["/Contents"]) for _, a in notes} == {r["message"] for r in findings}
    for i, page in enumerate(original.pages):  # the original's pages as they were
        assert review.pages[i + 1].get_contents().get_data() == page.get_contents().get_data()


def test_review_boxes_the_amounts_the_package_did_not_read(tmp_path, capsys):
    """A page of figures the pipeline cannot place: each unread amount is a blue box."""
    pdf = text_pdf(tmp_path / "draft.pdf", [[
        "测试市统计局2026年部门预算", "一、部门预算收支情况", "本年收入预算 1,234.56 万元。",
        "附：图例 88,888.88、99,999.99",
    ]])
    out = tmp_path / "review.pdf"
    assert main(["review", str(pdf), "--out", str(out)]) == 0
    squares = [a.get_object() for p in PdfReader(out).pages for a in p.get("/Annots", [])
               if a.get_object()["/Subtype"] == "/Square"]
    assert {str(a["/Contents"]) for a in squares} >= {"未读入数据包的金额：88,888.88", "未读入数据包的金额：99,999.99"}


@pytest.mark.slow
def test_a_hostile_pdf_makes_the_review_fail_with_its_reason_and_write_nothing(tmp_path, capsys):
    bomb = bomb_pdf(tmp_path / "bomb.pdf")
    out = tmp_path / "review.pdf"
    assert main(["review", str(bomb), "--out", str(out)]) == 1
    said = capsys.readouterr().out
    assert "bomb.pdf" in said and "FAILED" in said
    assert not out.exists() and not list(tmp_path.glob(".review.pdf.*"))


def test_review_never_overwrites_its_input(tmp_path, capsys):
    pdf = tmp_path / "draft.pdf"
    pdf.write_bytes(SAMPLE.read_bytes())
    assert main(["review", str(pdf), "--out", str(pdf)]) == 1
    assert pdf.read_bytes() == SAMPLE.read_bytes()
