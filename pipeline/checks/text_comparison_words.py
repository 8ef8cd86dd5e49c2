"""比较用语与数字一致：“增加/减少、增长/下降”与差额的方向一致，所写差额、百分比与两个数相符；
“年初预算为X万元，支出决算为Y万元，决算数小于预算数”中的“小于”与X、Y的大小一致，“完成预算的P%”
等于Y÷X。

The sentences read (words from vocabulary.toml [text]):
- '收入预算A万元，比上年增加D万元，增长P%': the previous year is A − D (never below zero), and
  P = D ÷ (A − D); with the base printed ('比2025年年初预算数B万元增加D万元', or '2025年执行数为B万元，
  2026年预算安排A万元，比2025年执行数增加P%') also D = A − B and P = (A − B) ÷ B;
- '年初预算为B万元，支出决算为A万元，完成年初预算的P%。决算数小于预算数…';
- '收入总计A万元，比上年增加…' and '支出总计A万元，比上年减少…': the two grand totals are equal every
  year, so they cannot move in opposite directions (compared where the text gives both totals alike).
Every figure may be off by half its last printed digit (a percentage also by a whole digit, for
documents that cut rather than round); only a disagreement beyond that is reported, as an error.
A sentence the rule cannot read this way is skipped."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ..model import Outcome
from ..text.figures import target_of
from ..text.sentences import Sentence
from ..text.statements import YEAR, Amount, amounts, clause_start, subject, topic_of, words
from ..vocabulary import UNIT_FACTORS
from .model import Context, quote, sentence_finding
from .spans import Span

RULE = "text_comparison_words"
LABEL = "增减用语与数字相符"
DESCRIPTION = "“增加/减少”“大于/小于”、所写差额和百分比与前后两个数相符"
POSITION = 160
MARKER = re.compile(r"^[，,]?(?:比|较|与|同比|相比)")
# the grand totals, which balance every year: a text figure naming one of them alone
GRAND_TOTALS = {("income_total",), ("expenditure_total",)}


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    w = words()
    direction = re.compile(f"({w.up.pattern}|{w.down.pattern})(?:了|为|达到?)?(?:约)?$")
    t = w.raw
    relation = re.compile(
        f"决算数?(?:(?P<more>{'|'.join(t['more'])})|(?P<less>{'|'.join(t['less'])})|(?P<equal>等于)"
        f"|与[^，。；]{{0,10}}?(?P<rough>基本)?(?P<flat>{'|'.join(t['flat'])}))[^，。；]{{0,8}}?预算数?")
    completion = re.compile(r"完成[^，。；]{0,8}预算[^，。；]{0,3}$")
    return direction, relation, completion


def _sign(word: str) -> int:
    return 1 if words().up.search(word) else -1


@dataclass(frozen=True)
class Change:
    amount: Amount
    word: str
    sign: int
    start: int  # where the direction word starts


def _changes(text: str, found: list[Amount]) -> list[Change]:
    direction = _patterns()[0]
    out = []
    for a in found:
        if a.unit == "个百分点":
            continue
        m = direction.search(text[clause_start(text, a.start): a.start])
        if m:
            start = clause_start(text, a.start) + m.start()
            out.append(Change(a, m.group(1), _sign(m.group(1)), start))
    return out


def _groups(text: str, changes: list[Change]) -> Iterator[list[Change]]:
    """Changes that speak of one comparison: '增加286.07万元，增长7.8%'."""
    group: list[Change] = []
    for c in changes:
        if group and re.fullmatch(r"[，,]?", text[group[-1].amount.end: c.start]):
            group.append(c)
            continue
        if group:
            yield group
        group = [c]
    if group:
        yield group


@dataclass(frozen=True)
class Reading:
    """A comparison sentence read: the level A, the base B where printed, the changes stated."""

    current: Amount
    base: Amount | None
    difference: Change | None
    percent: Change | None
    changes: list[Change]


def _named(between: str, fiscal_year: int | None, publisher: str) -> str | None:
    """The thing a comparison names again after its marker ('与2023年相比，收、支总计各' → '收、支总计'),
    '' where it names nothing, None where the words are not a comparison at all."""
    if not MARKER.match(between):
        return None
    parts = re.split(r"[，,]", between.lstrip("，,"), maxsplit=1)
    again = parts[1].rstrip("各") if len(parts) > 1 else ""
    return topic_of(again, fiscal_year, publisher).topic if again else ""


def _reference(s: Sentence, found: list[Amount], first: Change, previous: Sentence | None,
               fiscal_year: int | None, publisher: str) -> tuple[Amount | None, Amount | None]:
    """The level a change speaks of and the base where printed: 'A万元，比上年增加',
    'A万元，比2025年年初预算数B万元增加', or the 收入支出总计 that ends the sentence before one that
    opens with '与2023年度相比，收入支出总计减少'."""
    text = s.text
    money = [a for a in found if a.is_money and a.end <= first.start]
    for a, base_inside in ((money[-1:], 0), (money[-2:-1], 1)):
        if not a:
            continue
        level = a[0]
        between = text[level.end: first.start]
        inside = [b for b in found if level.end <= b.start and b.end <= first.start]
        named = _named(between, fiscal_year, publisher)
        if named is None or len(inside) != base_inside or not all(b.is_money for b in inside):
            continue
        cs = clause_start(text, level.start)
        if (cs > 0 and text[cs - 1] == "、") or _later_item(text, level, money):
            break  # an item of a list: the change may be the whole list's
        if named and named != topic_of(subject(text, level), fiscal_year, publisher).topic:
            break
        base = inside[0] if inside else _earlier_base(text, money, level, between)
        return level, base
    if not money and previous is not None and previous.section == s.section:
        named = _named(text[: first.start], fiscal_year, publisher)
        before = [a for a in amounts(previous.text) if a.is_money]
        if named and before and named == topic_of(subject(previous.text, before[-1]), fiscal_year, publisher).topic:
            return before[-1], None
    return None, None


def _earlier_base(text: str, money: list[Amount], current: Amount, between: str) -> Amount | None:
    """'2025年当年预算执行数为B万元，2026年预算安排A万元，比2025年预算执行数增加…': the base is the
    earlier level (not itself a change) whose words name the year the comparison names."""
    years = re.findall(r"(?:19|20)\d{2}", between)
    if len(years) != 1 or years[0] in subject(text, current):
        return None
    earlier = [b for b in money if b.end <= current.start and years[0] in subject(text, b)
               and not topic_of(subject(text, b), None).change]
    return earlier[-1] if earlier else None


def _later_item(text: str, level: Amount, money: list[Amount]) -> bool:
    """The level is the second or a later item of a '其中：' list: a change after it may be the
    whole's ('总计A万元，其中：本年收入B万元，上年结转C万元，比上年减少D万元')."""
    opens = text.rfind("其中", 0, level.start)
    return opens >= 0 and any(opens < b.start < level.start for b in money)


