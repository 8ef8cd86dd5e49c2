"""Finding the tables on a page: each finder turns one page's plain data into Grids.

A finder is anything with a `name` and `find(page: PageInput) -> list[Grid]` (`GridFinder`).
`pdf.py` asks an ordered chain of them and keeps the grids of the first that finds any:
`RuledFinder` (tables drawn with rules), then `OcrFinder` (ruled tables in a scanned page's
image), then `UnruledFinder` (tables set out by alignment, on pages that title a standard report
table). Every threshold they measure with is a named field of `GridSettings` (`OcrSettings` for
page images).

A scanned page (no text layer) is read by `pipeline.read.ocr` into recognised characters shaped like
pdfplumber's chars, with a `ScannedPage` as its source: `OcrFinder` fills the ruled frames found
in its image, and the unruled reader works on its characters as on any page. Each finder looks
only at the pages it can read (RuledFinder needs a PDF drawing, OcrFinder a scanned image), so
one chain serves both kinds of page.
"""

from .finder import GridFinder, PageInput, find_grids
from .ocr import OcrFinder, ScannedPage
from .ruled import RuledFinder
from .settings import GRID_SETTINGS, OCR_SETTINGS, GridSettings, OcrSettings
from .unruled import UnruledFinder

__all__ = ["GRID_SETTINGS", "OCR_SETTINGS", "GridFinder", "GridSettings", "OcrFinder", "OcrSettings", "PageInput",
           "RuledFinder", "ScannedPage", "UnruledFinder", "find_grids"]
