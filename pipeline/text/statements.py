"""What a sentence states: its amounts (1,564.72万元, 1.87%), the words before each (its
subject), and what those words say about the amount (stage, year, a change rather than a
level). The words are data: vocabulary.toml [text].

Nothing here guesses: words it cannot read give an empty answer, and the rules skip them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ..vocabulary import load_vocabulary, nfkc

# one character for one character, so that offsets into the printed text still hold
_WIDE = str.maketrans("０１２３４５６７８９％．", "0123456789%.")
AMOUNT = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?"
                    r"(亿元|万元|千元|元|%|个百分点|辆)")
# 收、支总计 is one name, not a list
CLAUSE_BREAK = re.compile(r"[，；;：:。！？]|(?<!收)、|,(?!\d{3})")
YEAR = re.compile(r"((?:19|20)\d{2})\s?年")
MONEY = ("亿元", "万元", "千元", "元")


def plain(text: str) -> str:
    """The text with full-width digits and signs made ASCII, offsets unchanged."""
    return text.translate(_WIDE)


@dataclass(frozen=True)
class Amount:
    value: Decimal
    printed: str  # the digits as printed (for the places they show)
    unit: str
    start: int
    end: int

    @property
    def places(self) -> int:
        return len(self.printed.partition(".")[2])

    @property
    def half_step(self) -> Decimal:
        """Half the last printed digit: how far the printed figure may be from what it rounds."""
        return Decimal(5).scaleb(-self.places - 1)

    @property
    def is_money(self) -> bool:
        return self.unit in MONEY


def amounts(text: str) -> list[Amount]:
    """Every amount with a unit in the text, in order."""
    out = []
    for m in AMOUNT.finditer(plain(text)):
        digits = m.group(1).replace(",", "")
        out.append(Amount(Decimal(digits), digits, m.group(2), m.start(), m.end()))
    return out


def clause_start(text: str, pos: int) -> int:
    """Where the clause holding `pos` starts (after the last ，；：。、 before it)."""
    start = 0
    for m in CLAUSE_BREAK.finditer(plain(text), 0, pos):
        start = m.end()
    return start


def subject(text: str, amount: Amount) -> str:
    """The words of the amount's own clause before it ('其中：基本支出2336.91万元' → '基本支出')."""
    return text[clause_start(text, amount.start): amount.start]


@dataclass(frozen=True)
class Words:
    """vocabulary.toml [text], compiled."""

    up: re.Pattern
    down: re.Pattern
    flat: re.Pattern
    roughly: re.Pattern
    more: re.Pattern
    less: re.Pattern
    budget_stage: re.Pattern
    executed_stage: re.Pattern
    previous_year: re.Pattern
    comparison: re.Pattern
    approximate: re.Pattern
    filler_start: re.Pattern
    filler_end: re.Pattern
    owner: re.Pattern
    raw: dict


def _any(words: list[str]) -> re.Pattern:
    return re.compile("|".join(f"(?:{w})" for w in words))


@lru_cache(maxsize=1)
def words() -> Words:
    t = load_vocabulary().raw["text"]
    return Words(
        up=_any(t["up"]), down=_any(t["down"]), flat=_any(t["flat"]), roughly=_any(t["roughly"]),
        more=_any(t["more"]), less=_any(t["less"]),
        budget_stage=re.compile(f"(?:{'|'.join(t['budget_stage'])})$"),
        executed_stage=re.compile(f"(?:{'|'.join(t['executed_stage'])})$"),
        previous_year=_any(t["previous_year"]), comparison=_any(t["comparison"]),
        approximate=_any(t["approximate"]),
        filler_start=re.compile(f"^(?:{'|'.join(t['filler_start'])})+"),
        filler_end=re.compile(f"(?:{'|'.join(t['filler_end'])})+$"),
        owner=re.compile(f"^(?:{'|'.join(t['owner'])})"),
        raw=t,
    )


MARKER = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d+[、.](?!\d))+")
QUOTES = re.compile(r"[“”\"'‘’「」《》]")


@dataclass(frozen=True)
class Topic:
    """What the words before an amount say it is."""

    topic: str  # the thing named, without owner, year, quotes, stage or filler words ('三公经费财政拨款支出')
    stage: str  # budget | executed | '' (not said)
    other_year: bool  # names a year other than the document's, or the year before
    change: bool  # a change or share, not a level (比上年增加, 占, 完成)
    owned: bool = False  # the words name whose figure it is (the document's name, 本部门, its year)


def own_names(publisher: str) -> list[str]:
    """The names the document calls its publisher by, longest first: its full name, and the name
    from its own level down (北京市民政局 → 市民政局, 民政局: '2026年市民政局机关运行经费')."""
    p = nfkc(publisher)
    if not p:
        return []
    names = {p}
    if (m := re.search(r"[省市区县]", p)) and m.start() > 0:
        if len(p) - m.start() >= 4:
            names.add(p[m.start():])
        if len(p) - m.end() >= 3:
            names.add(p[m.end():])
    return sorted(names, key=len, reverse=True)


def topic_of(words_before: str, fiscal_year: int | None, publisher: str = "") -> Topic:
    """Read the subject of an amount."""
    w = words()
    s = QUOTES.sub("", nfkc(words_before))
    years = {int(y) for y in YEAR.findall(s)}
    other_year = bool(w.previous_year.search(s)) or bool(fiscal_year and years - {fiscal_year})
    change = bool(w.comparison.search(s) or w.up.search(s) or w.down.search(s) or w.approximate.search(s))
    owned = False
    for _ in range(4):
        before = s
        s = MARKER.sub("", s)
        # a year, or 本年 naming the document's own year ('本年单位预算支出总计'; 本年收入 stays a topic)
        owner = re.sub(r"^(?:(?:19|20)\d{2}年度?|本年度?(?=(?:部门|单位)?(?:预算|决算)))", "", s)
        for name in own_names(publisher):
            owner = owner.replace(name, "")
        owner = w.owner.sub("", owner)
        owned = owned or owner != s
        s = owner
        s = w.filler_start.sub("", s)
        s = w.filler_end.sub("", s)
        if s == before:
            break
    stage = ""
    for _ in range(3):
        b = w.budget_stage.search(s)
        e = w.executed_stage.search(s)
        if e:
            stage, s = "executed", s[: e.start()]
        elif b:
            stage, s = stage or "budget", s[: b.start()]
        else:
            break
        s = w.filler_end.sub("", s)
    return Topic(s, stage, other_year, change, owned)
