"""The PDF's own creation date, as the `created` property of its package.

Packages must be byte-identical when rebuilt, so `created` cannot be the wall clock; the date
the PDF says it was made is a property of the input and stays put.
"""

from __future__ import annotations

import re
from pathlib import Path

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.utils import decode_text

# PDF date strings (ISO 32000-1 §7.9.4): D:YYYYMMDDHHmmSSOHH'mm', every part after the year optional.
_PDF_DATE = re.compile(
    r"^D:(?P<y>\d{4})(?P<mo>\d{2})?(?P<d>\d{2})?(?P<h>\d{2})?(?P<mi>\d{2})?(?P<s>\d{2})?"
    r"(?:(?P<z>Z)|(?P<sign>[+-])(?P<oh>\d{2})'?(?P<om>\d{2})?'?)?"
)


def pdf_date_to_rfc3339(text: str) -> str | None:
    """A PDF date string as an RFC 3339 date-time; None when it is malformed or names no time zone.

    Data Package v2 asks for RFC 3339, which needs an offset: a PDF date without one is local
    time of an unknown zone, and guessing +08:00 would state what the file does not say.
    """
    m = _PDF_DATE.match(text.strip())
    if not m or not (m["z"] or m["sign"]):
        return None
    y, mo, d = int(m["y"]), int(m["mo"] or 1), int(m["d"] or 1)
    h, mi, s = int(m["h"] or 0), int(m["mi"] or 0), int(m["s"] or 0)
    if not (1 <= mo <= 12 and 1 <= d <= 31 and h <= 23 and mi <= 59 and s <= 59):
        return None
    stamp = f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}"
    if m["z"]:
        return stamp + "Z"
    oh, om = int(m["oh"]), int(m["om"] or 0)
    if oh > 23 or om > 59:
        return None
    return f"{stamp}{m['sign']}{oh:02d}:{om:02d}"


def pdf_creation_date(path: Path) -> str | None:
    """The PDF's /CreationDate as RFC 3339, or None (absent, no time zone, unreadable file)."""
    try:
        with Path(path).open("rb") as f:
            doc = PDFDocument(PDFParser(f))
            for info in doc.info:
                raw = resolve1(info.get("CreationDate"))
                if isinstance(raw, bytes):
                    return pdf_date_to_rfc3339(decode_text(raw))
                if isinstance(raw, str):
                    return pdf_date_to_rfc3339(raw)
    except Exception:  # a damaged or locked file has no date to give; build reports the file itself
        return None
    return None


def created_property(path: Path) -> dict[str, str]:
    """{'created': date} for a descriptor, or {} when the PDF states no usable date."""
    created = pdf_creation_date(path)
    return {"created": created} if created else {}
