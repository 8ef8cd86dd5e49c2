"""Text cells for the workbooks the site offers: what a PDF prints stays text, never a formula.

A spreadsheet reads a cell that starts with = + - @ (or a tab or carriage return before one) as
a formula, and a formula can run commands or send data away (CSV/formula injection). openpyxl
stores a string starting with '=' as a formula; the others it stores as text, but Excel parses
them again when someone edits the cell. Every such string is written as a text cell with the
quote prefix (Excel's leading apostrophe): shown as printed, kept as text on edit.

Only strings: a negative amount in a number column is a number. The package CSVs are data, not
spreadsheets, and keep every value exactly as printed.
"""

from __future__ import annotations

from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def text_cell(ws: Any, value: str) -> Any:
    """`value` as a write-only sheet's cell: the string itself, or a quote-prefixed text cell."""
    from openpyxl.cell import WriteOnlyCell

    if not value.startswith(FORMULA_PREFIXES):
        return value
    cell = WriteOnlyCell(ws, value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell
