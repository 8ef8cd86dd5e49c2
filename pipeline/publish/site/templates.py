"""The Jinja environment every page is rendered with: templates from pipeline/publish/templates,
autoescaping that makes each printed value safe for HTML and for Markdown (escape.finalize)."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ...amounts import format_amount
from ...model import BOX_NAMES, box_of_row
from .escape import finalize, ident, join
from .links import code_url, doc_page_url, publisher_url
from .load import label_field
from .names import FIELD_TYPE_NAMES, shown

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def fmt_amount(value: str | Decimal | None) -> str:
    """Thousands separators, decimals exactly as printed."""
    return "" if value in ("", None) else format_amount(value)


def percent(share: str | float) -> str:
    """A share of 1 (an OCR confidence) as a percentage with one decimal; '' for none."""
    return f"{float(share) * 100:.1f}%" if share not in ("", None) else ""


def indent_em(level: str | int) -> str:
    """Left padding of a row label at a hierarchy level."""
    return f"{0.4 + int(level) * 1.2:.1f}"


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        finalize=finalize,
        undefined=StrictUndefined,  # a misspelt name fails the build instead of printing nothing
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(amount=fmt_amount, ident=ident, join=join, indent_em=indent_em, shown=shown, box=box_of_row,
                       percent=percent)
    env.globals.update(label_field=label_field, doc_page_url=doc_page_url, publisher_url=publisher_url,
                       code_url=code_url, field_type_names=FIELD_TYPE_NAMES, box_fields=list(BOX_NAMES))
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)
