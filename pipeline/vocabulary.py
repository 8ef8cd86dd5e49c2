"""Load vocabulary.toml once and offer the small matching helpers built on it."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

VOCABULARY_PATH = Path(__file__).with_name("vocabulary.toml")

UNIT_FACTORS = {"元": 1, "千元": 1000, "万元": 10000, "亿元": 100000000, "万": 10000}
# The units a figure in the words is counted in (longest first where one starts another). A bare
# 万 ('总预算1720.00万，其中…') is 万元, and 分 a score ('得分17.90分'), only where no other word
# follows it (万人, 万平方米, 10分钟).
UNITS = ("万元", "亿元", "千元", "元", "%", "％", "平方米", "辆", "台（套）", "台(套)", "台", "套", "个", "人", "项",
         "万", "分")
UNIT_PATTERN = "|".join(re.escape(u) + (r"(?![\u4e00-\u9fff])" if u in ("万", "分") else "") for u in UNITS)

SECTION_HEADING = re.compile(r"^第[一二三四五六七八九十]+部分")
# The ordinal markers items are numbered with, outermost first: 一、 (一) 1. (1). One list for the
# hierarchy of a table's rows, the sections of the words and the lines of a summary.
ORDINAL_MARKERS = [
    ("一、", re.compile(r"^[一二三四五六七八九十]+[、.．]")),
    ("（一）", re.compile(r"^[（(][一二三四五六七八九十]+[）)]")),
    ("1.", re.compile(r"^\d+[、.．](?!\d)")),
    ("（1）", re.compile(r"^[（(]\d+[）)]")),
]
# The level a name is tagged with in a classification path: '一般公共服务支出（类）商贸事务（款）'
LEVEL_TAG = re.compile(r"[（(][类款项][）)]")
# A row or column that breaks out only part of the one before it ('其中：专项资金…')
OF_WHICH = re.compile(r"^\s*其中")
# A line that is only a page number ('- 3 -', '第3页'); page_labels.py reads the numbers themselves.
PAGE_NUMBER = re.compile(r"^[-—\s]*\d+[-—\s]*$|^第\s*\d+\s*页")


def without_markers(text: str) -> str:
    """The text without the ordinal markers it starts with ('1.（一）行政运行' → '行政运行')."""
    while (m := next((m for _, p in ORDINAL_MARKERS if (m := p.match(text))), None)) is not None and m.end():
        text = text[m.end():].lstrip()
    return text


def marker_of(text: str) -> str | None:
    """The ordinal marker a (squashed) label or line starts with, if any: '一、', '（一）', '1.', '（1）'."""
    return next((kind for kind, p in ORDINAL_MARKERS if p.match(text)), None)
YEAR_PREFIX = re.compile(r"^(19|20)\d{2}(年度?)?")


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "")


WHITE_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """NFKC with all white space removed: the form titles, labels and headers are compared in
    (a label is kept once squashed: every rule squashes the same few thousand; a whole text is not)."""
    return _squash_label(text) if text is not None and len(text) <= 200 else WHITE_SPACE.sub("", nfkc(text))


@lru_cache(maxsize=1 << 16)
def _squash_label(text: str) -> str:
    return WHITE_SPACE.sub("", nfkc(text))


def despace(text: str) -> str:
    """White space removed, every printed character kept (（本级） stays full-width): for text
    that is shown or stored, where squash() is for comparing."""
    return re.sub(r"\s+", "", text or "")


@dataclass(frozen=True)
class TitleRule:
    key: str
    rank: int
    patterns: tuple[re.Pattern, ...]
    unless: tuple[re.Pattern, ...]
    fallback: str | None = None  # the key a table takes when a better-ranked one holds `key`


OTHER_TITLE = TitleRule("other", 9, (), ())


@dataclass(frozen=True)
class Totals:
    """The words that state a total (vocabulary.toml [totals]); see pipeline/tables/totals.py."""

    table_rows: frozenset[str]
    year_rows: frozenset[str]
    grand_rows: frozenset[str]
    sub_rows: frozenset[str]
    columns: frozenset[str]
    side_rows: dict[str, str]


@dataclass(frozen=True)
class Vocabulary:
    titles: tuple[TitleRule, ...]
    title_numbering: tuple[re.Pattern, ...]
    title_shape: re.Pattern
    not_title: tuple[re.Pattern, ...]
    unit: re.Pattern
    empty_notes: tuple[re.Pattern, ...]
    label_headers: frozenset[str]
    code_headers: frozenset[str]
    line_number_headers: frozenset[str]
    tokens: dict[str, str]
    totals: Totals
    title_neutral: tuple[str, ...]
    title_protect: tuple[tuple[str, str], ...]
    raw: dict  # the whole file, for the sections a single module reads (measure, years, phases)

    def strip_title(self, line: str) -> str:
        """A title without its numbering and year: 表一、2026年收支预算总表 → 收支预算总表."""
        s = squash(line)
        for _ in range(3):
            before = s
            for p in self.title_numbering:
                s = p.sub("", s)
            if s == before:
                break
        return s

    def title_words(self, line: str) -> str:
        """A title reduced to what says which table it is: fund names shortened, the words that
        do not change the meaning (预算, 决算, 部门, 明细 …) removed."""
        s = self.strip_title(line)
        for long, short in self.title_protect:
            s = s.replace(long, short)
        for word in self.title_neutral:
            s = s.replace(word, "")
        return s

    def is_title_line(self, line: str) -> bool:
        s = squash(line)
        if not s or len(s) > 70:
            return False
        if any(p.search(s) for p in self.not_title):
            return False
        return bool(self.title_shape.search(s))

    def title_rule(self, line: str) -> TitleRule | None:
        """The rule naming the table a title line names (key 'skip' for forms, 'other' for a
        title no rule knows); None if the line is not a title."""
        if not self.is_title_line(line):
            return None
        s = self.strip_title(line)
        if s in ("", "表") or SECTION_HEADING.match(s):
            return None  # a bare table number such as 公开01表, or a part heading
        s = self.title_words(s)
        for rule in self.titles:
            if any(p.search(s) for p in rule.patterns) and not any(p.search(s) for p in rule.unless):
                return rule
        return OTHER_TITLE

    def is_table_number(self, line: str) -> bool:
        """A line that only numbers a table: 公开02表, 预算公开表1, 表一."""
        s = squash(line)
        return bool(s) and len(s) <= 12 and self.strip_title(s) in ("", "表")

    def title_key(self, line: str) -> str | None:
        rule = self.title_rule(line)
        return rule.key if rule else None

    def unit_in(self, line: str) -> str | None:
        m = self.unit.search(nfkc(line))
        return m.group(1) if m else None

    def is_empty_note(self, text: str) -> bool:
        s = nfkc(text).strip()
        return any(p.search(s) for p in self.empty_notes)

    def header_key(self, text: str) -> str:
        s = squash(text)
        s = YEAR_PREFIX.sub("", s)
        s = re.sub(r"^其中[:：]", "", s)
        return s.strip("（）()")

    def token(self, text: str) -> str | None:
        return self.tokens.get(self.header_key(text))


@lru_cache(maxsize=1)
def load_vocabulary(path: Path = VOCABULARY_PATH) -> Vocabulary:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    rules = tuple(
        TitleRule(
            key=t["key"],
            rank=t.get("rank", 1),
            patterns=tuple(re.compile(p) for p in t["patterns"]),
            unless=tuple(re.compile(p) for p in t.get("unless", [])),
            fallback=t.get("fallback"),
        )
        for t in data["title"]
    )
    return Vocabulary(
        titles=rules,
        title_numbering=tuple(re.compile(p) for p in data["title_numbering"]),
        title_shape=re.compile(data["title_shape"]),
        not_title=tuple(re.compile(p) for p in data["not_title"]),
        unit=re.compile(data["unit"]),
        empty_notes=tuple(re.compile(p) for p in data["empty_table_notes"]),
        label_headers=frozenset(data["label_headers"]),
        code_headers=frozenset(data["code_headers"]),
        line_number_headers=frozenset(data["line_number_headers"]),
        tokens=dict(data["tokens"]),
        totals=Totals(
            table_rows=frozenset(data["totals"]["table_rows"]),
            year_rows=frozenset(data["totals"]["year_rows"]),
            grand_rows=frozenset(data["totals"]["grand_rows"]),
            sub_rows=frozenset(data["totals"]["sub_rows"]),
            columns=frozenset(data["totals"]["columns"]),
            side_rows=dict(data["totals"]["side_rows"]),
        ),
        title_neutral=tuple(data["title_words"]["neutral"]),
        title_protect=tuple((a, b) for a, b in data["title_words"]["protect"]),
        raw=data,
    )
