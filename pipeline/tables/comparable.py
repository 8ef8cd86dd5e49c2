"""Comparable figures: what each printed amount means, in words every document shares.

`facts_to_comparable` gives every fact its `classification` (functional / economic, from its
code), `measure` (what the column, or an item row, says: basic, reception, general_public_budget
…), `amount_year` (a 2025年预算数 column in a 2026 budget is 2025's) and `phase` (approved,
adjusted, executed), all from the printed words through vocabulary.toml ([[measure]], [years],
[phases]). Nothing is guessed from position: words that say nothing leave the field empty.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..codes import classify, code_level, unit_codes
from ..model import Fact
from ..vocabulary import load_vocabulary, nfkc

YEAR = re.compile(r"((?:19|20)\d{2})(?:年度?|-\d{1,2}-\d{1,2}|预算|决算|$)")
LEADING_YEAR = re.compile(r"^\(?(?:19|20)\d{2}(?:年度?)?\)?")
# matched after NFKC, so full-width brackets and colons are ASCII here
MARKER = re.compile(r"^(?:其中:?|[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d+[、.](?!\d))+")
QUOTES = re.compile(r"[“”\"'‘’「」]")
FUND_WORDS = re.compile(r"一般公共预算|政府性基金(预算)?|国有资本经营(预算)?")


@dataclass(frozen=True)
class Term:
    measure: str
    rank: int
    kind: str  # item | fund
    patterns: tuple[re.Pattern, ...]


@dataclass(frozen=True)
class Hit:
    measure: str
    rank: int
    kind: str
    depth: int


@lru_cache(maxsize=1)
def _terms() -> tuple[Term, ...]:
    data = load_vocabulary().raw
    return tuple(Term(t["measure"], t.get("rank", 5), t.get("kind", "item"),
                      tuple(re.compile(p) for p in t["patterns"])) for t in data["measure"])


@lru_cache(maxsize=1)
def _year_words() -> tuple[tuple[re.Pattern, ...], tuple[re.Pattern, ...]]:
    y = load_vocabulary().raw["years"]
    return tuple(re.compile(p) for p in y["previous"]), tuple(re.compile(p) for p in y["current"])


@lru_cache(maxsize=1)
def _phase_words() -> tuple[tuple[str, tuple[re.Pattern, ...]], ...]:
    p = load_vocabulary().raw["phases"]
    return tuple((k, tuple(re.compile(x) for x in p[k])) for k in ("ambiguous", "adjusted", "approved", "executed"))


def clean(text: str) -> str:
    """A header level or label as it is matched: NFKC, no white space, quotes or ordinal marker."""
    s = re.sub(r"\s+", "", nfkc(text))
    s = QUOTES.sub("", s)
    return MARKER.sub("", s)


@lru_cache(maxsize=4096)
def term_of(text: str) -> tuple[str, int, str] | None:
    """(measure, rank, kind) that one printed level or label states, or None."""
    s = clean(text)
    without_year = LEADING_YEAR.sub("", s)
    if s and not without_year:
        return ("total", 9, "item")  # a column headed only by its year (2026年) holds the amounts
    for t in _terms():
        if any(p.search(without_year) for p in t.patterns):
            return (t.measure, t.rank, t.kind)
    return None


def _hits(levels: Sequence[str]) -> list[Hit]:
    out = []
    for depth, text in enumerate(levels):
        term = term_of(text)
        if term is not None:
            out.append(Hit(term[0], term[1], term[2], depth))
    return out


def measure_of(levels: Sequence[str]) -> str:
    """The measure a column path (plus an item row's label, as its deepest level) states."""
    hits = _hits(levels)
    items = [h for h in hits if h.kind == "item"]
    funds = [h for h in hits if h.kind == "fund"]
    best = min(items, key=lambda h: (h.rank, -h.depth), default=None)
    if best is not None and best.measure != "total":
        return best.measure
    if funds:
        return min(funds, key=lambda h: (h.rank, -h.depth)).measure
    return best.measure if best is not None else ""


def fund_of(levels: Sequence[str]) -> str:
    """The fund a column path names (general_public_budget …), '' for all funds."""
    funds = [h for h in _hits(levels) if h.kind == "fund"]
    return min(funds, key=lambda h: (h.rank, -h.depth)).measure if funds else ""


def year_of(levels: Sequence[str], fiscal_year: int) -> int:
    """The year the amounts of these levels belong to (deepest printed year wins)."""
    previous, current = _year_words()
    for text in reversed(levels):
        s = clean(text)
        m = YEAR.search(s)
        if m:
            return int(m.group(1))
        if any(p.search(s) for p in previous):
            return fiscal_year - 1
        if any(p.search(s) for p in current):
            return fiscal_year
    return fiscal_year


# A row whose label names a year as its subject (2025年预算数, 2024年决算): not a project whose
# name holds a year (2026-2027年信息化运维项目, 2024年度XX项目).
YEAR_SUBJECT = re.compile(r"^((?:19|20)\d{2})年度?(?:预算|决算|执行|调整)?(?:数|金额|合计)?$")


def row_year(label: str, fiscal_year: int) -> int | None:
    """The year an item row's label names as its subject, else None (the column's year holds)."""
    s = clean(label)
    if m := YEAR_SUBJECT.match(s):
        return int(m.group(1))
    previous, current = _year_words()
    if any(p.search(s) for p in previous):
        return fiscal_year - 1
    if any(p.search(s) for p in current):
        return fiscal_year
    return None


INCOME_TABLES = {"income", "gov_fund_income"}
# Tables printing income and spending side by side under one line: the top header level says which.
TWO_SIDED = ("summary", "appropriation_summary", "state_capital", "gov_fund_expenditure")
INCOME_HEADER = re.compile(r"^收入|收入$|^本年收入")


def direction(table: str, column: Sequence[str]) -> str:
    """income or expenditure: the income tables, and the 收入 half of a two-sided table (its top
    header level starts or ends with 收入); everything else is spending. The one side rule."""
    if table in INCOME_TABLES:
        return "income"
    if table in TWO_SIDED and column:
        top = clean(column[0])
        return "income" if INCOME_HEADER.search(top) or "收入" in top[:4] else "expenditure"
    return "expenditure"


def document_phase(document_type: str) -> str:
    """The stage a document reports: a final account's figures are executed (决算), a budget's
    approved (预算). The one place a document type gives a phase."""
    return "executed" if document_type.endswith("final_account") else "approved"


def phase_of(levels: Sequence[str], document_type: str) -> str:
    """approved, adjusted or executed: the deepest level that says, else the document's stage."""
    for text in reversed(levels):
        s = FUND_WORDS.sub("", clean(text))
        for phase, patterns in _phase_words():
            if any(p.search(s) for p in patterns):
                if phase == "ambiguous":
                    break
                return phase
    return document_phase(document_type)


def classification_of(code: str, units: frozenset[str] = frozenset()) -> str:
    """functional (支出功能分类) or economic (支出经济分类) by the code's shape, '' for any other
    code (units, income classification): one rule, pipeline/codes.py."""
    return classify(code, units)


def _row_levels(f: Fact) -> list[str]:
    """The column path, and the row's label where the row is an item rather than a code."""
    return [*f.column, f.row_label] if not f.row_code and f.row_label else list(f.column)


def _amount_year(f: Fact, fiscal_year: int) -> int:
    """A year from the column's header, or from an item row that names one as its subject;
    never from a project's name."""
    if not f.row_code and f.row_label and (year := row_year(f.row_label, fiscal_year)) is not None:
        return year
    return year_of(f.column, fiscal_year)


def facts_to_comparable(facts: Iterable[Fact], fiscal_year: int, document_type: str) -> list[Fact]:
    facts = list(facts)
    # a 三公 table that names no 三公 total anywhere prints it as a plain 合计 / 总计
    explicit = {f.table for f in facts if measure_of(_row_levels(f)) == "three_public_total"}
    # 6-digit unit codes (and the department codes heading them) are no classification codes
    units = {t: frozenset(unit_codes(f.row_code for f in facts if f.table == t)) for t in {f.table for f in facts}}
    out = []
    for f in facts:
        levels = _row_levels(f)
        measure = measure_of(levels)
        if f.table == "three_public" and "three_public" not in explicit and measure in ("total", *FUNDS):
            measure = "three_public_total"
        if f.table == "operating_costs" and measure in ("total", *FUNDS):
            measure = "operating_costs"
        level = f.row_level
        if level is None:
            level = code_level(f.row_code)
        out.append(dataclasses.replace(
            f, row_level=level, classification=classification_of(f.row_code, units[f.table]), measure=measure,
            amount_year=_amount_year(f, fiscal_year), phase=phase_of(levels, document_type)))
    return out


def facts_to_repeats(facts: Sequence[Fact]) -> list[Fact]:
    """Each fact that prints a figure printed before it (the same code, or label where it has no
    code, with the same measure, phase, year and amount: 2080505 in the income, expenditure and
    general public budget tables) points at the first (its 1-based position); the first points
    at none. A row with neither code nor label is never a repeat: nothing says what it is."""
    first: dict[tuple, int] = {}
    out = []
    for n, f in enumerate(facts, 1):
        what = f.row_code or clean(f.row_label)
        key = (what, f.measure, f.phase, f.amount_year, f.amount_yuan)
        if not what:
            out.append(f)
        elif key in first:
            out.append(dataclasses.replace(f, repeats=first[key]))
        else:
            first[key] = n
            out.append(f)
    return out


# the three budgets whose money is the 财政拨款
APPROPRIATION_BUDGETS = ("general_public_budget", "gov_fund_budget", "state_capital_budget")
FUNDS = (*APPROPRIATION_BUDGETS, "fiscal_special_account", "appropriation")


def measures() -> list[str]:
    """Every measure value the vocabulary can give (the field's enum)."""
    return sorted({t.measure for t in _terms()})
