"""Every geometric threshold used to read lines and tables off a page, named in one place.

All distances are in PDF points (1/72 inch); "per size" values are fractions of the font size,
so the same rule holds for 8pt table text and 16pt titles. Nothing here reads a page.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GridSettings:
    # ---------------------------------------------------------------- chars and visual lines

    # Font size assumed for a char that declares none: table and body text in these reports is
    # typically 9-12pt.
    fallback_char_size: float = 10.0
    # Characters of the same text, font and size closer than this (points) are one character drawn
    # again on itself (bold faked by overprinting): read once.
    overprint_tolerance: float = 1.0
    # Smallest size a char is measured by: a char declaring size 0 over a flat box still gets
    # a glyph middle above its baseline.
    min_char_size: float = 1.0
    # Chars whose baselines differ by no more than this are one visual line: 2pt covers
    # subscript and mixed-font jitter even for tiny text ...
    line_baseline_min: float = 2.0
    # ... and 0.3 of the size covers it for large text, while staying well under the line pitch
    # (at least 1.2 × size), so two printed lines never merge.
    line_baseline_per_size: float = 0.3
    # A gap wider than this between two chars of one line is a word space: Chinese is set solid,
    # so a gap of more than 3pt (about a space at body size) was put there on purpose ...
    word_gap_min: float = 3.0
    # ... or half an em in larger type.
    word_gap_per_size: float = 0.5

    # ---------------------------------------------------------------- ruled tables

    # Where a glyph's middle sits above its baseline: a char goes to the cell holding that point,
    # because some fonts declare boxes a whole row below the glyph. 0.35 em is the middle of a
    # CJK glyph, whose body stands roughly from 0.1 em below to 0.8 em above the baseline.
    glyph_middle_per_size: float = 0.35
    # Cell edges closer than this are one ruling line: edges of one thick or doubled rule come
    # out a point or two apart, while real columns are tens of points apart.
    lattice_tolerance: float = 2.0
    # Column edges closer together than this, with no text of their own between them, are one
    # doubled or tripled rule (江苏 2017 draws its frame and its code/name divider as lines ~5pt
    # apart), not columns: no column in these tables is narrower than a digit plus padding.
    thin_column_max: float = 8.0
    # Chars whose tops lie within this of the cell's first char are on the cell's first line
    # (where its indent is measured); it is less than any line pitch.
    indent_line_tolerance: float = 3.0
    # A text line whose middle lies in a grid's box, widened sideways by this, belongs to the
    # grid: text set flush against a side rule is not repeated as page text.
    inside_margin: float = 2.0
    # A continuation page drawn with fewer column lines is placed on the first page's columns
    # when every edge lies within this of one of them: more than the lattice tolerance (the
    # two pages are drawn separately), far less than a column's width.
    realign_tolerance: float = 4.0

    # ---------------------------------------------------------------- tables without rules

    # Smallest font size a gap is measured against, so tiny digits do not split every word.
    token_min_char_size: float = 4.0
    # A gap wider than this many font sizes ends a cell's text: words in one cell sit closer
    # than one character, columns are set further apart.
    token_gap_per_size: float = 1.2
    # A number and a word never share a cell: a gap over this between them splits, small
    # enough to catch any visible space, large enough to ignore kerning.
    number_word_gap: float = 1.5
    # Right edges of amounts (left edges of labels) within this of each other are one column:
    # right-aligned digits of different widths and hand-set indents stay within about one
    # wide character.
    column_edge_tolerance: float = 8.0
    # A column no body word was placed in is given this width to the left of its edge (a short
    # amount in table type), so the header over it can still overlap it.
    fallback_column_width: float = 30.0
    # A right-aligned amount column reaches left to just past where the previous column ends;
    # the margin keeps the two from touching, so a header word ending where the previous column
    # ends is not also counted as over the amount column.
    amount_span_margin: float = 2.0
    # A header word overlapping a column by more than this sits over that column; less is a
    # touch at the edges, and the word makes a column of its own.
    header_min_overlap: float = 2.0
    # At most this many lines above the first row of amounts are read as the header: report
    # headers typically have up to three levels plus a column-number row, and the lines above
    # them are titles and notes.
    max_header_lines: int = 4


GRID_SETTINGS = GridSettings()


@dataclass(frozen=True)
class OcrSettings:
    """Every threshold used to read a scanned page (an image with no text layer).

    Lengths are in PDF points like GridSettings, and become pixels at the resolution the page
    is rendered at, so one setting holds for a 150 and a 300 dpi scan."""

    # ---------------------------------------------------------------- rendering

    # A page is rendered at the resolution it was scanned at (its largest image's pixels per
    # inch) within these bounds: below 150 dpi 9pt table text is under 19 px tall, about the
    # least the recogniser reads reliably; above 300 dpi adds pixels but no detail it uses
    # (it scales every text line to 48 px high) and slows the image steps.
    min_dpi: float = 150.0
    max_dpi: float = 300.0
    # A page whose image size cannot be read is rendered at this resolution.
    fallback_dpi: float = 200.0

    # ---------------------------------------------------------------- ink

    # Ink is told from paper by comparing each pixel with its surroundings (this many points
    # around it), so a grey shaded header or an unevenly lit scan still gives clean strokes ...
    ink_window: float = 12.0
    # ... where a pixel must be this many grey levels darker than its surroundings: paper grain
    # and scanner noise vary by less, the faintest printed stroke by more.
    ink_contrast: int = 15

    # ---------------------------------------------------------------- text detection

    # The text detector sees the page scaled to at most this many pixels on its long side: an
    # A4 page at 150 dpi keeps 9pt text about 10 px tall there, enough for the detector, at a
    # quarter of the cost of full size. Recognition always reads the full-resolution image.
    detect_max_side: int = 960
    # Recognised lines below this confidence are dropped: the engine's own default, under which
    # its readings are mostly noise (specks, stamps, smudges).
    min_line_confidence: float = 0.5
    # A recognised box less tall than this is a speck or a rule fragment, not printed text:
    # the smallest type in these reports is about 6pt, and its box is taller still.
    min_text_height: float = 4.0
    # A character's font size is its box height times this: the detector pads each text line
    # by about a third of its height (a 10.5pt line gives a 14pt box).
    size_per_box_height: float = 0.75

    # ---------------------------------------------------------------- page orientation

    # A page is turned a quarter when more of its recognised lines stand upright than lie flat:
    # a line is upright when its box is this many times taller than wide (a single CJK character
    # is about square, so only lines of two or more count either way).
    turned_aspect: float = 1.5
    # A page read with a mean confidence under this may be upside down: it is read turned half
    # a turn too and the better reading is kept. Upright print reads at over 0.9.
    upside_down_confidence: float = 0.75
    # Upright or turned by a quarter either way is decided by reading this many of the page's
    # longest lines both ways: a handful of lines is decisive and costs a fraction of a page.
    orientation_sample_lines: int = 6

    # ---------------------------------------------------------------- skew

    # Scanner skew is searched within this many degrees either way: a sheet fed askew sits a
    # degree or two off; more than this is a photograph, not a scan.
    max_skew: float = 3.0
    # The search steps by this many degrees: 0.1° moves the end of a 1,000 px rule by under
    # 2 px, within the thickness of a scanned rule.
    skew_step: float = 0.1
    # A skew smaller than this is left alone: rotating resamples (and blurs) the whole image for
    # less than a pixel of drift across a table.
    min_skew: float = 0.1
    # Skew is measured on the page scaled to this many pixels on its long side: text lines and
    # rules still show, and the search costs milliseconds.
    skew_measure_side: int = 800

    # ---------------------------------------------------------------- specks

    # An ink blob no larger than this either way, with no other ink within speck_isolation of
    # it, is scanner dust and is erased before text detection. A decimal point can stand 3pt
    # clear of its digits (centred in a half-width cell of a 12pt face), a 、 or 。 less; dust on
    # blank paper, in margins and empty cells stands further off. Dust closer to print is read
    # as a stray mark and dropped after recognition (`ocr.numbers.stray_marks`).
    speck_max_size: float = 2.0
    speck_isolation: float = 5.0

    # ---------------------------------------------------------------- ruling lines

    # A horizontal ink run at least this long is a rule: longer than any stroke of a character
    # (an 18pt title's 一 is about 16pt), shorter than the narrowest column of a table.
    min_rule_length: float = 24.0
    # Vertical rules may be as short as one row (a rule drawn only beside a merged cell), and rows
    # are at least 14pt high; the vertical strokes of 9-10.5pt table text are under 10pt.
    min_vertical_rule_length: float = 12.0
    # Breaks in a scanned rule up to this long are closed: toner dropouts are a pixel or two,
    # while the gap between a rule and text is more than half an em.
    rule_gap: float = 3.0
    # A rule is at most this thick: scanned hairlines are 1-2pt; a thicker run is a filled
    # block or bold type.
    max_rule_thickness: float = 4.0
    # A side of a lattice cell is drawn when rule ink covers at least this share of it: a scanned
    # rule keeps more than half even where broken, a missing side (a merged cell) has none
    # beyond the crossing rules at its ends.
    side_min_coverage: float = 0.5
    # A ruled frame is a table when it has at least this many rules each way: the box around a
    # note or a chart has two of each but holds no rows.
    min_rules: int = 3
    # ... and is at least this wide: an inch is wider than any printed character (cover titles
    # stand up to 40pt, and the strokes of a large 田 or 開 cross like rules), narrower than
    # any table of two columns.
    min_frame_width: float = 72.0

    # An indent read from a page image is measured in steps of this many font sizes from the
    # column's least indented label: a glyph's ink starts up to a fifth of an em into its box,
    # so finer differences are the glyphs', not the layout's, while a printed indent is at least
    # half an em (two half-width spaces).
    indent_step_per_size: float = 0.5

    # ---------------------------------------------------------------- numbers

    # A column is an amount column when at least this share of its filled cells below the header
    # are amounts (as read, or once O/0, l/1 and ，/. confusions are resolved), and one at least
    # as read: only there are such confusions resolved, so a note column keeps its letters.
    amount_column_share: float = 0.5

    # ---------------------------------------------------------------- confidence

    # An amount read with a confidence (its least certain character) under this is reported for
    # a look at the page: PP-OCR reads clean print at 0.95 and above, a digit it hesitates over
    # (6 or 8, a broken 1) falls under 0.9.
    low_confidence: float = 0.9


OCR_SETTINGS = OcrSettings()
