"""Finding the tables on a page: each finder turns one page's plain data into Grids.

A finder is anything with a `name` and `find(page: PageInput) -> list[Grid]` (`GridFinder`).
`pdf.py` asks an ordered chain of them and keeps the grids of the first that finds any:
`RuledFinder` (tables drawn with rules), then `UnruledFinder` (tables set out by alignment,
on pages that title a standard report table). Every threshold they measure with is a named
field of `GridSettings`.

An OCR finder for scanned pages plugs in the same way: a class with `name = "ocr"` whose
`find` renders `page.source` to an image, recognises words with their boxes, turns them into
char-like dicts (text, x0, x1, top, bottom, size) and hands them to the unruled reader, or
places recognised cells on a lattice itself. Appended to the chain, it runs only on pages
where neither rules nor a text layer gave a table.
"""

from .finder import GridFinder, PageInput, find_grids
from .ruled import RuledFinder
from .settings import GRID_SETTINGS, GridSettings
from .unruled import UnruledFinder

__all__ = ["GRID_SETTINGS", "GridFinder", "GridSettings", "PageInput", "RuledFinder", "UnruledFinder", "find_grids"]
