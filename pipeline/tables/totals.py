"""What a total is, in one place: total rows and total columns (words from vocabulary.toml
[totals]). The hierarchy, the checks, the indicators, the corpus and the site all ask here;
the headline figures themselves are the `indicators` (indicators.py)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..model import Fact
from ..vocabulary import load_vocabulary, squash


def row_total_kind(label: str) -> str | None:
    """'table' (合计, 总计: the whole table), 'year' (本年收入合计 …), 'grand' (收入总计,
    支出总计 of a summary) or 'sub' (小计); None for a row that is not a total."""
    t = load_vocabulary().totals
    s = squash(label)
    for kind, words in (("table", t.table_rows), ("year", t.year_rows), ("grand", t.grand_rows),
                        ("sub", t.sub_rows)):
        if s in words:
            return kind
    return None


def is_total_row(label: str) -> bool:
    """A 合计 / 总计 / 小计 row of any kind (the contract's `is_total`)."""
    return row_total_kind(label) is not None


def is_table_total(label: str) -> bool:
    """The row a table's rows add up to: 合计, 总计, 本年支出合计 …"""
    return row_total_kind(label) in ("table", "year")


def is_whole_table_total(label: str) -> bool:
    """Only 合计 / 总计 (not this year's part of a two-sided total)."""
    return row_total_kind(label) == "table"


def summary_side(label: str) -> str | None:
    """'income' or 'expenditure' for the grand total of one side of a summary table."""
    return load_vocabulary().totals.side_rows.get(squash(label))


def is_total_column(header: str) -> bool:
    """A column header (one level) that states a total: 合计, 小计, 本年支出合计 …"""
    return squash(header) in load_vocabulary().totals.columns


def total_row(facts: Iterable[Fact], table: str) -> list[Fact]:
    """The cells of a table's total row (the first, when a table prints several)."""
    rows = [f for f in facts if f.table == table and not f.row_code and is_table_total(f.row_label)]
    if not rows:
        return []
    first = min(f.row_number for f in rows)
    return [f for f in rows if f.row_number == first]


def total_column_cell(cells: Sequence[Fact]) -> Fact | None:
    """The first cell of a row whose column's lowest header level states a total."""
    return next((f for f in cells if is_total_column(f.leaf)), None)
