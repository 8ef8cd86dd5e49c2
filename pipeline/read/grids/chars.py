"""pdfplumber char dicts into visual lines and their text.

Plain dicts in, plain dicts and strings out, so hand-made chars exercise the same code as a
real page.
"""

from __future__ import annotations

import re

from .settings import GRID_SETTINGS, GridSettings


def join_cell_text(text: str | None) -> str:
    """Join the visual lines of one cell: Chinese and wrapped numbers join without a space."""
    if not text:
        return ""
    parts = [p.strip() for p in text.split("\n") if p.strip()]
    out = ""
    for p in parts:
        if out and re.match(r"[A-Za-z]", out[-1]) and re.match(r"[A-Za-z]", p[0]):
            out += " "
        out += p
    return out


def add_baselines(chars: list[dict], rotation: int = 0) -> list[dict]:
    """Give each char its baseline (in top-down page coordinates) from the text matrix.

    Some fonts declare glyph boxes far below or above the glyph (重庆: 、 and digits drawn
    8pt lower than their box says), so boxes do not line up; baselines do. Where the text
    is rotated the box bottom stands in."""
    for c in chars:
        m = c.get("matrix")
        if rotation == 0 and m and m[0] > 0 and abs(m[1]) < 1e-6 and abs(m[2]) < 1e-6:
            c["base"] = c["bottom"] + (c["y0"] - m[5])
        else:
            c["base"] = c["bottom"]
    return chars


def char_size(c: dict, settings: GridSettings = GRID_SETTINGS) -> float:
    """The char's font size, or its box height where it declares none."""
    return max(c.get("size") or (c["bottom"] - c["top"]), settings.min_char_size)


def chars_to_lines(chars: list[dict], settings: GridSettings = GRID_SETTINGS) -> list[list[dict]]:
    """Group chars into visual lines by baseline, each sorted left to right."""
    lines: list[list[dict]] = []
    for c in sorted((c for c in chars if c["text"].strip()), key=lambda c: c.get("base", c["bottom"])):
        base = c.get("base", c["bottom"])
        tolerance = max(settings.line_baseline_min, settings.line_baseline_per_size * char_size(c, settings))
        if lines and abs(lines[-1][0].get("base", lines[-1][0]["bottom"]) - base) <= tolerance:
            lines[-1].append(c)
        else:
            lines.append([c])
    for line in lines:
        line.sort(key=lambda c: c["x0"])
    return lines


def _word_gap(c: dict, settings: GridSettings) -> float:
    return max(settings.word_gap_min, settings.word_gap_per_size * c.get("size", settings.fallback_char_size))


def line_text(line: list[dict], settings: GridSettings = GRID_SETTINGS) -> str:
    """A visual line's text, with a space where the gap between two chars is a word space."""
    return line_text_and_extents(line, settings)[0]


def line_text_and_extents(line: list[dict],
                          settings: GridSettings = GRID_SETTINGS) -> tuple[str, list[tuple[float, float]]]:
    """line_text, and where each of its characters is printed (x0, x1): a space spans its gap, a
    char printing several characters shares its width among them."""
    text, extents, prev = "", [], None
    for c in line:
        if prev is not None and c["x0"] - prev["x1"] > _word_gap(c, settings):
            text += " "
            extents.append((prev["x1"], c["x0"]))
        n = len(c["text"])
        width = (c["x1"] - c["x0"]) / max(n, 1)
        extents += [(c["x0"] + i * width, c["x0"] + (i + 1) * width) for i in range(n)]
        text += c["text"]
        prev = c
    return text, extents


def chars_to_text(chars: list[dict], settings: GridSettings = GRID_SETTINGS) -> str:
    """Text of the chars in one cell, line by line."""
    return "\n".join(line_text(line, settings) for line in chars_to_lines(chars, settings))
