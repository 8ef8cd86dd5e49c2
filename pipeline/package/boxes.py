"""Where each finding points on its page: the box of the cell it checks (the fact, or the cell
that did not read), or of the words that state the figure (a text rule's sentence), so that a
reader, the site and the review PDF can show it. A finding about the document as a whole keeps
no box."""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Iterable

from ..amounts import format_amount, format_decimal
from ..model import Box, Fact, Finding, Page, UnreadableCell

# the first words of the sentence a text rule's message quotes ('第6页“2025年当年预算执行数…”')
QUOTED = re.compile(r"“…?([^“”…]{6,12})")


def _printed_at(page: Page | None, texts: Iterable[str]) -> Box | None:
    """The first line of the page, or else the first table cell, that prints one of the texts."""
    if page is None:
        return None
    texts = [t for t in dict.fromkeys(texts) if t]
    for text in texts:
        for line in page.lines:
            if (i := line.text.find(text)) >= 0:
                return line.span_box(i, i + len(text))
    for text in texts:
        for grid in page.grids:
            for cell in grid.cells:
                if cell.bbox is not None and text in cell.text:
                    return cell.bbox
    return None


def findings_to_boxes(findings: Iterable[Finding], facts: Iterable[Fact], unreadable: Iterable[UnreadableCell],
                      pages: Iterable[Page]) -> list[Finding]:
    """Each finding with the box of what it points at, where that is found on its page."""
    cells: dict[tuple, list[tuple[Fact | UnreadableCell, Box]]] = defaultdict(list)
    for f in facts:
        if f.box is not None:
            cells[(f.table, f.page, f.row_label, f.column)].append((f, f.box))
    for u in unreadable:
        if u.box is not None:
            cells[(u.table, u.page, u.row_label, u.column)].append((u, u.box))
    by_number = {p.number: p for p in pages}
    out = []
    for finding in findings:
        found = cells.get((finding.table, finding.page, finding.row_label, finding.column), [])
        same = [box for x, box in found if isinstance(x, Fact) and x.amount == finding.printed]
        box = (same or [box for _, box in found] or [None])[0]
        if box is None and finding.table:  # a figure the words state, a form's project, a quoted sentence
            figure = format_decimal(finding.printed) if finding.printed else ""
            quoted = QUOTED.search(finding.message)
            box = _printed_at(by_number.get(finding.page), (figure, format_amount(figure) if figure else "",
                                                            finding.row_label, quoted.group(1) if quoted else ""))
        out.append(dataclasses.replace(finding, box=box) if box is not None else finding)
    return out
