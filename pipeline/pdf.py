"""Open a PDF and turn each page into plain data: text lines and ruled grids.

Everything downstream works on these dataclasses, never on pdfplumber objects,
so the table and text stages can be tested with hand-made pages.
"""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect

from .model import Cell, Grid, Line, Page


class InputError(Exception):
    """The input file cannot be packaged; the message says why in one line."""


def join_cell_text(text: str | None) -> str:
    """Join the visual lines of one cell: Chinese and wrapped numbers join without a space."""
    if not text:
        return ""
    parts = [p.strip() for p in text.split("\n") if p.strip()]
    out = ""
    for p in parts:
        if out and re.match(r"[A-Za-z]", out[-1]) and re.match(r"[A-Za-z]", p[0]):
            out += " "
        out += p
    return out


def add_baselines(chars: list[dict], rotation: int = 0) -> list[dict]:
    """Give each char its baseline (in top-down page coordinates) from the text matrix.

    Some fonts declare glyph boxes far below or above the glyph (重庆: 、 and digits drawn
    8pt lower than their box says), so boxes do not line up; baselines do. Where the text
    is rotated the box bottom stands in."""
    for c in chars:
        m = c.get("matrix")
        if rotation == 0 and m and m[0] > 0 and abs(m[1]) < 1e-6 and abs(m[2]) < 1e-6:
            c["base"] = c["bottom"] + (c["y0"] - m[5])
        else:
            c["base"] = c["bottom"]
    return chars


def _size(c: dict) -> float:
    return max(c.get("size") or (c["bottom"] - c["top"]), 1.0)


def chars_to_lines(chars: list[dict]) -> list[list[dict]]:
    """Group chars into visual lines by baseline, each sorted left to right."""
    lines: list[list[dict]] = []
    for c in sorted((c for c in chars if c["text"].strip()), key=lambda c: c.get("base", c["bottom"])):
        base = c.get("base", c["bottom"])
        if lines and abs(lines[-1][0].get("base", lines[-1][0]["bottom"]) - base) <= max(2.0, 0.3 * _size(c)):
            lines[-1].append(c)
        else:
            lines.append([c])
    for line in lines:
        line.sort(key=lambda c: c["x0"])
    return lines


def line_text(line: list[dict]) -> str:
    text, prev = "", None
    for c in line:
        if prev is not None and c["x0"] - prev["x1"] > max(3.0, 0.5 * c.get("size", 10)):
            text += " "
        text += c["text"]
        prev = c
    return text


def chars_to_text(chars: list[dict]) -> str:
    """Text of the chars in one cell, line by line."""
    return "\n".join(line_text(line) for line in chars_to_lines(chars))


def _indent(chars: list[dict], left: float) -> float | None:
    """How far the first visible char of the cell's first line sits from its left edge
    (leading spaces are how some publishers indent)."""
    visible = [c for c in chars if c["text"].strip()]
    if not visible:
        return None
    top = min(c["top"] for c in visible)
    return min(c["x0"] for c in visible if c["top"] - top <= 3) - left


def _cell_texts(page, boxes: list[tuple[int, int, tuple]]) -> dict[tuple[int, int], tuple[str, float | None]]:
    """Text per cell: a char goes to the cell that holds the middle of its glyph, measured up
    from its baseline (its box can sit a whole row lower than the glyph)."""
    buckets: dict[tuple[int, int], list[dict]] = {(i, j): [] for i, j, _ in boxes}
    rows: dict[int, list[tuple[int, tuple]]] = {}
    for i, j, b in boxes:
        rows.setdefault(i, []).append((j, b))
    for ch in page.chars:
        cx = (ch["x0"] + ch["x1"]) / 2
        cy = ch.get("base", ch["bottom"]) - 0.35 * _size(ch)
        for i, j, (x0, top, x1, bottom) in boxes:
            if x0 <= cx <= x1 and top <= cy <= bottom:
                buckets[(i, j)].append(ch)
                break
    boxes_by_key = {(i, j): b for i, j, b in boxes}
    return {
        k: (chars_to_text(v), _indent(v, boxes_by_key[k][0])) for k, v in buckets.items()
    }


