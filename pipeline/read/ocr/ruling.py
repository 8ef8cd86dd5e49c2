"""Ruled tables in a page image: rules by morphology, then a lattice of cells.

Horizontal and vertical rules are the ink that survives an opening with a long thin kernel
(no character has a stroke that long). Rules that touch make a frame; the distinct rule
positions in a frame are its lattice, and a lattice cell whose side has no rule ink is merged
with its neighbour, so a merged header cell keeps its row and column spans, as in `grids.ruled`.
"""

from __future__ import annotations

import cv2
import numpy as np

from ..grids.ocr import RuledFrame
from ..grids.settings import GRID_SETTINGS, OCR_SETTINGS, GridSettings, OcrSettings
from .clean import px


def rule_masks(ink: np.ndarray, dpi: float, settings: OcrSettings = OCR_SETTINGS) -> tuple[np.ndarray, np.ndarray]:
    """(horizontal, vertical): 255 where a rule is drawn."""
    gap = px(settings.rule_gap, dpi)
    thick = settings.max_rule_thickness * dpi / 72
    out = []
    for length, shape in ((px(settings.min_rule_length, dpi), lambda n: (n, 1)),
                          (px(settings.min_vertical_rule_length, dpi), lambda n: (1, n))):
        mask = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, shape(length)))
        mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, shape(gap)))
        out.append(_thin_only(mask, thick, horizontal=shape(2)[0] == 2))
    return out[0], out[1]


def _thin_only(mask: np.ndarray, thick: float, horizontal: bool) -> np.ndarray:
    """The mask without blobs thicker than a rule (filled blocks, bold type, chart areas)."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if n <= 1:
        return mask
    length = stats[:, cv2.CC_STAT_WIDTH if horizontal else cv2.CC_STAT_HEIGHT].astype(float)
    thickness = stats[:, cv2.CC_STAT_AREA] / np.maximum(length, 1)
    keep = thickness <= thick
    keep[0] = False
    return np.where(keep[labels], 255, 0).astype(np.uint8)


def _positions(profile: np.ndarray, minimum: float, tolerance: float) -> list[float]:
    """Centres of the runs where the profile reaches `minimum`; runs closer than `tolerance`
    (the two edges of a thick or doubled rule) are one position."""
    rows = np.flatnonzero(profile >= minimum)
    if rows.size == 0:
        return []
    runs: list[list[int]] = [[int(rows[0]), int(rows[0])]]
    for r in rows[1:]:
        if r - runs[-1][1] <= tolerance:
            runs[-1][1] = int(r)
        else:
            runs.append([int(r), int(r)])
    return [(a + b) / 2 for a, b in runs]


def _add_edge(positions: list[float], edge: float, reach: float) -> list[float]:
    """A frame's outer edge where no rule is drawn (a table open at the sides): where the rules
    across run on past the last rule by more than `reach` (a rule's least length). Less is a
    rule's overhang, or dust at its end."""
    if any(abs(p - edge) <= reach for p in positions):
        return positions
    return sorted([*positions, edge])


def _coverage(mask: np.ndarray, along: slice, band: slice, horizontal: bool) -> float:
    """Share of a cell side [along] that has rule ink within [band] across it."""
    part = mask[band, along] if horizontal else mask[along, band]
    if part.size == 0:
        return 0.0
    drawn = part.max(axis=0 if horizontal else 1) > 0
    return float(drawn.mean())


def _spans(h: np.ndarray, v: np.ndarray, xs: list[float], ys: list[float], reach: int,
           settings: OcrSettings) -> list[tuple[int, int, int, int]]:
    """(row, col, rowspan, colspan) of each cell: lattice cells joined across undrawn sides."""
    nrows, ncols = len(ys) - 1, len(xs) - 1
    parent = list(range(nrows * ncols))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def join(a: int, b: int) -> None:
        parent[find(a)] = find(b)

    def side(mask: np.ndarray, at: float, lo: float, hi: float, horizontal: bool) -> bool:
        along = slice(int(lo) + reach, max(int(lo) + reach + 1, int(hi) - reach))
        band = slice(max(0, int(at) - reach), int(at) + reach + 1)
        return _coverage(mask, along, band, horizontal) >= settings.side_min_coverage

    for i in range(nrows):
        for j in range(ncols):
            if j + 1 < ncols and not side(v, xs[j + 1], ys[i], ys[i + 1], horizontal=False):
                join(i * ncols + j, i * ncols + j + 1)
            if i + 1 < nrows and not side(h, ys[i + 1], xs[j], xs[j + 1], horizontal=True):
                join(i * ncols + j, (i + 1) * ncols + j)
    groups: dict[int, list[tuple[int, int]]] = {}
    for i in range(nrows):
        for j in range(ncols):
            groups.setdefault(find(i * ncols + j), []).append((i, j))
    spans = []
    for members in groups.values():
        r0, r1 = min(i for i, _ in members), max(i for i, _ in members)
        c0, c1 = min(j for _, j in members), max(j for _, j in members)
        spans.append((r0, c0, r1 - r0 + 1, c1 - c0 + 1))
    return sorted(spans)


def find_frames(h: np.ndarray, v: np.ndarray, dpi: float, settings: OcrSettings = OCR_SETTINGS,
                grid_settings: GridSettings = GRID_SETTINGS) -> list[RuledFrame]:
    """Every ruled table on the page, top to bottom, in points."""
    scale = 72 / dpi
    tolerance = grid_settings.lattice_tolerance * dpi / 72
    reach = max(1, round(tolerance))
    joined = cv2.dilate(cv2.bitwise_or(h, v), np.ones((2 * reach + 1, 2 * reach + 1), np.uint8))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    frames = []
    for k in range(1, n):
        x, y, w, hgt = (int(t) for t in stats[k, :4])
        region = labels[y: y + hgt, x: x + w] == k
        hk = np.where(region, h[y: y + hgt, x: x + w], 0)
        vk = np.where(region, v[y: y + hgt, x: x + w], 0)
        ys = _positions((hk > 0).sum(axis=1), settings.min_rule_length * dpi / 72, tolerance)
        xs = _positions((vk > 0).sum(axis=0), settings.min_vertical_rule_length * dpi / 72, tolerance)
        if not ys:
            continue
        hx = np.flatnonzero(hk.max(axis=0) > 0)
        overhang = settings.min_rule_length * dpi / 72
        xs = _add_edge(_add_edge(xs, float(hx[0]), overhang), float(hx[-1]), overhang)
        vy = np.flatnonzero(vk.max(axis=1) > 0)
        if vy.size:
            overhang = settings.min_vertical_rule_length * dpi / 72
            ys = _add_edge(_add_edge(ys, float(vy[0]), overhang), float(vy[-1]), overhang)
        if len(xs) < settings.min_rules or len(ys) < settings.min_rules \
                or (xs[-1] - xs[0]) * scale < settings.min_frame_width:
            continue
        spans = _spans(hk, vk, xs, ys, reach, settings)
        frames.append(RuledFrame(
            xs=[(x + p) * scale for p in xs], ys=[(y + p) * scale for p in ys], cells=spans,
            bbox=((x + xs[0]) * scale, (y + ys[0]) * scale, (x + xs[-1]) * scale, (y + ys[-1]) * scale),
        ))
    return sorted(frames, key=lambda f: (f.bbox[1], f.bbox[0]))
