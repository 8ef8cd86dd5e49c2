"""Scanned pages read by OCR: a few pages of the text sample rendered to images (never corpus
pages) and read back; the text layer of the same page is the truth. Each test OCRs one page or
two; recognition is cached by image within this module's run, as a rebuild would be."""

from __future__ import annotations

import csv
import json
import os
import re
import unicodedata
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from conftest import SAMPLE
from pdfs import image_only_pdf, page_images, skewed, speckled
from pypdf import PdfReader, PdfWriter

import pipeline.read.ocr.cache as ocr_cache
import pipeline.read.pdf as pdf_module
from pipeline.amounts import is_amount
from pipeline.model import Grid, Page
from pipeline.package.build import build_document
from pipeline.read.ocr.scan import scan_page
from pipeline.read.pdf import pdf_to_pages, plumber_page_to_page, scanned_page_to_page

SUMMARY_PAGE = 6  # 收支总表: a ruled table with merged header cells, amounts and titles above it
COVER_PAGE = 1


@pytest.fixture(scope="module", autouse=True)
def ocr_cache_dir(tmp_path_factory):
    """A fresh recognition cache for this module: nothing read before the tests counts."""
    old = os.environ.get(ocr_cache.ENV)
    os.environ[ocr_cache.ENV] = str(tmp_path_factory.mktemp("ocr-cache"))
    yield
    if old is None:
        os.environ.pop(ocr_cache.ENV, None)
    else:
        os.environ[ocr_cache.ENV] = old


@pytest.fixture(scope="module")
def text_page() -> Page:
    with pdfplumber.open(SAMPLE) as pdf:
        return plumber_page_to_page(pdf.pages[SUMMARY_PAGE - 1])


@pytest.fixture(scope="module")
def images():
    return dict(zip((COVER_PAGE, SUMMARY_PAGE), page_images(SAMPLE, [COVER_PAGE, SUMMARY_PAGE]), strict=True))


def read_scan(path: Path, number: int = 1):
    """The ScannedPage and Page of one page of an image-only PDF."""
    doc = pdfium.PdfDocument(path)
    try:
        scanned, chars = scan_page(doc[number - 1])
    finally:
        doc.close()
    return scanned, scanned_page_to_page(number, scanned, chars)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def cells(grid: Grid) -> dict[tuple[int, int], str]:
    return {(c.row, c.col): squash(c.text) for c in grid.cells}


def assert_reads_like_the_text_layer(page: Page, text: Page) -> None:
    (grid,), (truth,) = page.grids, text.grids
    assert (grid.nrows, grid.ncols) == (truth.nrows, truth.ncols)
    got, want = cells(grid), cells(truth)
    amounts = {k: v for k, v in want.items() if is_amount(v)}
    assert amounts and {k: got.get(k) for k in amounts} == amounts  # every amount, in its cell
    words = [k for k, v in want.items() if v and not is_amount(v)]
    assert sum(got.get(k) == want[k] for k in words) >= 0.95 * len(words)
    assert all(c.confidence is not None for c in grid.cells if c.text)
    titles = {squash(ln.text) for ln in page.lines}
    assert {"2026年预算收支总表", "第二部分2026年单位预算报表"} <= titles


def test_scanned_table_reads_like_its_text_layer(tmp_path, images, text_page):
    scanned, page = read_scan(image_only_pdf(tmp_path / "scan.pdf", [images[SUMMARY_PAGE]]))
    assert (scanned.turns, scanned.skew) == (0, 0.0)
    assert page.text_source == "ocr" and page.confidence > 0.95
    # the scan's page is the image's size at 150 dpi: within a point of the printed page
    assert (page.width, page.height) == (pytest.approx(text_page.width, abs=1), pytest.approx(text_page.height, abs=1))
    assert_reads_like_the_text_layer(page, text_page)


def test_page_fed_askew_is_levelled(tmp_path, images, text_page):
    scanned, page = read_scan(image_only_pdf(tmp_path / "askew.pdf", [skewed(images[SUMMARY_PAGE], 1.5)]))
    assert scanned.skew == pytest.approx(-1.5, abs=0.15)
    assert_reads_like_the_text_layer(page, text_page)


def test_specks_do_not_become_text(tmp_path, images, text_page):
    scanned, page = read_scan(image_only_pdf(tmp_path / "dusty.pdf", [speckled(images[SUMMARY_PAGE], 600)]))
    assert_reads_like_the_text_layer(page, text_page)
    clean = {squash(ln.text) for ln in text_page.lines}
    assert {squash(ln.text) for ln in page.lines} <= clean | {"-3-"}  # the page number is a line of its own here
    (grid,) = page.grids
    (truth,) = text_page.grids
    assert {k for k, v in cells(grid).items() if v} == {k for k, v in cells(truth).items() if v}


@pytest.mark.parametrize("degrees", [90, 270, 180])
def test_page_turned_is_read_upright(tmp_path, images, degrees):
    turned = images[COVER_PAGE].rotate(degrees, expand=True, fillcolor=255)
    scanned, page = read_scan(image_only_pdf(tmp_path / "turned.pdf", [turned]))
    assert (scanned.turns * 90 + degrees) % 360 == 0
    assert [squash(ln.text) for ln in page.lines] == ["大同市行政审批服务管理局", "2026年度单位预算公开"]


def test_text_pages_are_never_recognised_and_the_package_says_how_it_was_read(tmp_path, images, monkeypatch):
    """A mixed PDF: the cover and contents keep their text layer, the summary page is a scan."""
    scan = tmp_path / "scan.pdf"
    image_only_pdf(scan, [images[SUMMARY_PAGE]])
    writer = PdfWriter()
    for page in PdfReader(SAMPLE).pages[:2]:
        writer.add_page(page)
    writer.add_page(PdfReader(scan).pages[0])
    mixed = tmp_path / "大同市行政审批服务管理局2026年单位预算（部分扫描）.pdf"
    with mixed.open("wb") as f:
        writer.write(f)

    read = []
    monkeypatch.setattr(pdf_module, "scan_page", lambda page: read.append(page) or scan_page(page))
    pages = pdf_to_pages(mixed)
    assert len(read) == 1
    assert [p.text_source for p in pages] == ["text", "text", "ocr"]

    result = build_document(mixed, tmp_path / "out")
    descriptor = json.loads((result.path / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["text_source"] == "mixed" and 0.9 < descriptor["ocr_confidence"] <= 1
    assert descriptor["publisher"] == "大同市行政审批服务管理局"
    with (result.path / "data" / "facts.csv").open(encoding="utf-8") as f:
        facts = list(csv.DictReader(f))
    assert {f["table"] for f in facts} == {"summary"}
    assert all(0.5 <= float(f["confidence"]) <= 1 for f in facts)
    assert [r["schema"]["fields"][-1]["name"] for r in descriptor["resources"] if r["name"] == "facts"] == [
        "confidence"]


def test_a_rebuild_reads_the_cache_not_the_image(tmp_path, images, monkeypatch):
    path = image_only_pdf(tmp_path / "scan.pdf", [images[COVER_PAGE]])
    first = read_scan(path)[1]

    def no_engine(*args, **kwargs):
        raise AssertionError("recognised again")

    monkeypatch.setattr(ocr_cache, "run_engine", no_engine)
    again = read_scan(path)[1]
    assert [ln.text for ln in again.lines] == [ln.text for ln in first.lines]
