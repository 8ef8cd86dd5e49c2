"""Tables printed without ruling lines: columns from how the words line up.

Amounts are right-aligned, so their right edges mark the amount columns; codes and labels
are left-aligned, so their left edges mark the text columns (several label columns where a
summary prints panels side by side). Header lines above the first row of amounts are placed
in the column they overlap most. The result is a Grid like a ruled table's, so everything
downstream reads both the same way.

Only pages whose lines title a standard report table are read this way: elsewhere words that
happen to line up (a table of contents, a list of figures) are prose, not a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...amounts import is_amount
from ...model import Cell, Grid, chars_box
from ...vocabulary import Vocabulary
from .chars import line_text
from .finder import PageInput
from .settings import GRID_SETTINGS, GridSettings

HEAD_STOP = re.compile(r"表\s*$|表\s*[（(].*[)）]\s*$|单位\s*[:：]|^\s*注")


def _tokens(line: list[dict], settings: GridSettings) -> list[dict]:
    """Split a visual line into cell texts at gaps wider than a character."""
    out: list[dict] = []
    for c in line:
        size = max(c.get("size") or settings.fallback_char_size, settings.token_min_char_size)
        gap = c["x0"] - out[-1]["x1"] if out else 0.0
        # a number and a word never share a cell: any visible gap between them splits
        switch = bool(out) and (out[-1]["text"][-1:].isdigit() != c["text"].isdigit()) \
            and gap > settings.number_word_gap
        if out and gap <= size * settings.token_gap_per_size and not switch:
            out[-1]["text"] += c["text"]
            out[-1]["x1"] = c["x1"]
        else:
            out.append({"text": c["text"], "x0": c["x0"], "x1": c["x1"], "top": c["top"], "bottom": c["bottom"]})
    for t in out:
        t["text"] = t["text"].strip()
    return [t for t in out if t["text"]]


def _cluster(values: list[float], tolerance: float) -> list[float]:
    groups: list[list[float]] = []
    for v in sorted(values):
        if groups and v - groups[-1][-1] <= tolerance:
            groups[-1].append(v)
        else:
            groups.append([v])
    return [sum(g) / len(g) for g in groups if len(g) >= 2]


def _is_number(t: dict, toks: list[dict]) -> bool:
    """An amount, not a classification code (201, 20103 before a label are codes)."""
    if not is_amount(t["text"]):
        return False
    if re.fullmatch(r"\d{3,7}", t["text"]):
        after = [u for u in toks if u["x0"] > t["x1"]]
        return not (after and not is_amount(after[0]["text"]))
    return True


def lines_to_unruled_grid(lines: list[list[dict]], page_number: int,
                          settings: GridSettings = GRID_SETTINGS) -> Grid | None:
    """The text-only table on a page, if there is one (at least three rows with amounts)."""
    token_lines = [_tokens(line, settings) for line in lines]
    def is_data(toks: list[dict]) -> bool:
        """A row of a table: a label and at least one real amount (a table of contents'
        page numbers and dot leaders are not)."""
        text = "".join(t["text"] for t in toks)
        if re.search(r"\.{4,}|…|·{3,}", text):
            return False
        amounts = [t["text"] for t in toks if _is_number(t, toks)]
        return any(re.search(r"[.,]|\d{3}", a) for a in amounts) and any(not _is_number(t, toks) for t in toks)

    data = [i for i, toks in enumerate(token_lines) if is_data(toks)]
    if len(data) < 3:
        return None
    first, last = data[0], data[-1]
    start = first
    while start > 0 and not HEAD_STOP.search("".join(t["text"] for t in token_lines[start - 1])) \
            and first - start < settings.max_header_lines and token_lines[start - 1]:
        start -= 1
    body = token_lines[first: last + 1]
    tol = settings.column_edge_tolerance
    amount_right = _cluster([t["x1"] for toks in body for t in toks if _is_number(t, toks)], tol)
    text_left = _cluster([t["x0"] for toks in body for t in toks if not _is_number(t, toks)], tol)
    if not amount_right:
        return None
    columns = sorted([(x, "amount") for x in amount_right] + [(x, "text") for x in text_left])

    def body_column(t: dict, toks: list[dict]) -> int:
        kind = "amount" if _is_number(t, toks) else "text"
        candidates = [(abs((t["x1"] if k == "amount" else t["x0"]) - x), i)
                      for i, (x, k) in enumerate(columns) if k == kind]
        return min(candidates)[1]

    extents: dict[int, list[float]] = {}
    for toks in body:
        for t in toks:
            j = body_column(t, toks)
            e = extents.setdefault(j, [t["x0"], t["x1"]])
            e[0], e[1] = min(e[0], t["x0"]), max(e[1], t["x1"])
    spans = [list(extents.get(j, [x - settings.fallback_column_width, x])) for j, (x, _) in enumerate(columns)]
    # a right-aligned amount column reaches left to where the previous column ends
    by_x = sorted(range(len(columns)), key=lambda j: spans[j][0])
    for prev, j in zip(by_x, by_x[1:], strict=False):
        if columns[j][1] == "amount":
            spans[j][0] = min(spans[j][0], spans[prev][1] + settings.amount_span_margin)

    # header words sit over the column whose extent they overlap; a header over a column left
    # blank in every row (上年结转 with nothing carried over) still makes a column of its own
    header_cols: dict[int, int] = {}
    for toks in token_lines[start:first]:
        for t in toks:
            best = max(range(len(spans)), key=lambda j: min(spans[j][1], t["x1"]) - max(spans[j][0], t["x0"]))
            overlap = min(spans[best][1], t["x1"]) - max(spans[best][0], t["x0"])
            if overlap > settings.header_min_overlap:
                header_cols[id(t)] = best
            else:
                spans.append([t["x0"], t["x1"]])
                columns.append((t["x1"], "amount"))
                header_cols[id(t)] = len(columns) - 1
    order = sorted(range(len(columns)), key=lambda j: spans[j][0])
    position = {j: n for n, j in enumerate(order)}

    def column_of(t: dict, toks: list[dict], header: bool = False) -> int:
        return position[header_cols[id(t)] if header else body_column(t, toks)]

    cells: list[Cell] = []
    row = 0
    for i in range(start, last + 1):
        toks = token_lines[i]
        if not toks:
            continue
        placed: dict[int, str] = {}
        placed_tokens: dict[int, list[dict]] = {}
        for t in toks:
            j = column_of(t, toks, header=i < first)
            placed[j] = (placed[j] + t["text"]) if j in placed else t["text"]
            placed_tokens.setdefault(j, []).append(t)
        for j, text in placed.items():
            cells.append(Cell(row, j, 1, 1, text, bbox=chars_box(placed_tokens[j])))
        row += 1
    region = [line for line in lines[start: last + 1] if line]
    xs = [line[0]["x0"] for line in region] + [line[-1]["x1"] for line in region]
    top = min(c["top"] for line in region for c in line)
    bottom = max(c["bottom"] for line in region for c in line)
    return Grid(page_number, (min(xs), top, max(xs), bottom), row, len(columns), cells,
                [spans[j][0] for j in order])


@dataclass(frozen=True)
class UnruledFinder:
    """The table printed without rules under the first line that titles a standard report
    table; the vocabulary says which titles those are."""

    vocabulary: Vocabulary
    settings: GridSettings = GRID_SETTINGS
    name: str = "unruled"

    def find(self, page: PageInput) -> list[Grid]:
        titles = [i for i, line in enumerate(page.lines)
                  if self.vocabulary.title_key(line_text(line, self.settings)) not in (None, "skip", "other")]
        if not titles:
            return []
        grid = lines_to_unruled_grid(page.lines[titles[0] + 1:], page.number, self.settings)
        return [grid] if grid is not None else []