def _finding(s: Sentence, a: Amount, severity: str, message: str, printed: Decimal, expected: Decimal) -> Outcome:
    said = f"第{s.page_at(a.start)}页“{quote(s, a.start, a.end)}”"
    return Outcome(RULE, False, sentence_finding(RULE, severity, s, offset=a.start, printed=printed,
                                                 expected=expected, label="比较用语", message=said + message))


def _yuan(a: Amount) -> Decimal:
    return a.value * UNIT_FACTORS.get(a.unit, 1)


def _in_units(value: Decimal, a: Amount) -> Decimal:
    return value / UNIT_FACTORS.get(a.unit, 1)


def _amount(a: Amount) -> str:
    return f"{a.printed}{a.unit}"


def _percent_finding(s: Sentence, r: Reading, share: Span | None, basis: str, change: Span) -> list[Outcome]:
    """The stated percentage against the one the figures give, where both are known. Over a base
    that is (or may be) 0 no percentage follows from the figures: a stated one is reported, but
    for 0% where nothing changed (0 万元 then and now: 与上年持平)."""
    if r.percent is None:
        return []
    p = r.percent.amount
    if share is None and not (p.value == 0 and change.lo <= 0):
        return [_finding(s, p, "warning", f"：按{basis}，上期为0（或接近0），{r.percent.word}幅度无从计算，"
                                          f"文字写{p.printed}%。", p.value, Decimal(0))]
    if share is None:
        return []
    if share.meets(Span.of(p, cut=True)):
        return []
    return [_finding(s, p, "error", f"：按{basis}，{r.percent.word}幅度应为{share.text()}%，文字写{p.printed}%。",
                     p.value, (share.lo + share.hi) / 2)]


