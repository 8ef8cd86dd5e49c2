"""Printing untrusted text (anything a PDF says) into pages that Markdown reads before they
become HTML.

HTML escaping alone is not enough: mkdocs runs attr_list and md_in_html, so escaped text in a
heading or paragraph can still turn into an attribute (`{: onfocus=... }`), a link
(`[x](javascript:...)`) or emphasis. Every character either language acts on is written as a
numeric character reference instead: the browser shows the same text, Markdown sees nothing
to act on. Line breaks are references too, so printed text can never start a Markdown block.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

# HTML: & < > " '. Markdown and its extensions: \ ` * _ { } [ ] ( ) # ! | ~ and line breaks.
_ACTIVE = "&<>\"'\\`*_{}[]()#!|~\n\r"
_REFERENCES = str.maketrans({c: f"&#{ord(c)};" for c in _ACTIVE})
# Package and field names: ASCII words joined by single _ or -. Markdown leaves an underscore
# inside a word alone, so such a name is printed as it is (and stays greppable in the HTML).
_IDENT = re.compile(r"[A-Za-z0-9]+(?:[_-][A-Za-z0-9]+)*")


def md_escape(text: Any) -> Markup:
    """Text safe in HTML (content or quoted attribute) and in Markdown (any inline position)."""
    return Markup(str(text).translate(_REFERENCES))


def finalize(value: Any) -> Any:
    """Jinja `finalize`: every printed value that is not already Markup goes through md_escape."""
    if value is None:
        return ""
    if hasattr(value, "__html__"):
        return value
    return md_escape(value)


def ident(value: Any) -> Markup:
    """A resource or field name as it is when it is a plain identifier, escaped otherwise."""
    text = str(value)
    return Markup(text) if _IDENT.fullmatch(text) else md_escape(text)


def join(items: Any, separator: str = "") -> Markup:
    """Jinja's `join` escapes for HTML only; this one escapes each item like any printed value."""
    return Markup(finalize(separator)).join(finalize(i) for i in items)
