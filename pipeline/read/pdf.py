"""Open a PDF and turn each page into plain data: text lines and the grids the finders see.

Everything downstream works on these dataclasses, never on pdfplumber objects,
so the table and text stages can be tested with hand-made pages. Which tables a page has is
the grid finders' job (`pipeline.read.grids`); this module only opens, checks and assembles.

A page with a text layer is read from it; a page without one (a scan) is recognised by OCR
(`pipeline.read.ocr`) into the same chars, so a document may mix both. Pages with a text layer never
go through OCR.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.page import Page as PlumberPage
from pdfplumber.utils.pdfinternals import resolve_all

from ..model import Grid, InputError, Line, Page
from ..vocabulary import Vocabulary, load_vocabulary
from . import streams
from .geometry import PageGeometry
from .grids import (
    GRID_SETTINGS,
    GridFinder,
    GridSettings,
    OcrFinder,
    PageInput,
    RuledFinder,
    ScannedPage,
    UnruledFinder,
    find_grids,
)
from .grids.chars import add_baselines, chars_to_lines, join_cell_text, line_text, line_text_and_extents
from .limits import Limits, current, memory_reason
from .ocr.scan import scan_page
from .pagetree import page_tree_problem
from .streams import StreamTooLarge
from .textquality import failure as text_failure

# chars_to_lines and join_cell_text live in grids.chars; they stay importable from here
__all__ = ["InputError", "add_baselines", "chars_to_lines", "default_finders", "join_cell_text", "line_text",
           "pdf_to_pages", "plumber_page_to_page", "scanned_page_to_page"]


# How much of a file's end to search for %%EOF: some writers append a few bytes after it.
TAIL_BYTES = 1024
INCOMPLETE = "incomplete PDF: the file stops before its %%EOF end marker (cut off in a download or copy?)"


def default_finders(vocab: Vocabulary | None = None, settings: GridSettings = GRID_SETTINGS) -> tuple[GridFinder, ...]:
    """Ruled tables first (drawn in the PDF, or in a scanned page's image); a page without any is
    read by word alignment."""
    return (RuledFinder(settings), OcrFinder(settings),
            UnruledFinder(vocab if vocab is not None else load_vocabulary(), settings))


def _box(chars: list[dict]) -> dict:
    return {"x0": chars[0]["x0"], "x1": chars[-1]["x1"],
            "top": min(c["top"] for c in chars), "bottom": max(c["bottom"] for c in chars)}


def _inside(line: dict, bbox: tuple[float, float, float, float], margin: float) -> bool:
    x0, top, x1, bottom = bbox
    mid_y = (line["top"] + line["bottom"]) / 2
    mid_x = (line["x0"] + line["x1"]) / 2
    return top <= mid_y <= bottom and x0 - margin <= mid_x <= x1 + margin


def _text_lines(groups: list[list[dict]], grids: list[Grid], settings: GridSettings) -> list[Line]:
    """The page's lines outside its grids (their text belongs to the cells)."""
    margin = settings.inside_margin
    lines = []
    for group in groups:
        d = _box(group)
        if any(_inside(d, g.bbox, margin) for g in grids):
            # a line crossing a grid edge keeps the chars outside it
            group = [c for c in group if not any(_inside(c, g.bbox, margin) for g in grids)]
            if not group:
                continue
            d = _box(group)
        full, extents = line_text_and_extents(group, settings)
        text = full.strip()
        if text:
            lead = len(full) - len(full.lstrip())
            sure = [c["confidence"] for c in group if c.get("confidence") is not None]  # OCR's characters
            lines.append(Line(text, d["x0"], d["top"], d["x1"], d["bottom"], min(sure) if sure else None,
                              tuple(extents[lead: lead + len(text)])))
    return lines


def plumber_page_to_page(p: PlumberPage, finders: Sequence[GridFinder] | None = None,
                         settings: GridSettings = GRID_SETTINGS) -> Page:
    """One pdfplumber page as a Page: grids from the first finder that finds any, text lines
    from the chars outside them. A character drawn several times at one place (bold faked by
    overprinting: 西安 2022's titles read '表表表表表表111111') is read once."""
    if _overprinted(p.chars):
        p = p.dedupe_chars(tolerance=settings.overprint_tolerance)
    add_baselines(p.chars, p.rotation)
    page = PageInput.from_chars(p.page_number, p.chars, source=p, settings=settings)
    grids = find_grids(page, default_finders(settings=settings) if finders is None else finders)
    # a scanned page is read from the page as pdfium shows it, and keeps (0, 0)
    origin = plumber_geometry(p).shown_origin()
    return Page(p.page_number, float(p.width), float(p.height), _text_lines(page.lines, grids, settings), grids,
                origin=origin)


def plumber_geometry(p: PlumberPage) -> PageGeometry:
    """The page's boxes and turn as its dictionary gives them (inherited ones included)."""
    attrs = p.page_obj.attrs
    return PageGeometry.of(resolve_all(attrs["MediaBox"]), resolve_all(attrs.get("CropBox")), p.rotation)


def _overprinted(chars: list[dict]) -> bool:
    """Whether any character stands on another of the same text, font and size (cheap: most
    pages have none, and then the page is used as it is)."""
    seen = set()
    for c in chars:
        key = (c["text"], round(c["x0"]), round(c["top"]), c.get("fontname"), round(c.get("size", 0)))
        if key in seen:
            return True
        seen.add(key)
    return False


def scanned_page_to_page(number: int, scanned: ScannedPage, chars: list[dict],
                         finders: Sequence[GridFinder] | None = None, settings: GridSettings = GRID_SETTINGS) -> Page:
    """A page read by OCR as a Page: grids from the finders, text lines from the recognised
    chars outside them, in reading order as on a text page."""
    page = PageInput.from_chars(number, chars, source=scanned, settings=settings)
    grids = find_grids(page, default_finders(settings=settings) if finders is None else finders)
    return Page(number, scanned.width, scanned.height, _text_lines(page.lines, grids, settings), grids,
                text_source="ocr", confidence=scanned.confidence)


def needs_ocr(p: PlumberPage) -> bool:
    """A page is read by OCR when it shows an image and has no text layer at all; a page with
    text, or with only drawings (an empty ruled table), is read as it is."""
    return not any(c["text"].strip() for c in p.chars) and bool(p.images)


def _explain(e: BaseException, complete: bool) -> str:
    """One line for why pdfminer could not read a file (pdfplumber wraps its errors)."""
    inner: BaseException = e
    while inner.args and isinstance(inner.args[0], BaseException):
        inner = inner.args[0]
    if isinstance(inner, StreamTooLarge):
        return str(inner)
    if isinstance(inner, MemoryError):  # past the worker's memory cap
        return memory_reason()
    if isinstance(inner, PDFPasswordIncorrect) or "password" in str(inner).lower():
        return "encrypted PDF: a password is required to open it"
    if not complete:
        return INCOMPLETE
    detail = str(inner).strip() or type(inner).__name__
    return f"damaged PDF ({type(inner).__name__}: {detail})"[:200]


def _ends_complete(path: Path) -> bool:
    """Whether the file ends as a PDF does, with %%EOF (allowing the junk some writers put after it)."""
    with path.open("rb") as f:
        f.seek(max(0, path.stat().st_size - TAIL_BYTES))
        return b"%%EOF" in f.read()


def _check_file(path: Path) -> None:
    if not path.exists():
        raise InputError("file not found")
    if path.stat().st_size == 0:
        raise InputError("empty file (0 bytes)")
    with path.open("rb") as f:
        head = f.read(1024)
    if b"%PDF-" not in head:
        raise InputError("not a PDF (no %PDF header)")


def _read_pages(path: Path, finders: Sequence[GridFinder], settings: GridSettings,
                limits: Limits) -> tuple[list[Page | int], int]:
    """The pages, and how many of them show a picture."""
    with streams.watching(limits.max_stream_bytes) as record, pdfplumber.open(path) as pdf:
        problem = page_tree_problem(pdf.doc)
        if problem:
            raise InputError(f"damaged PDF: {problem}, so pages could be missing")
        pages, pictured = [], 0
        for p in pdf.pages:
            # a page with an image and no text layer is read by OCR afterwards (_scan_pages)
            pages.append(p.page_number if needs_ocr(p) else plumber_page_to_page(p, finders, settings))
            pictured += bool(p.images)
            # pdfplumber keeps every page's objects and layout until the file is closed; a
            # 2,000-page file must not hold all its chars at once
            p.close()
        if record.lost:
            raise InputError(f"damaged PDF: {record.lost} compressed stream(s) cannot be inflated (corrupt data), "
                             "so text is missing")
    return pages, pictured


def pdf_to_pages(path: Path, finders: Sequence[GridFinder] | None = None,
                 settings: GridSettings = GRID_SETTINGS, limits: Limits | None = None) -> list[Page]:
    """Read every page; bad files raise InputError with a one-line reason."""
    path = Path(path)
    _check_file(path)
    finders = default_finders(settings=settings) if finders is None else finders
    try:
        pages, pictured = _read_pages(path, finders, settings, limits or current())
    except (InputError, MemoryError):
        raise
    except Exception as e:  # pdfminer raises many types for damaged or locked files
        raise InputError(_explain(e, _ends_complete(path))) from None
    complete = _ends_complete(path)
    if not pages:
        _check_pages([], pictured, complete)
    pages = _scan_pages(path, pages, finders, settings)
    _check_pages(pages, pictured, complete)
    return pages


def _scan_pages(path: Path, pages: list[Page | int], finders: Sequence[GridFinder],
                settings: GridSettings) -> list[Page]:
    """The pages without a text layer (given by number) read by OCR. A failure here is a bug or
    a broken install, not bad input, so it is not turned into an InputError."""
    numbers = [p for p in pages if isinstance(p, int)]
    if not numbers:
        return [p for p in pages if isinstance(p, Page)]
    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as e:
        raise InputError(f"damaged PDF (pdfium: {e})"[:200]) from None
    try:
        read = {n: scanned_page_to_page(n, *scan_page(document[n - 1]), finders, settings) for n in numbers}
    finally:
        document.close()
    return [read[p] if isinstance(p, int) else p for p in pages]


def _check_pages(pages: list[Page], pictured: int, complete: bool) -> None:
    """Why pages read without an error still cannot be packaged, as an InputError."""
    if not pages:
        raise InputError("damaged PDF: no page can be found (broken cross-reference table or page tree?)"
                         if complete else INCOMPLETE)
    if not any(p.lines or p.grids for p in pages):
        if not complete:
            raise InputError(INCOMPLETE)
        if not pictured:  # a scan has pictures; pages with neither text nor pictures are broken or blank
            raise InputError("damaged or blank PDF: no page has any text or picture")
        raise InputError("not a budget disclosure: no text on any page (the pages are images and OCR found none)")
    garbled = text_failure(pages)
    if garbled:
        raise InputError(garbled)
