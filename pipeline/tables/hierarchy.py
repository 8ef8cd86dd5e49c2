"""Each row's level and parent: from its classification code where printed, else from the
indentation of its label (深圳, 杭州 print 类/款/项 names indented, without codes)."""

from __future__ import annotations

import re

from ..codes import code_level
from ..vocabulary import ORDINAL_MARKERS, marker_of
from .totals import is_table_total

INDENT_TOLERANCE = 1.5  # points: labels indented within this of each other sit at one level
MARKERS = ORDINAL_MARKERS


def _marker(label: str) -> str | None:
    return marker_of(re.sub(r"^其中[:：]", "", re.sub(r"\s+", "", label)))


def _marker_levels(labels: list[str], is_total: list[bool]) -> list[int | None] | None:
    """Levels from ordinal markers (一、 → （一） → 1. → （1）) in order of first appearance;
    unmarked rows before any marker are aggregates (0), after one they sit one level deeper."""
    kinds = [_marker(x) for x in labels]
    order: list[str] = []
    for k in kinds:
        if k and k not in order:
            order.append(k)
    if sum(1 for k in kinds if k) < 2:
        return None
    levels: list[int | None] = []
    last = 0
    for k, total in zip(kinds, is_total, strict=True):
        if total:
            levels.append(0)
        elif k:
            last = order.index(k) + 1
            levels.append(last)
        else:
            levels.append(last + 1 if last else 0)
    return levels


def _indent_levels(indents: list[float | None]) -> dict[float, int]:
    values = sorted({round(i, 1) for i in indents if i is not None})
    clusters: list[float] = []
    for v in values:
        if not clusters or v - clusters[-1] > INDENT_TOLERANCE:
            clusters.append(v)
    out = {}
    for v in values:
        out[v] = max(k for k, c in enumerate(clusters) if c <= v + 1e-9) + 1
    return out


def rows_to_levels(keys: list[tuple[str, str]], indents: list[float | None]) -> list[tuple[int, int | None]] | None:
    """(level, index of the parent row) per row, or None when the table shows no hierarchy.

    Level 0 is a 合计 row, 1 a 类, 2 a 款, 3 a 项."""
    is_total = [not code and is_table_total(label) for code, label in keys]
    codes = [code for code, _ in keys]
    if any(code_level(c) for c in codes):
        levels = [0 if t else code_level(c) for c, t in zip(codes, is_total, strict=True)]
    elif (marked := _marker_levels([label for _, label in keys], is_total)) is not None:
        levels = marked
    else:
        body = [i for i, t in zip(indents, is_total, strict=True) if not t]
        mapping = _indent_levels(body)
        if len(set(mapping.values())) < 2:
            return None
        levels = [0 if t else (mapping.get(round(i, 1)) if i is not None else None)
                  for i, t in zip(indents, is_total, strict=True)]
    out: list[tuple[int, int | None]] = []
    stack: list[tuple[int, int]] = []  # (level, row index)
    for idx, level in enumerate(levels):
        if level is None:
            out.append((-1, None))
            continue
        while stack and stack[-1][0] >= level:
            stack.pop()
        parent = stack[-1][1] if stack and level > 0 else None
        out.append((level, parent))
        stack.append((level, idx))
    return out
