"""Read: a PDF file → `Page`s (words, characters, ruled grids, page numbers), within bounded memory
and time.

`pdf.pdf_to_pages` is the entry: it guards the input (`limits`, `streams`, `pagetree`,
`textquality`), finds each page's tables (`grids/`) and reads scanned pages by OCR (`ocr/`).
`pdfmeta` and `page_labels` read what the file and its margins say about it. Nothing here
knows what a budget table is."""
