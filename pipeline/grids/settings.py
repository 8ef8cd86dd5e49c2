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
