"""What every rule gets (one `Context`) and the helpers rules share to compare printed amounts.

A rule is a module in this package with `RULE` (its name) and `check(ctx) -> list[Outcome]`:
every comparison it made, passed or not, with a finding where there is something to report."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from ..forms import Form
from ..model import Fact, Finding, Outcome, Resource, UnreadableCell
from ..narrative import Figure
from ..sentences import Sentence


@dataclass(frozen=True)
class Context:
    """Everything a rule may look at: the facts, the tables, the text resources and what the
    document says about itself."""

    facts: tuple[Fact, ...] = ()
    document_type: str = ""
    publisher: str = ""
    tables: Mapping[str, Resource] = field(default_factory=dict)  # report tables by key
    glossary: Mapping[str, str] = field(default_factory=dict)  # term → definition
    figures: tuple[Figure, ...] = ()  # figures the 情况说明 states
    forms: tuple[Form, ...] = ()  # 项目支出绩效目标表 forms
    departments: tuple[tuple[str, int], ...] = ()  # (internal unit, page) under 机构设置
    stated_departments: int | None = None  # the count 机构设置 states
    unreadable: tuple[UnreadableCell, ...] = ()  # amount cells whose text does not read (4O.00)
    fiscal_year: int | None = None  # the year the cover names
    sentences: tuple[Sentence, ...] = ()  # the document's words, sentence by sentence (sentences.py)

    @property
    def is_budget(self) -> bool:
        return self.document_type.endswith("budget")


def decimals(d: Decimal) -> int:
    exp = d.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def rounding_tolerance(amounts: list[Decimal]) -> Decimal:
    """Each printed amount may be off by half its own last printed digit (0.005 for 52.37,
    0.5 for 22,118,861); the tolerance of a sum is the sum of those halves."""
    return sum((Decimal(5).scaleb(-decimals(a) - 1) for a in amounts), Decimal(0))


def compare(rule: str, table: str, fact: Fact, parts: list[Decimal], what: str) -> Outcome:
    """Printed total against the sum of its parts, with rounding tolerance."""
    expected = sum(parts, Decimal(0))
    diff = fact.amount - expected
    if diff == 0:
        return Outcome(rule, True)
    tol = rounding_tolerance([fact.amount, *parts])
    within = abs(diff) <= tol
    severity = "warning" if within else "error"
    note = "rounding difference (尾差) within tolerance" if within else "does not add up"
    finding = Finding(
        rule=rule, severity=severity, table=table, row_code=fact.row_code, row_label=fact.row_label,
        column=fact.column, page=fact.page, printed=fact.amount, expected=expected, difference=diff,
        message=f"{fact.row_label or fact.row_code} = {fact.amount}, but {what} = {expected}: {note}",
    )
    return Outcome(rule, within, finding)


def group_by_table(facts: tuple[Fact, ...] | list[Fact],
                   keep: Callable[[Fact], bool] | None = None) -> dict[str, list[Fact]]:
    """Facts per table, in order, optionally only those `keep` accepts."""
    out: dict[str, list[Fact]] = {}
    for f in facts:
        if keep is None or keep(f):
            out.setdefault(f.table, []).append(f)
    return out


def agree(rule: str, a: Fact, b: Fact, what: str) -> Outcome:
    """Two printed amounts that must be equal."""
    return compare(rule, a.table, a, [b.amount], f"{what} ({b.table}, page {b.page})")


def text_finding(rule: str, severity: str, table: str, label: str, page: int, printed: Decimal | int | str,
                 expected: Decimal | int | str, message: str, column: tuple[str, ...] = ()) -> Finding:
    """A finding about the document's words (a form, a count) rather than a table cell."""
    p, e = Decimal(printed), Decimal(expected)
    return Finding(rule, severity, table, "", label, column, page, p, e, p - e, message)


def quote(sentence: Sentence, start: int = 0, end: int | None = None, width: int = 60) -> str:
    """The sentence as printed, cut to `width` characters either side of [start, end) when long."""
    text = sentence.text
    end = len(text) if end is None else end
    a, b = max(0, start - width), min(len(text), end + width)
    return ("…" if a else "") + text[a:b] + ("…" if b < len(text) else "")


def sentence_finding(rule: str, severity: str, sentence: Sentence, message: str, *, offset: int = 0,
                     printed: Decimal | int = 0, expected: Decimal | int = 0, table: str = "narrative",
                     label: str = "") -> Finding:
    """A finding about the words of one sentence: its section is the column, its page the page
    that prints the words at `offset`."""
    p, e = Decimal(printed), Decimal(expected)
    return Finding(rule, severity, table, "", label, (sentence.section,) if sentence.section else (),
                   sentence.page_at(offset), p, e, p - e, message)
