"""A table recognised by its content as well as its title.

Titles are evidence, and so is what a table holds: its header words (收入 and 支出 sides,
基本支出 / 项目支出, 三公 words, 绩效目标), its row labels and the code system of its rows
(functional 2xx, economic 3xx/5xx). `content_key` reads the rules in vocabulary.toml [[content]];
`identify` weighs the two: a title the rules know decides, content decides where the title is
missing or unknown, and every table records how it was identified and where the two disagreed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..codes import classify
from ..model import column_to_text
from ..vocabulary import load_vocabulary, nfkc, squash
from .locate import UNTITLED, Layout, RawTable

CONTENT_RANK = 5  # a key found by content yields to any table whose title names that key


@dataclass(frozen=True)
class ContentRule:
    key: str
    header_any: tuple[str, ...] = ()
    header_all: tuple[str, ...] = ()
    rows_any: tuple[str, ...] = ()
    two_sided: bool | None = None
    codes: str | None = None


@dataclass(frozen=True)
class Identification:
    key: str
    by: str  # title | content | title+content
    content_suggests: str = ""  # the content's key where it disagrees with the title's


@lru_cache(maxsize=1)
def _rules() -> tuple[ContentRule, ...]:
    return tuple(ContentRule(r["key"], tuple(r.get("header_any", ())), tuple(r.get("header_all", ())),
                             tuple(r.get("rows_any", ())), r.get("two_sided"), r.get("codes"))
                 for r in load_vocabulary().raw.get("content", []))


def _code_system(layout: Layout) -> str:
    """functional / economic: what most coded rows are ('' when few rows carry a code)."""
    code_cols = [c.index for c in layout.columns if c.role == "code"]
    seen: Counter = Counter()
    for row in layout.rows:
        for j in code_cols:
            text = nfkc(row.cells[j] or "").strip()
            kind = classify(text) if text.isdigit() else ""
            if kind:
                seen[kind] += 1
                break
        else:
            label = next((squash(t) for t in row.cells if t), "")
            head = label[:7].rstrip("-") if label[:3].isdigit() else ""
            digits = "".join(ch for ch in head if ch.isdigit())
            kind = classify(digits) if digits else ""
            if kind:
                seen[kind] += 1
    if not seen:
        return ""
    kind, n = seen.most_common(1)[0]
    return kind if n >= 3 and n >= 0.6 * sum(seen.values()) else ""


def _two_sided(layout: Layout) -> bool:
    tops = {squash(c.path[0]) for c in layout.columns if c.path}
    return any(t.startswith("收入") for t in tops) and any(t.startswith("支出") for t in tops)


def content_key(layout: Layout) -> str | None:
    """The table key its content says, or None."""
    header = squash(" ".join(column_to_text(c.path) for c in layout.columns))
    labels = {squash(t) for row in layout.rows for c, t in zip(layout.columns, row.cells, strict=False)
              if t and c.role == "label"}
    system = _code_system(layout)
    sided = _two_sided(layout)
    for rule in _rules():
        if rule.header_any and not any(w in header for w in rule.header_any):
            continue
        if rule.header_all and not all(w in header for w in rule.header_all):
            continue
        if rule.rows_any and not any(w in label for w in rule.rows_any for label in labels):
            continue
        if rule.two_sided is not None and rule.two_sided != sided:
            continue
        if rule.codes and rule.codes != system:
            continue
        return rule.key
    return None


def identify_table(table: RawTable, layout: Layout) -> Identification:
    """How the table is identified. A title the rules know keeps its key; an untitled table or a
    title no rule knows ('other') takes the content's key."""
    by_content = content_key(layout)
    if table.key == "other" or table.title == UNTITLED:
        if by_content is not None:
            return Identification(by_content, "content")
        return Identification(table.key, "title" if table.title != UNTITLED else "none")
    if by_content is None:
        return Identification(table.key, "title")
    if _agrees(table.key, by_content):
        return Identification(table.key, "title+content")
    return Identification(table.key, "title", by_content)


# content cannot tell these apart from their all-funds or general-public-budget siblings
FAMILIES = [
    {"expenditure", "general_public_expenditure", "appropriation_expenditure", "basic_expenditure_functional",
     "gov_fund_expenditure", "state_capital", "carryover_expenditure"},
    {"basic_expenditure_economic", "appropriation_basic_economic", "general_public_expenditure_economic",
     "project_expenditure_economic", "basic_expenditure"},
    {"summary", "appropriation_summary", "gov_fund_expenditure", "state_capital"},
]


def _agrees(title_key: str, by_content: str) -> bool:
    return title_key == by_content or any(title_key in f and by_content in f for f in FAMILIES)
