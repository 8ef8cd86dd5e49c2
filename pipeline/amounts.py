"""Printed amounts and classification codes."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .vocabulary import nfkc

# Grouped by thousands (1,234,567.00), or with only the last group set apart (1234,567: a template
# of 上海's prints every amount so; read as the same number).
_AMOUNT = re.compile(r"^[-−]?\d{1,3}(,\d{3})+(\.\d+)?$|^[-−]?\d+,\d{3}(\.\d+)?$|^[-−]?\d+(\.\d+)?$|^[-−]?\.\d+$")
_DASHES = {"-", "—", "－", "--", "——", "/", "…"}
CODE = re.compile(r"^\d{3}(\d{2}){0,2}$|^\d{2}$")


def clean_amount_text(text: str) -> str:
    s = nfkc(text).strip().replace(" ", "")
    if s.startswith("(") and s.endswith(")"):
        s = "-" + s[1:-1]
    return s.replace("−", "-")


def parse_amount(text: str | None) -> Decimal | None:
    """The printed number without thousands separators; None for blanks, dashes and words."""
    if text is None:
        return None
    s = clean_amount_text(text)
    if not s or s in _DASHES:
        return None
    if not _AMOUNT.match(s):
        return None
    try:
        return Decimal(s.replace(",", ""))
    except InvalidOperation:
        return None


def is_amount(text: str | None) -> bool:
    return parse_amount(text) is not None


def is_code(text: str | None) -> bool:
    return bool(text) and bool(CODE.match(nfkc(text).strip()))


def format_decimal(d: Decimal) -> str:
    """Plain notation, no exponent, trailing zeros kept as printed."""
    s = format(d, "f")
    return "0" + s[1:] if s.startswith(".") else s


def format_amount(value: Decimal | str) -> str:
    """An amount as a reader sees it: thousands separators, decimals exactly as printed
    (1378.84 → 1,378.84; 22118861 → 22,118,861)."""
    text = format_decimal(value) if isinstance(value, Decimal) else str(value)
    whole, _, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    whole = f"{int(whole):,}" if whole.isdigit() else whole
    return sign + whole + ("." + frac if frac else "")


def to_yuan(amount: Decimal, factor: int) -> str:
    y = amount * factor
    s = format(y.normalize(), "f") if y != 0 else "0"
    return s


# Digits, separators and the letters OCR and bad fonts put for digits (O, l, I): text shaped like
# an amount. One that does not parse (4O.00, l00.00, 12.3.4, 1,0000.00) is reported, never guessed.
_AMOUNT_SHAPED = re.compile(r"^[-−(]?[\dOoIl,.。 ]*\d[\dOoIl,.。 ]*\)?$")


def is_unreadable_amount(text: str | None) -> bool:
    """Text shaped like an amount that does not read as one."""
    if not text:
        return False
    s = clean_amount_text(text)
    return bool(_AMOUNT_SHAPED.match(s)) and parse_amount(text) is None and s not in _DASHES
