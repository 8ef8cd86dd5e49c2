"""The self-audit: every money-like amount each page prints (two decimals, or grouped by commas:
938.99, 1,564.72) against what the package holds on that page (the tables' facts, the figures
the words state). What the pipeline could not read is counted, never silently lost: the
descriptor's `coverage` says how much was read, and a document that did not read every one of
them has an `amount_not_read` finding (checks/amount_not_read.py): an error below 98%."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from ..model import Box, Fact, Page, Resource, span_box
from ..tables.forms import Form
from .narrative import Figure

# A number with two decimals or thousands separators (amounts.parse_amount's groupings), not part
# of a longer number or a date (2026.01.01), read as printed.
MONEY_LIKE = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+,\d{3}(?:\.\d+)?|\d+\.\d{2})(?![\d]|[.,]\d)")
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
ENOUGH = Decimal("0.98")  # below this share of amounts read, the finding is an error


@dataclass(frozen=True)
class Coverage:
    printed: int  # money-like amounts the pages print
    read: int  # of those, the ones the package holds on the same page
    missing: dict[int, list[str]] = field(default_factory=dict)  # page → the amounts not read, as printed
    missing_boxes: list[tuple[int, str, Box | None]] = field(default_factory=list)  # (page, as printed, where)

    @property
    def share(self) -> Decimal:
        return (Decimal(self.read) / Decimal(self.printed)).quantize(Decimal("0.0001")) if self.printed else Decimal(1)

    def property(self) -> dict:
        """The descriptor's `coverage`."""
        return {"amounts_printed": self.printed, "amounts_read": self.read, "share": float(self.share)}


def _value(text: str) -> Decimal | None:
    try:
        return abs(Decimal(text.replace(",", "")))
    except InvalidOperation:
        return None


def pages_to_printed(pages: Iterable[Page]) -> list[tuple[int, str, Box | None]]:
    """(page, amount as printed, where) for every money-like number of every page: in its table
    cells (every grid found, read as a report table or not) and in its lines of words."""
    out = []
    for p in pages:
        texts = [(c.text, c.bbox) for g in p.grids for c in g.cells]
        texts += [(line.text, (line.x0, line.top, line.x1, line.bottom)) for line in p.lines]
        out += [(p.number, m.group(1), span_box(box, len(t), m.start(1), m.end(1)) if box else None)
                for t, box in texts for m in MONEY_LIKE.finditer(t)]
    return out


def _form_values(form: Form) -> Iterator[tuple[int, Decimal]]:
    """Every amount a performance form's resources hold (its funds, its indicators' values), on
    each page the form is printed on."""
    texts = [*form.fields.values(), *form.funds.values(), *form.goals.values(),
             *(str(v) for i in form.indicators for v in i.values()),
             *(v for _, values in form.execution for v in values.values())]
    pages = {g.page for g in form.grids} or {form.page}
    for t in texts:
        for m in NUMBER.finditer(t):  # held as the package writes it (1147200), printed 1,147,200
            if (v := _value(m.group(0))) is not None:
                yield from ((p, v) for p in pages)


def _resource_values(resources: Iterable[Resource]) -> Iterator[tuple[int, Decimal]]:
    """Every number a table's rows hold, on the page of its row: the words of a table, and the
    cells that are not amounts of money (a procurement table's 数量, a score table's 得分)."""
    for r in resources:
        for row in r.rows:
            page = row.get("page", "")
            if not page.isdigit():
                continue
            for name, text in row.items():
                if name != "page" and text:
                    for m in NUMBER.finditer(text):
                        if (v := _value(m.group(0))) is not None:
                            yield int(page), v


def printed_to_coverage(printed: Sequence[tuple], facts: Iterable[Fact], figures: Iterable[Figure],
                        forms: Iterable[Form] = (), resources: Iterable[Resource] = ()) -> Coverage:
    """How many of the printed amounts the package holds on their page: in a table's facts or its
    rows' words, a figure the words state, or a performance form's funds and indicators. An
    amount counts as read where the package holds its value on that page (a form prints its
    年度资金总额 in several cells; the package holds it once)."""
    held: set[tuple[int, Decimal]] = {(f.page, abs(f.amount)) for f in facts}
    held |= {(g.page, v) for g in figures if (v := _value(g.figure)) is not None}
    held.update(_resource_values(resources))
    for form in forms:
        held.update(_form_values(form))
    read = 0
    missing: dict[int, list[str]] = defaultdict(list)
    boxes = []
    for page, text, *where in printed:  # (page, text) or (page, text, box)
        if (page, _value(text)) in held:
            read += 1
        else:
            missing[page].append(text)
            boxes.append((page, text, where[0] if where else None))
    return Coverage(len(printed), read, dict(missing), boxes)
