"""What the words state about the document's headline figures: each amount of the 情况说明 whose
words name one of them ('机关运行经费安排74.52万元'), and each statement that the document has
none of one ('本部门无“三公”经费财政拨款支出'). Which words name which figure is data
(vocabulary.toml [[text_figure]], [text] none and [[text_none]]).

The checks compare these with the tables; the package's `indicators` take a figure from here
where no table prints it (source `text`)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ..model import Fact
from ..tables.comparable import document_phase
from ..tables.indicators import HEADLINE, Indicator
from ..vocabulary import UNIT_FACTORS, load_vocabulary
from .sentences import Sentence, quote
from .statements import Amount, Topic, amounts, clause_start, subject, topic_of


@dataclass(frozen=True)
class Target:
    """A figure the words may state: its Chinese name, the words that name it, and the
    indicators (or table rows) that print it."""

    name: str
    subjects: tuple[re.Pattern, ...]
    indicators: tuple[str, ...]
    tables: tuple[str, ...]
    rows: tuple[str, ...]
    exact: bool


@lru_cache(maxsize=1)
def targets() -> tuple[Target, ...]:
    return tuple(Target(t["name"], tuple(re.compile(p) for p in t["subjects"]), tuple(t.get("indicators", ())),
                        tuple(t.get("tables", ())), tuple(t.get("rows", ())), bool(t.get("exact", False)))
                 for t in load_vocabulary().raw["text_figure"])


def target_of(topic: str) -> Target | None:
    return next((t for t in targets() if any(p.search(topic) for p in t.subjects)), None)


@dataclass(frozen=True)
class Stated:
    """An amount the text states as a level of one of the targets."""

    sentence: Sentence
    amount: Amount
    topic: Topic
    target: Target


GENERIC = ("", "支出", "收入")


def stated_figures(sentences: Sequence[Sentence], fiscal_year: int | None, publisher: str) -> Iterator[Stated]:
    """Every money amount of the 情况说明 whose words name a target. Where the words name only a
    stage ('支出决算为') they continue the thing named just before in the sentence
    ('“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元'); with nothing named before,
    a bare 收入 / 支出 is the whole document's only where the words say so (收入预算, 本部门支出)
    and it opens the sentence — '年初预算为…，支出决算为…' speaks of the item above it."""
    for s in sentences:
        if s.kind != "text":
            continue
        previous: Topic | None = None
        for i, a in enumerate(amounts(s.text)):
            if not a.is_money:
                continue
            t = topic_of(subject(s.text, a), fiscal_year, publisher)
            if t.other_year or t.change:
                continue
            if t.topic in GENERIC:
                if t.stage and previous is not None and previous.topic.endswith(t.topic):
                    t = Topic(previous.topic, t.stage, False, False)
                elif i > 0 or not (t.stage or t.owned):
                    continue
            else:
                previous = t
            target = target_of(t.topic)
            if target is not None:
                yield Stated(s, a, t, target)


@dataclass(frozen=True)
class NoneOf:
    """Something the words may say the document has none of, and where the tables would print it."""

    name: str
    pattern: re.Pattern
    tables: tuple[str, ...]
    indicators: tuple[str, ...]
    shown_in: tuple[str, ...]


@lru_cache(maxsize=1)
def nones() -> tuple[NoneOf, ...]:
    raw = load_vocabulary().raw
    lead = raw["text"]["none"]
    return tuple(NoneOf(t["name"], re.compile(f"{lead}[“\"]?(?:{'|'.join(t['words'])})"),
                        tuple(t.get("tables", ())), tuple(t.get("indicators", ())), tuple(t.get("shown_in", ())))
                 for t in raw["text_none"])


def says_none(none: NoneOf, s: Sentence, fiscal_year: int | None, publisher: str) -> re.Match | None:
    """Where the sentence says the document itself has none (not another year, not another unit)."""
    m = none.pattern.search(s.text)
    if m is None:
        return None
    t = topic_of(s.text[clause_start(s.text, m.start()): m.start()], fiscal_year, publisher)
    return None if t.other_year or t.topic else m


def stage_phases(stage: str, document_type: str) -> tuple[str, ...]:
    """The phases of the figures the words' stage names (年初预算, 决算); () where the document
    prints no such figure (a budget's 执行数 is last year's)."""
    if document_type.endswith("budget"):
        return ("approved",) if stage in ("", "budget") else ()
    return ("executed",) if stage in ("", "executed") else ("approved", "adjusted")


def _text_fact(s: Sentence, start: int, end: int, amount: Amount | None, fiscal_year: int | None,
               phase: str) -> Fact:
    """The figure a sentence states, as a fact of the `narrative`: its row label quotes the words."""
    unit = amount.unit if amount is not None else "元"
    return Fact(table="narrative", row_code="", row_label=quote(s, start, end, 30), column=(),
                amount=amount.value if amount is not None else Decimal(0), unit=unit, factor=UNIT_FACTORS[unit],
                page=s.page_at(start), amount_year=fiscal_year, phase=phase)


def figures_to_indicators(sentences: Sequence[Sentence], fiscal_year: int | None, publisher: str,
                          document_type: str, printed: Sequence[Indicator]) -> list[Indicator]:
    """The headline figures only the words state, as indicators with source `text`: the first
    statement of each in the document's own stage ('机关运行经费安排74.52万元'), and a figure the
    words say there is none of ('无“三公”经费') as 0. A figure a table prints is the table's (the
    words are checked against it); words that may name several figures (收入: 收入总计 or
    本年收入合计?) or a figure of one table only give none."""
    phase = document_phase(document_type)
    have = {i.indicator for i in printed if not i.code}
    found: dict[str, Indicator] = {}
    for st in stated_figures(sentences, fiscal_year, publisher):
        t, a = st.target, st.amount
        if a.unit not in UNIT_FACTORS or phase not in stage_phases(st.topic.stage, document_type)[:1]:
            continue
        if t.tables or not (len(t.indicators) == 1 or t.exact):
            continue
        for name in t.indicators:
            if name not in have and name not in found:
                found[name] = Indicator(name, "", _text_fact(st.sentence, a.start, a.end, a, fiscal_year, phase),
                                        source="text")
    for s in sentences:
        if s.kind != "text":
            continue
        for none in nones():
            m = says_none(none, s, fiscal_year, publisher)
            if m is None:
                continue
            for name in none.indicators:
                if name not in have and name not in found:
                    found[name] = Indicator(name, "", _text_fact(s, m.start(), m.end(), None, fiscal_year, phase),
                                            source="text")
    return sorted(found.values(), key=lambda i: HEADLINE.index(i.indicator) if i.indicator in HEADLINE else 99)
