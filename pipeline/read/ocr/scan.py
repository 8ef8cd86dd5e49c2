"""One scanned page, read: image steps, recognition and orientation, into a ScannedPage and
char-like dicts in points (see grids.ocr)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import cv2
import numpy as np
import pypdfium2 as pdfium

from ..grids.ocr import RuledFrame, ScannedPage
from ..grids.settings import OCR_SETTINGS, OcrSettings
from .cache import recognise_cached
from .clean import ink, remove_specks
from .engine import OcrLine, read_crop
from .numbers import digit_commas, prose_digits, stray_marks
from .orient import deskew, quarter_turns, skew_angle
from .raster import render_gray, scan_dpi
from .ruling import find_frames, rule_masks


@dataclass
class Reading:
    """A levelled page image, its ruled frames and the text recognised in it."""

    gray: np.ndarray
    frames: list[RuledFrame]
    lines: list[OcrLine]

    @property
    def confidence(self) -> float | None:
        chars = [c.confidence for line in self.lines for c in line.chars]
        return sum(chars) / len(chars) if chars else None


def _erase_rules(gray: np.ndarray, h: np.ndarray, v: np.ndarray, frames: list[RuledFrame], dpi: float) -> np.ndarray:
    """The image without the rules of its tables, so text touching a rule reads cleanly. Only
    rules inside a table frame go: a title's long strokes outside any frame stay."""
    inside = np.zeros_like(h)
    for f in frames:
        x0, top, x1, bottom = (round(c * dpi / 72) for c in f.bbox)
        inside[max(0, top - 2): bottom + 3, max(0, x0 - 2): x1 + 3] = 255
    rules = cv2.dilate(cv2.bitwise_and(cv2.bitwise_or(h, v), inside), np.ones((3, 3), np.uint8))
    return np.where(rules > 0, 255, gray).astype(np.uint8)


def _cell_around(frames: list[RuledFrame], x: float, y: float) -> tuple[float, float, float, float] | None:
    """The ruled cell (in points) holding this point, if any."""
    for f in frames:
        for r, c, rs, cs in f.cells:
            if f.xs[c] <= x <= f.xs[c + cs] and f.ys[r] <= y <= f.ys[r + rs]:
                return f.xs[c], f.ys[r], f.xs[c + cs], f.ys[r + rs]
    return None


def tighten(line: OcrLine, ink: np.ndarray, frames: list[RuledFrame], dpi: float) -> OcrLine:
    """The line with its first and last characters' outer edges moved to where its ink begins and
    ends. The detector pads every box by a third of its height, and by more or less from line to
    line; the indent of a label is only comparable between rows when measured from the ink. In a
    ruled cell only the cell is searched, so a neighbour's text is never taken for this line's."""
    s = dpi / 72
    x0, top, x1, bottom = line.x0, line.top, line.x1, line.bottom
    cell = _cell_around(frames, (x0 + x1) / 2 / s, (top + bottom) / 2 / s)
    if cell is not None:
        pad = (bottom - top) / 2  # the detector's padding is less than half the box height
        if x0 < cell[0] * s - pad or x1 > cell[2] * s + pad:
            return line  # text read across a rule belongs to two cells: its characters say which
        margin = 2  # pixels: the erased rule's edge
        x0, x1 = max(x0, cell[0] * s + margin), min(x1, cell[2] * s - margin)
        top, bottom = max(top, cell[1] * s + margin), min(bottom, cell[3] * s - margin)
    band = ink[max(0, int(top)): int(bottom) + 1, max(0, int(x0)): int(x1) + 1]
    cols = np.flatnonzero(band.any(axis=0)) if band.size else np.array([])
    if cols.size == 0 or not line.chars:
        return line
    left, right = max(0, int(x0)) + float(cols[0]), max(0, int(x0)) + float(cols[-1]) + 1
    chars = list(line.chars)
    chars[0] = dataclasses.replace(chars[0], x0=min(left, chars[0].x1 - 1))
    chars[-1] = dataclasses.replace(chars[-1], x1=max(right, chars[-1].x0 + 1))
    return dataclasses.replace(line, x0=chars[0].x0, x1=chars[-1].x1, chars=tuple(chars))


def read_image(gray: np.ndarray, dpi: float, settings: OcrSettings = OCR_SETTINGS) -> Reading:
    """Ruled frames found and their rules erased, then recognition. Lines too small to be print
    or too unsure to be text (specks, smudges) are dropped."""
    h, v = rule_masks(ink(gray, dpi, settings), dpi, settings)
    frames = find_frames(h, v, dpi, settings)
    text_only = _erase_rules(gray, h, v, frames, dpi)
    min_height = settings.min_text_height * dpi / 72
    lines = [line for line in recognise_cached(text_only, settings)
             if line.bottom - line.top >= min_height and line.confidence >= settings.min_line_confidence
             and line.chars]
    text_ink = ink(text_only, dpi, settings)
    return Reading(gray, frames, [tighten(line, text_ink, frames, dpi) for line in lines])


