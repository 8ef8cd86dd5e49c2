"""The self-audit: every money-like amount each page prints (two decimals, or grouped by commas:
938.99, 1,564.72) against what the package holds on that page (the tables' facts, the figures
the words state). What the pipeline could not read is counted, never silently lost: the
descriptor's `coverage` says how much was read, and a document that read less than 98% of its
amounts has an `amount_not_read` finding (checks/amount_not_read.py)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from ..model import Fact, Page
from .narrative import Figure

# A number with two decimals or thousands separators, not part of a longer number or a date
# (2026.01.01), read as printed.
MONEY_LIKE = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d{2})(?![\d]|[.,]\d)")
ENOUGH = Decimal("0.98")  # below this share of amounts read, the document has a finding


@dataclass(frozen=True)
class Coverage:
    printed: int  # money-like amounts the pages print
    read: int  # of those, the ones the package holds on the same page
    missing: dict[int, list[str]] = field(default_factory=dict)  # page → the amounts not read, as printed

    @property
    def share(self) -> Decimal:
        return (Decimal(self.read) / Decimal(self.printed)).quantize(Decimal("0.0001")) if self.printed else Decimal(1)

    def property(self) -> dict:
        """The descriptor's `coverage`."""
        return {"amounts_printed": self.printed, "amounts_read": self.read, "share": float(self.share)}


def _value(text: str) -> Decimal | None:
    try:
        return abs(Decimal(text.replace(",", "")))
    except InvalidOperation:
        return None


def pages_to_printed(pages: Iterable[Page]) -> list[tuple[int, str]]:
    """(page, amount as printed) for every money-like number of every page, in reading order."""
    return [(p.number, m.group(1)) for p in pages for line in p.lines for m in MONEY_LIKE.finditer(line.text)]


def printed_to_coverage(printed: Sequence[tuple[int, str]], facts: Iterable[Fact],
                        figures: Iterable[Figure]) -> Coverage:
    """How many of the printed amounts the package holds on their page: each fact and each
    stated figure accounts for one print of its value there (a value printed twice on a page
    and held once is one read, one missing)."""
    held: dict[int, Counter] = defaultdict(Counter)
    for f in facts:
        held[f.page][abs(f.amount)] += 1
    for g in figures:
        if (v := _value(g.figure)) is not None:
            held[g.page][v] += 1
    read = 0
    missing: dict[int, list[str]] = defaultdict(list)
    for page, text in printed:
        v = _value(text)
        if v is not None and held[page][v] > 0:
            held[page][v] -= 1
            read += 1
        else:
            missing[page].append(text)
    return Coverage(len(printed), read, dict(missing))
