"""The page number each PDF page prints (its folio), so that readers can be told "第3页" as the
paper says rather than the PDF viewer's index (cover and contents usually come unnumbered first).

A folio is a line of its own in the page's top or bottom margin holding only a number, "- 3 -",
"第3页" (optionally "共N页") or "3/31". A number alone could also be a stray figure, so a
folio is kept only when a neighbouring page prints the next or previous number at the same
offset: folios run in sequence, stray figures do not.
"""

from __future__ import annotations

import re

from ..model import Page

# The band at the top and bottom of a page where folios are printed, as a share of its height.
MARGIN = 0.12
FOLIO = re.compile(
    r"^[-—–－‐_\s]*(?:第\s*)?(\d{1,4})(?:\s*页)?(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[-—–－‐_\s]*$")


def _folio(page: Page) -> int | None:
    """The number printed alone on the topmost or bottommost line, if that line is in the margin."""
    if not page.lines:
        return None
    lines = sorted(page.lines, key=lambda line: line.top)
    edges = [(lines[-1], lines[-1].bottom >= page.height * (1 - MARGIN)),
             (lines[0], lines[0].top <= page.height * MARGIN)]
    for line, in_margin in edges:
        m = FOLIO.match(line.text)
        if in_margin and m and int(m.group(1)) > 0:
            return int(m.group(1))
    return None


def pages_to_labels(pages: list[Page]) -> dict[str, int]:
    """{PDF page number (1-based, as a JSON key): the number printed on it} for every page whose
    folio runs in sequence with a neighbour's; pages without one are left out."""
    found = {p.number: n for p in pages if (n := _folio(p)) is not None}
    return {str(i): n for i, n in sorted(found.items())
            if found.get(i - 1) == n - 1 or found.get(i + 1) == n + 1}