def _against_base(s: Sentence, r: Reading, base: Amount, sign: int, word: str) -> list[Outcome]:
    """Both figures printed: the word, the difference and the percentage follow from them."""
    A, B = Span.of(r.current), Span.of(base)
    diff = A - B
    a_text, b_text = _amount(r.current), _amount(base)
    actual = _yuan(r.current) - _yuan(base)
    if (sign > 0 and diff.hi < 0) or (sign < 0 and diff.lo > 0):
        more = "多" if actual > 0 else "少"
        return [_finding(s, r.changes[0].amount, "error",
                         f"：{a_text}比{b_text}{more}{_in_units(abs(actual), r.current)}{r.current.unit}，"
                         f"文字却写“{word}”。", Decimal(sign), Decimal(1 if actual > 0 else -1))]
    out = []
    if r.difference is not None and not diff.magnitude().meets(Span.of(r.difference.amount)):
        d = r.difference.amount
        gap = _in_units(abs(actual), d)
        out.append(_finding(s, d, "error", f"：{a_text}与{b_text}相差{gap}{d.unit}，文字写{word}{_amount(d)}。",
                            d.value, gap))
    return out + _percent_finding(s, r, diff.magnitude().percent_of(B), f"{a_text}和{b_text}", diff.magnitude())


def _against_difference(s: Sentence, r: Reading, sign: int, word: str) -> list[Outcome]:
    """One figure and the change printed: the earlier figure is A − D (never below zero), and the
    percentage is D ÷ (A − D)."""
    if r.difference is None:  # a level and a percentage: no earlier figure to compare with
        return [Outcome(RULE, False, decided=False)]
    d = r.difference.amount
    D = Span.of(d)
    previous = Span.of(r.current) - D if sign > 0 else Span.of(r.current) + D
    a_text = _amount(r.current)
    if sign > 0 and previous.hi < 0:
        value = _in_units(_yuan(r.current) - _yuan(d), r.current)
        return [_finding(s, d, "error", f"：本期{a_text}，却写比上期{word}{_amount(d)}，上期应为{value}{r.current.unit}"
                                        f"（负数）。", d.value, _in_units(_yuan(r.current), d))]
    return _percent_finding(s, r, D.percent_of(previous), f"{a_text}和{word}{_amount(d)}推算", D)


def _check_change(s: Sentence, r: Reading) -> list[Outcome]:
    signs = {c.sign for c in r.changes}
    if len(signs) > 1:
        a, b = r.changes[0], r.changes[-1]
        return [_finding(s, b.amount, "error", f"同时写“{a.word}”和“{b.word}”，方向相反。", Decimal(0), Decimal(0))]
    sign, word = signs.pop(), r.changes[0].word
    if r.base is not None:
        return _against_base(s, r, r.base, sign, word)
    return _against_difference(s, r, sign, word)


def _pairs(s: Sentence, found: list[Amount], fiscal_year: int | None, publisher: str) -> tuple[Amount, Amount] | None:
    """(budget, executed) where the sentence states both one after the other:
    '年初预算为B万元，支出决算为A万元'."""
    money = [a for a in found if a.is_money]
    for b, a in zip(money, money[1:], strict=False):
        tb = topic_of(subject(s.text, b), fiscal_year, publisher)
        ta = topic_of(subject(s.text, a), fiscal_year, publisher)
        if tb.stage == "budget" and ta.stage == "executed" and not (tb.other_year or ta.other_year) \
                and not (tb.change or ta.change) and (ta.topic in ("", "支出") or ta.topic == tb.topic):
            return b, a
    return None


def _check_pair(s: Sentence, pair: tuple[Amount, Amount], found: list[Amount], relation_in: Sentence) -> list[Outcome]:
    _, relation, completion = _patterns()
    b, a = pair
    out: list[Outcome] = []
    B, A = Span.of(b), Span.of(a)
    said = f"预算数{b.printed}{b.unit}、决算数{a.printed}{a.unit}"
    after = [p for p in found if p.start >= a.end]
    if relation_in is s and after and after[0].unit == "%" and completion.search(subject(s.text, after[0])):
        p = after[0]
        share = A.percent_of(B)
        if share is not None and not share.meets(Span.of(p, cut=True)):
            out.append(_finding(s, p, "error", f"：{said}，完成率应为{share.text()}%，文字写{p.printed}%。", p.value,
                                (share.lo + share.hi) / 2))
    m = relation.search(relation_in.text, a.end if relation_in is s else 0)
    if m is None:
        return out
    diff = A - B
    wrong = ((m.group("more") and diff.hi <= 0) or (m.group("less") and diff.lo >= 0)
             or ((m.group("equal") or (m.group("flat") and not m.group("rough"))) and not (diff.lo <= 0 <= diff.hi)))
    if wrong:
        actual = _yuan(a) - _yuan(b)
        order = "大于" if actual > 0 else "小于" if actual < 0 else "等于"
        said_at = f"第{relation_in.page_at(m.start())}页“{quote(relation_in, m.start(), m.end())}”"
        out.append(Outcome(RULE, False, sentence_finding(
            RULE, "error", relation_in, offset=m.start(), printed=a.value, expected=b.value, label="比较用语",
            message=f"{said_at}：{said}，决算数{order}预算数，文字写“{m.group(0)}”。")))
    return out


