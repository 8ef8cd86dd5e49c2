"""A finance bureau's review copy of a draft: the PDF itself with each finding annotated on its
page, and a first page that sums up the findings and how much of the document was read.

`python -m pipeline review INPUT.pdf --out REVIEW.pdf` builds the package in a worker process
under the same limits as `build` (a hostile PDF is bounded the same way and runs nothing), then
writes the copy there: every page of the original is kept as it is (annotations sit beside a
page's content, never in it); a finding is a highlight over the box it points at with its
Chinese message as the note (errors red, warnings yellow), an amount the package did not read is
boxed in blue, and a finding without a box is a note in the page's top-left corner."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Highlight, Rectangle, Text
from pypdf.generic import ArrayObject, FloatObject, NameObject, TextStringObject
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from ..files import atomic_path
from ..model import Box, Finding
from ..package.build import build_document
from ..read.geometry import PageGeometry, Rect
from ..read.pdf import InputError
from ..run.batch import Outcome, failed, run_batch

FONT = "STSong-Light"  # a CID font every PDF reader has: nothing is embedded
# light enough to read the printed figure through where a viewer paints a highlight opaque
COLOURS = {"error": "ff8c8c", "warning": "ffe066", "unread": "1f6fd1"}
SEVERITY_WORDS = {"error": "错误", "warning": "警告", "unread": "未读出的金额"}
NOTE = 16  # a note's square, in points
SUMMARY_FINDINGS = 30  # findings listed on the first page; the rest are on their pages


@dataclass(frozen=True)
class Mark:
    page: int  # 1-based page of the original
    box: Box | None
    kind: str  # error | warning | unread
    message: str


def package_to_marks(folder: Path, unread: list[tuple[int, str, Box | None]]) -> list[Mark]:
    """The marks of a built package: its findings, then each amount it did not read."""
    with (folder / "data" / "findings.csv").open(encoding="utf-8", newline="") as f:
        findings = [Finding.from_row(r) for r in csv.DictReader(f)]
    marks = [Mark(f.page, f.box, f.severity, f.message) for f in findings]
    marks += [Mark(page, box, "unread", f"未读入数据包的金额：{text}") for page, text, box in unread]
    return marks


def _summary_page(title: str, coverage: dict, marks: list[Mark]) -> bytes:
    """The first page: what the document is, how much was read, and its findings, errors first."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, invariant=1)
    width, height = A4
    y = height - 60

    def line(text: str, size: float = 10, indent: float = 0) -> None:
        nonlocal y
        c.setFont(FONT, size)
        for part in _wrap(text, size, width - 100 - indent):
            if y < 50:
                return
            c.drawString(50 + indent, y, part)
            y -= size * 1.5

    line("审阅稿：核对发现", 16)
    line(title, 11)
    y -= 6
    printed, read = coverage.get("amounts_printed", 0), coverage.get("amounts_read", 0)
    share = f"{read / printed:.1%}" if printed else "—"
    line(f"本文件印刷的金额共 {printed} 个，已读入数据包 {read} 个（{share}）。")
    counts = {k: sum(m.kind == k for m in marks) for k in COLOURS}
    line(f"错误 {counts['error']} 条（红色标注），警告 {counts['warning']} 条（黄色标注），"
         f"未读出的金额 {counts['unread']} 个（蓝框）。每条核对发现已批注在其所在页。")
    y -= 6
    order = sorted((m for m in marks if m.kind != "unread"), key=lambda m: (m.kind != "error", m.page))
    for m in order[:SUMMARY_FINDINGS]:
        line(f"第 {m.page} 页 · {SEVERITY_WORDS[m.kind]}：{m.message}", 9, 8)
    if len(order) > SUMMARY_FINDINGS:
        line(f"另有 {len(order) - SUMMARY_FINDINGS} 条，见各页批注。", 9, 8)
    c.showPage()
    c.save()
    return out.getvalue()


def _wrap(text: str, size: float, room: float) -> list[str]:
    """The text cut into lines no wider than `room` points (Chinese breaks anywhere)."""
    lines, current = [], ""
    for ch in text:
        if current and pdfmetrics.stringWidth(current + ch, FONT, size) > room:
            lines.append(current)
            current = ""
        current += ch
    return [*lines, current]