def _lattice(values: list[float], tol: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _index(lattice: list[float], v: float, tol: float = 2.0) -> int:
    for i, x in enumerate(lattice):
        if abs(x - v) <= tol:
            return i
    return min(range(len(lattice)), key=lambda i: abs(lattice[i] - v))


def table_to_grid(table, page_number: int) -> Grid:
    """Place pdfplumber's cells on a lattice so merged header cells keep their spans."""
    boxes = [(i, j, bbox) for i, row in enumerate(table.rows) for j, bbox in enumerate(row.cells) if bbox]
    texts = _cell_texts(table.page, boxes)
    xs = _lattice([b[0] for _, _, b in boxes] + [b[2] for _, _, b in boxes])
    ys = _lattice([b[1] for _, _, b in boxes] + [b[3] for _, _, b in boxes])
    cells = []
    for i, j, (x0, top, x1, bottom) in boxes:
        c0, c1 = _index(xs, x0), _index(xs, x1)
        r0, r1 = _index(ys, top), _index(ys, bottom)
        cells.append(
            Cell(row=r0, col=c0, rowspan=max(1, r1 - r0), colspan=max(1, c1 - c0),
                 text=join_cell_text(texts[(i, j)][0]), indent=texts[(i, j)][1])
        )
    return Grid(
        page=page_number,
        bbox=tuple(table.bbox),
        nrows=max(1, len(ys) - 1),
        ncols=max(1, len(xs) - 1),
        cells=cells,
        col_x=xs,
    )


def _inside(line: dict, bbox: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = bbox
    mid_y = (line["top"] + line["bottom"]) / 2
    mid_x = (line["x0"] + line["x1"]) / 2
    return top <= mid_y <= bottom and x0 - 2 <= mid_x <= x1 + 2


def _is_table(grid: Grid) -> bool:
    """Shaded text backgrounds also make one-row 'tables'; a report table has a header and
    rows, or (a continuation) at least one row of amounts."""
    if grid.nrows >= 2 and grid.ncols >= 2:
        return True
    amounts = [c for c in grid.cells if re.fullmatch(r"-?[\d,]+\.\d+|-?\d{1,3}(,\d{3})+", c.text.strip())]
    return grid.ncols >= 3 and bool(amounts)


def _unruled_grid(groups: list[list[dict]], page_number: int) -> Grid | None:
    """A table printed without lines, on a page that titles a standard report table."""
    from .unruled import lines_to_unruled_grid
    from .vocabulary import load_vocabulary

    vocab = load_vocabulary()
    titles = [i for i, g in enumerate(groups)
              if vocab.title_key(line_text(g)) not in (None, "skip", "other")]
    if not titles:
        return None
    return lines_to_unruled_grid(groups[titles[0] + 1:], page_number)


def plumber_page_to_page(p) -> Page:
    add_baselines(p.chars, p.rotation)
    grids = [g for g in (table_to_grid(t, p.page_number) for t in p.find_tables()) if _is_table(g)]
    groups = chars_to_lines(p.chars)
    if not grids:
        unruled = _unruled_grid(groups, p.page_number)
        grids = [unruled] if unruled is not None else []
    lines = []
    for group in groups:
        d = {"x0": group[0]["x0"], "x1": group[-1]["x1"],
             "top": min(c["top"] for c in group), "bottom": max(c["bottom"] for c in group)}
        if any(_inside(d, g.bbox) for g in grids):
            # a line crossing a grid edge keeps the chars outside it
            group = [c for c in group if not any(_inside(c, g.bbox) for g in grids)]
            if not group:
                continue
            d = {"x0": group[0]["x0"], "x1": group[-1]["x1"],
                 "top": min(c["top"] for c in group), "bottom": max(c["bottom"] for c in group)}
        text = line_text(group).strip()
        if text:
            lines.append(Line(text, d["x0"], d["top"], d["x1"], d["bottom"]))
    return Page(p.page_number, float(p.width), float(p.height), lines, grids)


def _explain(e: BaseException) -> str:
    """One line for why pdfminer could not read a file (pdfplumber wraps its errors)."""
    inner: BaseException = e
    while inner.args and isinstance(inner.args[0], BaseException):
        inner = inner.args[0]
    if isinstance(inner, PDFPasswordIncorrect) or "password" in str(inner).lower():
        return "encrypted PDF: a password is required to open it"
    detail = str(inner).strip() or type(inner).__name__
    return f"damaged PDF ({type(inner).__name__}: {detail})"[:200]


def pdf_to_pages(path: Path) -> list[Page]:
    """Read every page; bad files raise InputError with a one-line reason."""
    path = Path(path)
    if not path.exists():
        raise InputError("file not found")
    if path.stat().st_size == 0:
        raise InputError("empty file (0 bytes)")
    with path.open("rb") as f:
        head = f.read(1024)
    if b"%PDF-" not in head:
        raise InputError("not a PDF (no %PDF header)")
    try:
        pdf = pdfplumber.open(path)
        try:
            pages = [plumber_page_to_page(p) for p in pdf.pages]
        finally:
            pdf.close()
    except Exception as e:  # pdfminer raises many types for damaged or locked files
        raise InputError(_explain(e)) from None
    if not pages:
        raise InputError("damaged PDF: no pages")
    if not any(p.lines or p.grids for p in pages):
        raise InputError("no text layer (scanned images only); OCR is not supported yet")
    return pages