def check(ctx: Context) -> list[Outcome]:
    out: list[Outcome] = []
    grands: dict[str, tuple[Sentence, Amount, Change, bool]] = {}
    previous: Sentence | None = None
    last_pair: tuple[Sentence, tuple[Amount, Amount], list[Amount]] | None = None
    for s in ctx.sentences:
        if s.kind != "text":
            continue
        found = amounts(s.text)
        for group in _groups(s.text, _changes(s.text, found)):
            current, base = _reference(s, found, group[0], previous, ctx.fiscal_year, ctx.publisher)
            if current is None and (whole := _whole_of_list(s.text, found, group[0])) is not None:
                _note_grand(grands, s, whole, group, ctx, listed=True)  # the list's last item may be meant
            if current is None:
                if len({c.sign for c in group}) > 1:
                    out.extend(_check_change(s, Reading(group[0].amount, None, None, None, group)))
                continue
            diff = next((c for c in group if c.amount.is_money), None)
            pct = next((c for c in group if c.amount.unit == "%"), None)
            if base is None:  # '比2024年决算数减少': another base than last year's own total
                _note_grand(grands, s, current, group, ctx)
            outcomes = _check_change(s, Reading(current, base, diff, pct, group))
            out.extend(outcomes or [Outcome(RULE, True)])
        pair = _pairs(s, found, ctx.fiscal_year, ctx.publisher)
        if pair is not None:
            outcomes = _check_pair(s, pair, found, s)
            out.extend(outcomes or [Outcome(RULE, True)])
            last_pair = (s, pair, found)
        elif last_pair is not None and last_pair[0] is previous and s.section == previous.section \
                and _patterns()[1].search(s.text):
            outcomes = _check_pair(last_pair[0], last_pair[1], last_pair[2], s)
            out.extend(outcomes or [Outcome(RULE, True)])
        previous = s
    return out + _grand_totals_move_together(grands)


def _whole_of_list(text: str, found: list[Amount], first: Change) -> Amount | None:
    """'总计A万元，其中：本年收入B万元，上年结转C万元，比上年减少D万元': A, the whole a change after a
    '其中' list may speak of."""
    opens = text.rfind("其中", 0, first.start)
    before = [a for a in found if a.is_money and a.end <= opens]
    if opens < 0 or not before or text.find("；", before[-1].end, first.start) >= 0:
        return None
    return before[-1]


def _note_grand(grands: dict[str, tuple[Sentence, Amount, Change, bool]], s: Sentence, level: Amount,
                group: list[Change], ctx: Context, listed: bool = False) -> None:
    """The first change of each grand total the text states (收入总计, 支出总计), by its direction;
    `listed`: the change follows a '其中' list, so it may be its last item's."""
    before = s.text[clause_start(s.text, group[0].start): group[0].start]
    if YEAR.search(before):
        return  # '比2024年决算数减少': not last year's own total
    topic = topic_of(subject(s.text, level), ctx.fiscal_year, ctx.publisher)
    target = target_of(topic.topic) if not topic.other_year else None
    if target is not None and tuple(target.indicators) in GRAND_TOTALS and len({c.sign for c in group}) == 1:
        grands.setdefault(target.indicators[0], (s, level, group[0], listed))


def _grand_totals_move_together(grands: dict[str, tuple[Sentence, Amount, Change, bool]]) -> list[Outcome]:
    if len(grands) < 2:
        return []
    (si, ai, ci, li), (se, ae, ce, le) = grands["income_total"], grands["expenditure_total"]
    if not Span.of(ai).meets(Span.of(ae)):
        return []  # not the two sides of one balanced table (another scope): not compared
    if ci.sign == ce.sign:
        return [Outcome(RULE, True)]
    said = (f"：第{si.page_at(ci.start)}页写收入总计{_amount(ai)}比上年“{ci.word}”，"
            f"此处写支出总计{_amount(ae)}“{ce.word}”")
    if li or le:  # a change after a '其中' list may be the list's last item's: a thing to look at
        return [_finding(se, ce.amount, "warning", f"{said}；收入总计与支出总计每年相等，增减方向应一致"
                         "（文字所写的增减也可能是所列某一项的）。", Decimal(ce.sign), Decimal(ci.sign))]
    return [_finding(se, ce.amount, "error", f"{said}；收入总计与支出总计每年相等，增减方向应一致。",
                     Decimal(ce.sign), Decimal(ci.sign))]
