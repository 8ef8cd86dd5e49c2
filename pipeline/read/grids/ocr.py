"""Tables in a scanned page: ruled frames found in the image, filled with recognised text.

`pipeline.read.ocr.scan` reads the page image into a `ScannedPage`: the frames of its ruled tables
(a lattice of rule positions and each cell's span) and its recognised characters as char-like
dicts in points (text, x0, x1, top, bottom, size, base, confidence), the same shape pdfplumber
gives, so lines, page text and the unruled reader work on them unchanged. `OcrFinder` places
the characters in the frames' cells; a scanned table drawn without rules is left to
`UnruledFinder`, later in the chain.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...amounts import is_amount
from ...model import Cell, Grid, chars_box
from ..ocr.numbers import repair_amount
from .chars import chars_to_lines, chars_to_text, join_cell_text
from .finder import PageInput
from .ruled import is_table
from .settings import GRID_SETTINGS, OCR_SETTINGS, GridSettings, OcrSettings

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class RuledFrame:
    """One ruled table in a page image, in points: rule positions and each cell's
    (row, col, rowspan, colspan) on that lattice."""

    xs: list[float]
    ys: list[float]
    cells: list[tuple[int, int, int, int]]
    bbox: Box


@dataclass(frozen=True)
class ScannedPage:
    """What reading a page image gives the finders (`PageInput.source` of a scanned page)."""

    width: float
    height: float
    frames: list[RuledFrame] = field(default_factory=list)
    confidence: float | None = None  # mean confidence of the recognised characters
    turns: int = 0  # quarter turns counter-clockwise applied to read it upright
    skew: float = 0.0  # degrees it was levelled by


def _cell_box(frame: RuledFrame, span: tuple[int, int, int, int]) -> Box:
    r, c, rs, cs = span
    return frame.xs[c], frame.ys[r], frame.xs[c + cs], frame.ys[r + rs]


def _middle(ch: dict) -> tuple[float, float]:
    return (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2


def snap_indents(cells: list[Cell], sizes: dict[int, float], settings: OcrSettings = OCR_SETTINGS) -> None:
    """Indents in whole steps (indent_step_per_size of the cell's font size) from the least
    indented cell of the same column, so labels set flush read as one level."""
    for col in {c.col for c in cells}:
        column = [c for c in cells if c.col == col and c.indent is not None]
        flush = min((c.indent for c in column if c.colspan == 1), default=None)
        if flush is None:
            continue
        for c in column:
            step = settings.indent_step_per_size * sizes[id(c)]
            c.indent = flush + round((c.indent - flush) / step) * step


def _fill(frame: RuledFrame, chars: list[dict], settings: GridSettings, ocr_settings: OcrSettings) -> list[Cell]:
    """Each cell with the characters whose middle it holds: text, indent, least confidence."""
    boxes = [_cell_box(frame, span) for span in frame.cells]
    buckets: list[list[dict]] = [[] for _ in boxes]
    for ch in chars:
        cx, cy = _middle(ch)
        for k, (x0, top, x1, bottom) in enumerate(boxes):
            if x0 <= cx <= x1 and top <= cy <= bottom:
                buckets[k].append(ch)
                break
    cells, sizes = [], {}
    for (r, c, rs, cs), box, inside in zip(frame.cells, boxes, buckets, strict=True):
        lines = chars_to_lines(inside, settings)
        indent = lines[0][0]["x0"] - box[0] if lines else None
        confidence = min((ch["confidence"] for ch in inside), default=None)
        cell = Cell(r, c, rs, cs, join_cell_text(chars_to_text(inside, settings)), indent, confidence,
                    bbox=chars_box(inside) or box)
        sizes[id(cell)] = lines[0][0]["size"] if lines else settings.fallback_char_size
        cells.append(cell)
    snap_indents(cells, sizes, ocr_settings)
    return cells


def repair_amount_columns(grid: Grid, settings: OcrSettings = OCR_SETTINGS) -> Grid:
    """O/0, l/1, ，/. confusions resolved where they are unambiguous: in an amount column (one
    whose filled cells below the header mostly are amounts, as read or once resolved, and at
    least one as read), a cell that becomes exactly one amount by these substitutions. The
    reading is kept in `ocr_text`."""
    fixes = {id(c): repair_amount(c.text) for c in grid.cells if not is_amount(c.text)}
    first = min((c.row for c in grid.cells if is_amount(c.text) or fixes.get(id(c))), default=None)
    if first is None:
        return grid
    for col in range(grid.ncols):
        # the header, above the table's first row of (possibly misread) amounts, is words
        body = [c for c in grid.cells if c.col == col and c.colspan == 1 and c.row >= first and c.text.strip()]
        read = sum(1 for c in body if is_amount(c.text))
        if not read or read + sum(1 for c in body if fixes.get(id(c))) < settings.amount_column_share * len(body):
            continue
        for c in body:
            fixed = fixes.get(id(c))
            if fixed is not None:
                c.ocr_text, c.text = c.text, fixed
    return grid


def frame_to_grid(frame: RuledFrame, chars: list[dict], page_number: int,
                  settings: GridSettings = GRID_SETTINGS, ocr_settings: OcrSettings = OCR_SETTINGS) -> Grid:
    grid = Grid(page=page_number, bbox=frame.bbox, nrows=len(frame.ys) - 1, ncols=len(frame.xs) - 1,
                cells=_fill(frame, chars, settings, ocr_settings), col_x=list(frame.xs))
    return repair_amount_columns(grid, ocr_settings)


@dataclass(frozen=True)
class OcrFinder:
    """The ruled tables of a scanned page, filled with its recognised characters."""

    settings: GridSettings = GRID_SETTINGS
    ocr_settings: OcrSettings = OCR_SETTINGS
    name: str = "ocr"

    def find(self, page: PageInput) -> list[Grid]:
        if not isinstance(page.source, ScannedPage):
            return []
        grids = (frame_to_grid(f, page.chars, page.number, self.settings, self.ocr_settings)
                 for f in page.source.frames)
        return [g for g in grids if is_table(g)]
