"""Boxes on turned, cropped and shifted pages (read/geometry.py), against pdfium as an
independent reader: where it shows a character is where the viewer must mark it, and the
review copy's annotation must cover the character where the page's own coordinates put it.

Found in review (session 25): the page's origin was the CropBox less the MediaBox as pdfplumber
reports both, which is not the frame of its characters on a turned page, nor where the MediaBox
does not start at (0, 0) (西安市商务局 2022, pages 36-87: every mark 12 pt off); the review copy
ignored /Rotate (烟台's turned tables)."""

from __future__ import annotations

import ctypes
import io

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, NumberObject, RectangleObject
from reportlab.pdfgen import canvas

from pipeline.publish.review import Mark, _annotation
from pipeline.read.geometry import PageGeometry
from pipeline.read.pdf import plumber_geometry

GLYPH = (100, 600)  # where 'Q' is drawn, in user space (its baseline's left end)


def one_glyph_pdf(mediabox, cropbox, rotate) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842))
    c.setFont("Helvetica", 12)
    c.drawString(*GLYPH, "Q")
    c.save()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buf.getvalue())))
    page = writer.pages[0]
    page.mediabox = RectangleObject(mediabox)
    if cropbox:
        page.cropbox = RectangleObject(cropbox)
    if rotate:
        page[NameObject("/Rotate")] = NumberObject(rotate)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def shown_by_pdfium(data: bytes) -> tuple[float, float]:
    """The top left of the glyph's box on the page as pdfium shows it, in points."""
    page = pdfium.PdfDocument(data)[0]
    left, bottom, right, top = page.get_textpage().get_charbox(0)
    width, height = page.get_size()
    scale = 100  # device pixels per point: FPDF_PageToDevice rounds to whole pixels

    def shown(x: float, y: float) -> tuple[float, float]:
        dx, dy = ctypes.c_int(), ctypes.c_int()
        pdfium_c.FPDF_PageToDevice(page, 0, 0, int(width * scale), int(height * scale), 0, x, y,
                                   ctypes.byref(dx), ctypes.byref(dy))
        return dx.value / scale, dy.value / scale

    points = [shown(x, y) for x in (left, right) for y in (bottom, top)]
    return min(x for x, _ in points), min(y for _, y in points)


PAGES = {
    "plain": ([0, 0, 595, 842], None, 0),
    "cropped": ([0, 0, 595, 842], [50, 100, 545, 742], 0),
    "MediaBox off (0, 0)": ([-12, 12, 583, 854], None, 0),
    "MediaBox off (0, 0), cropped": ([-12, 12, 583, 854], [50, 100, 545, 742], 0),
    "turned 90": ([0, 0, 595, 842], None, 90),
    "turned 90, cropped unevenly": ([0, 0, 595, 842], [30, 100, 545, 700], 90),
    "turned 180, cropped unevenly": ([0, 0, 595, 842], [30, 100, 545, 700], 180),
    "turned 270, cropped unevenly": ([0, 0, 595, 842], [30, 100, 545, 700], 270),
    "turned 90, MediaBox off (0, 0), cropped": ([-12, 12, 583, 854], [30, 100, 545, 700], 90),
    "turned 270, MediaBox off (0, 0), cropped": ([-12, 12, 583, 854], [30, 100, 545, 700], 270),
    "CropBox beyond the MediaBox": ([0, 0, 595, 842], [-20, 100, 545, 900], 0),
}


@pytest.mark.parametrize("mediabox, cropbox, rotate", PAGES.values(), ids=PAGES.keys())
def test_review_a_box_is_marked_where_a_viewer_shows_it_and_annotated_where_it_is_printed(mediabox, cropbox, rotate):
    data = one_glyph_pdf(mediabox, cropbox, rotate)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        (q,) = [c for c in page.chars if c["text"] == "Q"]
        geometry = plumber_geometry(page)
    left, top = geometry.shown_origin()
    shown = shown_by_pdfium(data)
    assert q["x0"] - left == pytest.approx(shown[0], abs=2.5) and q["top"] - top == pytest.approx(shown[1], abs=3)
    # the review copy's highlight covers the glyph where user space has it
    x0, y0, x1, y1 = (float(v) for v in _annotation(Mark(1, (q["x0"], q["top"], q["x1"], q["bottom"]), "error", "x"),
                                                    geometry)["/Rect"])
    assert x0 <= GLYPH[0] + 2 <= x1 and y0 <= GLYPH[1] + 3 <= y1
    # ... and the two conversions are one rule, each the other's inverse
    assert geometry.user_to_plumber(*geometry.plumber_to_user(q["x0"], q["top"])) == pytest.approx((q["x0"], q["top"]))


def test_an_ordinary_page_starts_at_its_corner():
    assert PageGeometry.of([0, 0, 595, 842], None, 0).shown_origin() == (0, 0)
    assert PageGeometry.of([0, 842, 595, 0], [0, 0, 595, 842], 360).shown_origin() == (0, 0)  # corners any way round
