"""Reading a scanned page (an image with no text layer) into the same plain data a text page gives.

`scan.scan_page` renders the page (`raster`), erases isolated dust (`clean`), levels it
(`orient`: scanner skew and quarter turns), finds its ruled frames (`ruling`) and recognises its
text (`engine`, through the `cache`). The result is a `grids.ocr.ScannedPage` and char-like dicts
in points, each with its confidence, from which `grids.ocr.OcrFinder` builds Grids like any
other finder. `numbers` resolves what recognition misreads where only one reading is possible:
O/0, l/1 and ，/. in amount columns and in the words, and dust read as a mark beside print.

Nothing is imported here, so `grids.ocr` can use `numbers` without importing the image steps.
"""
