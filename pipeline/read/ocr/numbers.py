"""OCR confusions in printed numbers (and dust read as marks), resolved only where exactly one
reading can be meant.

A recogniser reads 0 as O, 1 as l or I, a decimal point as ， or 。, and leaves stray spaces
or a speck at either end. A cell whose text is made only of digits and such look-alikes is
tried with every reading of them (a comma may be a thousands separator or a misread decimal
point); when exactly one amount results, that is the cell's amount. Anything else (two
possible amounts, a letter that is no digit's look-alike) is left as read.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

from ...amounts import parse_amount
from ...vocabulary import UNITS, nfkc

LOOK_ALIKES = {"O": "0", "o": "0", "〇": "0", "l": "1", "I": "1", "|": "1", "i": "1"}
SEPARATORS = {",": (",", "."), ".": (".", ","), "。": (".",), "、": (".",), "·": (".",)}
CANDIDATE = re.compile(r"^[-−]?[\d" + re.escape("".join(LOOK_ALIKES) + "".join(SEPARATORS)) + r"]+$")
# Dust or a rule's end beside a number is read as one of these: stripped from either end.
STRAY_ENDS = "".join(SEPARATORS) + "'\"`•°‘’“”"
# A cell has at most this many separators to try both ways (2^4 readings): an amount up to
# 999,999,999.99 has four.
MAX_SEPARATORS = 4


def repair_amount(text: str) -> str | None:
    """The amount a misread cell prints, as text, or None when there is nothing to resolve
    (it reads as an amount already, or is not one) or more than one amount could be meant."""
    s = re.sub(r"\s+", "", nfkc(text or ""))
    if not s or parse_amount(s) is not None or not re.search(r"\d", s):
        return None
    s = s.strip(STRAY_ENDS) or s
    if not CANDIDATE.match(s):
        return None
    s = "".join(LOOK_ALIKES.get(ch, ch) for ch in s)
    spots = [i for i, ch in enumerate(s) if ch in SEPARATORS]
    if len(spots) > MAX_SEPARATORS:
        return None
    readings: dict[Decimal, str] = {}
    for choice in itertools.product(*(SEPARATORS[s[i]] for i in spots)):
        chars = list(s)
        for i, ch in zip(spots, choice, strict=True):
            chars[i] = ch
        candidate = "".join(chars)
        value = parse_amount(candidate)
        if value is not None:
            readings.setdefault(value, candidate)
    if len(readings) != 1:
        return None
    return next(iter(readings.values()))


def digit_commas(texts: list[str]) -> list[str]:
    """A line's characters with a ， read between a digit and a group of exactly three digits
    made a thousands separator (1，564.72 → 1,564.72): a sentence comma never stands there."""
    out = list(texts)
    for i, ch in enumerate(out):
        if ch != "，" or i == 0 or not out[i - 1].isdigit():
            continue
        group = out[i + 1: i + 5]
        if len(group) >= 3 and all(g.isdigit() for g in group[:3]) and (len(group) == 3 or not group[3].isdigit()):
            out[i] = ","
    return out


def prose_digits(texts: list[str]) -> list[str]:
    """A line's characters with look-alike letters read as the digits they stand for where no
    letter can be meant: between two digits (2O26, 1l3.97), or a lone O standing before a unit of
    count (用车O辆: a Latin letter alone among Chinese characters, where a number is due)."""
    out = list(texts)
    for i, ch in enumerate(out):
        if ch not in LOOK_ALIKES:
            continue
        before = out[i - 1] if i else ""
        after = out[i + 1] if i + 1 < len(out) else ""
        if before.isdigit() and after.isdigit():
            out[i] = LOOK_ALIKES[ch]
        elif ch in "Oo" and before and not before.isascii() and "".join(out[i + 1: i + 4]).startswith(UNITS):
            out[i] = "0"
    return out


# Half-width marks dust beside print is read as; the full-width ，。、 of Chinese text are not among them.
MARKS = ".,·•'`°"


def stray_marks(texts: list[str]) -> slice:
    """The part of a recognised line without a mark that dust put at either end of it: a single
    half-width point, dot or tick, next to a word rather than a digit (a decimal point) or other
    marks (leader dots)."""
    start, end = 0, len(texts)
    if end >= 2 and texts[-1] in MARKS and not texts[-2].isdigit() and texts[-2] not in MARKS:
        end -= 1
    if end - start >= 2 and texts[0] in MARKS and not texts[1].isdigit() and texts[1] not in MARKS:
        start += 1
    return slice(start, end)