def _user_rect(geometry: PageGeometry, x0: float, top: float, x1: float, bottom: float) -> Rect:
    """A box in pdfplumber's coordinates as a rectangle in the page's own (user space), where an
    annotation is placed, whatever the page's MediaBox and turn (read/geometry.py)."""
    corners = [geometry.plumber_to_user(x, t) for x in (x0, x1) for t in (top, bottom)]
    return (min(x for x, _ in corners), min(y for _, y in corners),
            max(x for x, _ in corners), max(y for _, y in corners))


def _annotation(mark: Mark, geometry: PageGeometry) -> dict:
    """The annotation of a mark, in the page's own coordinates; one without a box is a note in
    the top left corner of the page as shown."""
    if mark.box is None:
        left, top = geometry.shown_origin()
        note = Text(rect=_user_rect(geometry, left + 4, top + 4, left + 4 + NOTE, top + 4 + NOTE), text=mark.message)
        note[NameObject("/C")] = ArrayObject([FloatObject(v) for v in _rgb(COLOURS[mark.kind])])
        return note
    x0, y0, x1, y1 = _user_rect(geometry, *mark.box)
    if mark.kind == "unread":
        a = Rectangle(rect=(x0 - 1, y0 - 1, x1 + 1, y1 + 1), border_color=COLOURS["unread"])
    else:
        quad = ArrayObject([FloatObject(v) for v in (x0, y1, x1, y1, x0, y0, x1, y0)])
        a = Highlight(rect=(x0, y0, x1, y1), quad_points=quad, highlight_color=COLOURS[mark.kind])
    a[NameObject("/Contents")] = TextStringObject(mark.message)
    a[NameObject("/T")] = TextStringObject(SEVERITY_WORDS[mark.kind])
    return a


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    return tuple(int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def write_review(source: Path, out: Path, title: str, coverage: dict, marks: list[Mark]) -> None:
    """The annotated copy: the summary page, then every page of the source with its marks."""
    reader = PdfReader(source)
    writer = PdfWriter()
    writer.append(reader)
    writer.insert_page(PdfReader(io.BytesIO(_summary_page(title, coverage, marks))).pages[0], 0)
    for mark in marks:
        if 1 <= mark.page <= len(reader.pages):
            page = writer.pages[mark.page]  # the summary is page 0
            geometry = PageGeometry.of(page.mediabox, page.cropbox, page.rotation)  # inherited ones too
            writer.add_annotation(mark.page, _annotation(mark, geometry))
    with atomic_path(out) as tmp, tmp.open("wb") as f:
        writer.write(f)


def review_one(out_pdf: str, path: str, work: str) -> Outcome:
    """Build the package of one PDF into `work`, then write its review copy to `out_pdf` (run in
    a worker: bad input and bugs become a failed outcome, as for `build`)."""
    try:
        result = build_document(Path(path), Path(work))
        descriptor = json.loads((result.path / "datapackage.json").read_text(encoding="utf-8"))
        marks = package_to_marks(result.path, result.unread)
        write_review(Path(path), Path(out_pdf), descriptor["title"], descriptor.get("coverage", {}), marks)
    except InputError as e:
        return failed(path, str(e))
    except Exception as e:  # a PDF pypdf cannot copy, a bug: this input's failure, reported
        return failed(path, f"internal error ({type(e).__name__}: {e}); please report it")
    counts = {k: sum(m.kind == k for m in marks) for k in COLOURS}
    return Outcome(path, f"{out_pdf}\t{len(marks)} annotations: {counts['error']} errors, {counts['warning']} "
                         f"warnings, {counts['unread']} amounts not read", result.doc_id,
                   errors=counts["error"], warnings=counts["warning"])


def review(path: str, out_pdf: str) -> Outcome:
    """The review copy of one PDF, made in a worker process under `build`'s limits."""
    with tempfile.TemporaryDirectory(prefix="review-") as work:
        return next(iter(run_batch([path], work, jobs=1, task=partial(review_one, out_pdf))))