def _shape(line: OcrLine, settings: OcrSettings) -> str:
    w, h = line.x1 - line.x0, line.bottom - line.top
    return "upright" if h > settings.turned_aspect * w else "flat" if w > settings.turned_aspect * h else ""


def is_turned(lines: list[OcrLine], settings: OcrSettings = OCR_SETTINGS) -> bool:
    """More of the page's text lines stand upright than lie flat: it was scanned a quarter turned."""
    shapes = [_shape(line, settings) for line in lines]
    return shapes.count("upright") > shapes.count("flat")


def turn_direction(gray: np.ndarray, lines: list[OcrLine], settings: OcrSettings = OCR_SETTINGS) -> int:
    """Quarter turns (counter-clockwise) that set a turned page upright: 1 or 3, whichever
    reads its longest upright lines with more confidence."""
    upright = sorted((ln for ln in lines if _shape(ln, settings) == "upright"), key=lambda ln: ln.top - ln.bottom)
    scores = {1: 0.0, 3: 0.0}
    for line in upright[: settings.orientation_sample_lines]:
        crop = gray[int(line.top): int(line.bottom) + 1, int(line.x0): int(line.x1) + 1]
        for turns in scores:
            scores[turns] += read_crop(quarter_turns(crop, turns), settings)[1]
    return max(scores, key=lambda t: (scores[t], -t))


def upright_reading(gray: np.ndarray, dpi: float, settings: OcrSettings = OCR_SETTINGS) -> tuple[Reading, int]:
    """The page read the right way up, and the quarter turns that took."""
    reading = read_image(gray, dpi, settings)
    if reading.lines and is_turned(reading.lines, settings):
        turns = turn_direction(gray, reading.lines, settings)
        return read_image(quarter_turns(gray, turns), dpi, settings), turns
    confidence = reading.confidence
    if confidence is not None and confidence < settings.upside_down_confidence:
        flipped = read_image(quarter_turns(gray, 2), dpi, settings)
        if (flipped.confidence or 0) > confidence:
            return flipped, 2
    return reading, 0


def lines_to_chars(lines: list[OcrLine], frames: list[RuledFrame], dpi: float,
                   settings: OcrSettings = OCR_SETTINGS) -> list[dict]:
    """Recognised characters as char-like dicts in points. Every character of a line shares the
    line's box height, so `base` (what lines are grouped by) is the box's middle. Dust read as a
    mark at either end of a line is dropped; outside the ruled tables, digits misread in the
    words are resolved where no other reading is possible (inside, amount columns are resolved
    cell by cell, keeping what was read)."""
    s = 72 / dpi
    chars = []
    for line in lines:
        size = (line.bottom - line.top) * s * settings.size_per_box_height
        kept = stray_marks([c.text for c in line.chars])
        line_chars = line.chars[kept]
        texts = [c.text for c in line_chars]
        if _cell_around(frames, (line.x0 + line.x1) / 2 * s, (line.top + line.bottom) / 2 * s) is None:
            texts = prose_digits(digit_commas(texts))
        for c, text in zip(line_chars, texts, strict=True):
            chars.append({"text": text, "x0": c.x0 * s, "x1": c.x1 * s, "top": c.top * s, "bottom": c.bottom * s,
                          "size": size, "base": (c.top + c.bottom) / 2 * s, "confidence": round(c.confidence, 3)})
    return chars


def scan_page(page: pdfium.PdfPage, settings: OcrSettings = OCR_SETTINGS) -> tuple[ScannedPage, list[dict]]:
    """Read one page image: rendered at its scan resolution, dust erased, levelled, turned
    upright, its ruled frames found and its text recognised."""
    dpi = scan_dpi(page, settings)
    gray = remove_specks(render_gray(page, dpi), dpi, settings)
    skew = skew_angle(ink(gray, dpi, settings), settings)
    reading, turns = upright_reading(deskew(gray, skew), dpi, settings)
    width, height = page.get_size()  # as displayed, in points; a quarter turn swaps them
    if turns % 2:
        width, height = height, width
    confidence = reading.confidence
    scanned = ScannedPage(width, height, reading.frames,
                          None if confidence is None else round(confidence, 3), turns, skew)
    return scanned, lines_to_chars(reading.lines, reading.frames, dpi, settings)
