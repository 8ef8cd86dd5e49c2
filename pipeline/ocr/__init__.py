"""Reading a scanned page (an image with no text layer) into the same plain data a text page gives.

`scan.scan_page` renders the page (`raster`), erases dust (`clean`), levels it (`orient`: scanner
skew and quarter turns), finds its ruled frames (`ruling`) and recognises its text (`engine`,
through the `cache`). The result is a `grids.ocr.ScannedPage`: char-like dicts in points, each
with its confidence, and the ruled frames, from which `grids.ocr.OcrFinder` builds Grids like
any other finder. `numbers` resolves O/0, l/1 and ，/. confusions in amount columns.

Nothing is imported here, so `grids.ocr` can use `numbers` without importing the image steps.
"""
