"""What a grid finder is given and what it must return, and how several are chained."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from ...model import Grid
from .chars import chars_to_lines
from .settings import GRID_SETTINGS, GridSettings


@dataclass(frozen=True)
class PageInput:
    """One page as plain data: its chars (with baselines), the chars grouped into visual lines,
    and the pdfplumber page for finders that need its drawing (None for hand-made pages)."""

    number: int
    chars: list[dict]
    lines: list[list[dict]]
    source: Any = None

    @classmethod
    def from_chars(cls, number: int, chars: list[dict], source: Any = None,
                   settings: GridSettings = GRID_SETTINGS) -> PageInput:
        return cls(number, chars, chars_to_lines(chars, settings), source)


class GridFinder(Protocol):
    """Finds the tables on one page; an empty list means this finder sees none there."""

    name: str

    def find(self, page: PageInput) -> list[Grid]: ...


def find_grids(page: PageInput, finders: Sequence[GridFinder]) -> list[Grid]:
    """The grids of the first finder, in order, that finds any on the page.

    Order is trust: a finder later in the chain is only asked where the ones before it saw
    nothing, so a guess from word alignment never overrides a table drawn with rules."""
    for finder in finders:
        grids = finder.find(page)
        if grids:
            return grids
    return []
