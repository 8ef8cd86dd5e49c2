"""Where a page's boxes are: the one rule between pdfplumber's coordinates, PDF user space and
the page as a viewer shows it.

Every box of a package (facts, findings, figures) is in pdfplumber's coordinates: points from
the top left of the page's MediaBox as pdfminer turns it by /Rotate (`user_to_plumber`). A PDF
annotation (the review copy) is placed in user space, the page's own unturned coordinates
(`plumber_to_user`). A viewer (pdf.js, pdfium) shows the CropBox, clipped to the MediaBox and
turned: `shown_origin` is where that starts in pdfplumber's coordinates, so that a box less it
is a box on the page shown. Almost every page has a MediaBox at (0, 0), no CropBox of its own
and no /Rotate: then all three agree and the origin is (0, 0).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Rect = tuple[float, float, float, float]


def _normalized(box: Sequence[float]) -> Rect:
    """Any two opposite corners (PDF 32000 §7.9.5) as (left, bottom, right, top)."""
    x0, y0, x1, y1 = (float(v) for v in box[:4])
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


@dataclass(frozen=True)
class PageGeometry:
    mediabox: Rect  # user space, normalized
    cropbox: Rect  # user space, normalized and clipped to the MediaBox
    rotation: int  # /Rotate, 0, 90, 180 or 270

    @classmethod
    def of(cls, mediabox: Sequence[float], cropbox: Sequence[float] | None, rotate: int | float) -> PageGeometry:
        mb = _normalized(mediabox)
        cb = _normalized(cropbox) if cropbox else mb
        clipped = (max(cb[0], mb[0]), max(cb[1], mb[1]), min(cb[2], mb[2]), min(cb[3], mb[3]))
        if clipped[0] >= clipped[2] or clipped[1] >= clipped[3]:
            clipped = mb  # a CropBox outside the MediaBox: viewers show the MediaBox
        return cls(mb, clipped, int(rotate) % 360)

    def _ctm(self) -> tuple[float, float, float, float, float, float]:
        """pdfminer's page matrix (PDFPageInterpreter.process_page): user space to its layout."""
        x0, y0, x1, y1 = self.mediabox
        return {90: (0, -1, 1, 0, -y0, x1), 180: (-1, 0, 0, -1, x1, y1),
                270: (0, 1, -1, 0, y1, -x0)}.get(self.rotation, (1, 0, 0, 1, -x0, -y0))

    def _shift(self) -> tuple[float, float, float]:
        """pdfplumber's (Page.__init__, process_object): its MediaBox's left and top, and height,
        from the box turned by a quarter turn's swap and flipped top-down."""
        x0, y0, x1, y1 = self.mediabox
        if self.rotation in (90, 270):
            x0, y0, x1, y1 = y0, x0, y1, x1
        height = y1 - y0
        return x0, height - y1, height

    def user_to_plumber(self, x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = self._ctm()
        left, top, height = self._shift()
        return a * x + c * y + e + left, height - (b * x + d * y + f) + top

    def plumber_to_user(self, x: float, top: float) -> tuple[float, float]:
        a, b, c, d, e, f = self._ctm()
        left, shift, height = self._shift()
        u, v = x - left - e, height - (top - shift) - f
        # the matrix is a quarter turn (or none): its inverse is its transpose
        return a * u + b * v, c * u + d * v

    def shown_origin(self) -> tuple[float, float]:
        """The top left corner of the page as shown, in pdfplumber's coordinates."""
        x0, y0, x1, y1 = self.cropbox
        corners = [self.user_to_plumber(x, y) for x in (x0, x1) for y in (y0, y1)]
        return min(x for x, _ in corners), min(t for _, t in corners)
