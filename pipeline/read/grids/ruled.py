"""Tables drawn with ruling lines: pdfplumber's `find_tables` cells into Grids.

Cells are placed on a lattice of the distinct cell edges, so a merged header cell keeps its
row and column spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import Cell, Grid, chars_box
from .chars import char_size, chars_to_text, join_cell_text
from .finder import PageInput
from .settings import GRID_SETTINGS, GridSettings

Box = tuple[float, float, float, float]


def _indent(chars: list[dict], left: float, settings: GridSettings) -> float | None:
    """How far the first visible char of the cell's first line sits from its left edge
    (leading spaces are how some publishers indent)."""
    visible = [c for c in chars if c["text"].strip()]
    if not visible:
        return None
    top = min(c["top"] for c in visible)
    return min(c["x0"] for c in visible if c["top"] - top <= settings.indent_line_tolerance) - left


BAND = 24.0  # points: about two rows of a report table


def _cell_texts(chars: list[dict], boxes: list[tuple[int, int, Box]],
                settings: GridSettings) -> dict[tuple[int, int], tuple[str, float | None, Box | None]]:
    """Text per cell: a char goes to the (smallest) cell that holds the middle of its glyph, measured
    up from its baseline (its box can sit a whole row lower than the glyph)."""
    buckets: dict[tuple[int, int], list[dict]] = {(i, j): [] for i, j, _ in boxes}
    # each box filed under every band of the page it spans: a char is looked for only among the
    # boxes of its own band, not all of the page's (a dense page has thousands of each)
    bands: dict[int, list[int]] = {}
    for n, (_, _, (_, top, _, bottom)) in enumerate(boxes):
        for band in range(int(top // BAND), int(bottom // BAND) + 1):
            bands.setdefault(band, []).append(n)
    for ch in chars:
        cx = (ch["x0"] + ch["x1"]) / 2
        cy = ch.get("base", ch["bottom"]) - settings.glyph_middle_per_size * char_size(ch, settings)
        # the smallest box holding it: some publishers draw an outer frame that pdfplumber
        # reports as one more cell around all the others (江苏 2019 prints its title inside it)
        holding = [((x1 - x0) * (bottom - top), n, (i, j)) for n in bands.get(int(cy // BAND), ())
                   for i, j, (x0, top, x1, bottom) in (boxes[n],) if x0 <= cx <= x1 and top <= cy <= bottom]
        if holding:
            buckets[min(holding)[2]].append(ch)
    boxes_by_key = {(i, j): b for i, j, b in boxes}
    return {
        k: (chars_to_text(v, settings), _indent(v, boxes_by_key[k][0], settings), chars_box(v) or boxes_by_key[k])
        for k, v in buckets.items()
    }


def _lattice(values: list[float], tolerance: float) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tolerance:
            out.append(v)
    return out


def _index(lattice: list[float], v: float, tolerance: float) -> int:
    for i, x in enumerate(lattice):
        if abs(x - v) <= tolerance:
            return i
    return min(range(len(lattice)), key=lambda i: abs(lattice[i] - v))


def _without_thin_columns(xs: list[float], boxes: list[tuple[int, int, Box]],
                          texts: dict[tuple[int, int], tuple[str, float | None]],
                          settings: GridSettings) -> list[float]:
    """The column edges with each run of edges closer than `thin_column_max` (a doubled rule)
    kept as its one most used edge — unless some text cell lies within the run."""
    tol = settings.lattice_tolerance
    runs: list[list[float]] = []
    for x in xs:
        # a doubled or tripled rule spans at most two thin gaps; edges spread wider are columns
        if runs and x - runs[-1][-1] < settings.thin_column_max and x - runs[-1][0] < 2 * settings.thin_column_max:
            runs[-1].append(x)
        else:
            runs.append([x])
    out = []
    for run in runs:
        texted = any(texts[(i, j)][0].strip() and b[0] >= run[0] - tol and b[2] <= run[-1] + tol
                     for i, j, b in boxes)
        if len(run) == 1 or texted:
            out.extend(run)
            continue
        used = [sum(abs(b[0] - x) <= tol or abs(b[2] - x) <= tol for _, _, b in boxes) for x in run]
        out.append(run[used.index(max(used))])
    return out


def table_to_grid(table, chars: list[dict], page_number: int, settings: GridSettings = GRID_SETTINGS) -> Grid:
    """Place one pdfplumber table's cells on a lattice so merged header cells keep their spans."""
    boxes = [(i, j, bbox) for i, row in enumerate(table.rows) for j, bbox in enumerate(row.cells) if bbox]
    texts = _cell_texts(chars, boxes, settings)
    tol = settings.lattice_tolerance
    xs = _without_thin_columns(_lattice([b[0] for _, _, b in boxes] + [b[2] for _, _, b in boxes], tol),
                               boxes, texts, settings)
    ys = _lattice([b[1] for _, _, b in boxes] + [b[3] for _, _, b in boxes], tol)
    cells = []
    for i, j, (x0, top, x1, bottom) in boxes:
        c0, c1 = _index(xs, x0, tol), _index(xs, x1, tol)
        r0, r1 = _index(ys, top, tol), _index(ys, bottom, tol)
        if c0 == c1 and not texts[(i, j)][0].strip():
            continue  # the space between the lines of a doubled rule
        cells.append(
            Cell(row=r0, col=c0, rowspan=max(1, r1 - r0), colspan=max(1, c1 - c0),
                 text=join_cell_text(texts[(i, j)][0]), indent=texts[(i, j)][1], bbox=texts[(i, j)][2])
        )
    return Grid(
        page=page_number,
        bbox=tuple(table.bbox),
        nrows=max(1, len(ys) - 1),
        ncols=max(1, len(xs) - 1),
        cells=cells,
        col_x=xs,
    )


def is_table(grid: Grid) -> bool:
    """Shaded text backgrounds also make one-row 'tables'; a report table has a header and
    rows, or (a continuation) at least one row of amounts."""
    if grid.nrows >= 2 and grid.ncols >= 2:
        return True
    amounts = [c for c in grid.cells if re.fullmatch(r"-?[\d,]+\.\d+|-?\d{1,3}(,\d{3})+", c.text.strip())]
    return grid.ncols >= 3 and bool(amounts)


@dataclass(frozen=True)
class RuledFinder:
    """The page's ruled tables, as pdfplumber finds them from the drawn lines."""

    settings: GridSettings = GRID_SETTINGS
    name: str = "ruled"

    def find(self, page: PageInput) -> list[Grid]:
        if not hasattr(page.source, "find_tables"):
            return []  # a hand-made or scanned page has no drawing to find rules in
        grids = (table_to_grid(t, page.chars, page.number, self.settings) for t in page.source.find_tables())
        return [g for g in grids if is_table(g)]
