"""What every rule gets (one `Context`) and the helpers rules share to compare printed amounts.

A rule is a module in this package with `RULE` (its name) and `check(ctx) -> list[Outcome]`:
every comparison it made, passed or not, with a finding where there is something to report.
A finding's `message` is what a reader sees (findings.csv opened in Excel, the site shows it as
is): in Chinese, amounts as printed (thousands separators, the printed decimals), tables by
their printed titles (`Context.title_of`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ..amounts import format_amount
from ..model import Fact, Finding, Outcome, Resource, UnreadableCell
from ..tables.forms import Form
from ..tables.indicators import headline
from ..text.coverage import Coverage
from ..text.narrative import Figure
from ..text.sentences import Sentence, quote  # noqa: F401  (the rules quote through here)


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
    coverage: Coverage | None = None  # the amounts the pages print against those the package holds

    @property
    def is_budget(self) -> bool:
        return self.document_type.endswith("budget")

    def title_of(self, table: str) -> str:
        """A table as a message names it: its printed title, else its resource name."""
        r = self.tables.get(table)
        return r.title if r is not None and r.title else table


# The end of a sum's message where the difference is only the rounding the printed digits allow
# (a warning); the site counts such warnings of the summing rules as 尾差.
ROUNDING = "在印刷位数允许的尾差范围内"


def decimals(d: Decimal) -> int:
    exp = d.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def rounding_tolerance(amounts: list[Decimal]) -> Decimal:
    """Each printed amount may be off by half its own last printed digit (0.005 for 52.37,
    0.5 for 22,118,861); the tolerance of a sum is the sum of those halves."""
    return sum((Decimal(5).scaleb(-decimals(a) - 1) for a in amounts), Decimal(0))


def row_name(fact: Fact) -> str:
    """The row as a message names it: its printed label, else its code."""
    return fact.row_label or fact.row_code or "该行"


def compared(subject: str, printed: Decimal, other: str, expected: Decimal) -> str:
    """'“行政事业单位医疗”印刷为 52.37，其下级科目（2101101、2101103）之和为 52.38'."""
    return f"{subject}为 {format_amount(printed)}，{other}为 {format_amount(expected)}"


def gap(difference: Decimal, rounding: bool = False) -> str:
    """How far apart the two figures are, and whether rounding explains it: '，相差 -0.01。'."""
    return f"，相差 {format_amount(difference)}" + (f"，{ROUNDING}。" if rounding else "。")


def parts_of(names: list[str] | tuple[str, ...]) -> str:
    """The parts of a sum as a message lists them: '（2101101、2101103）', nothing for none."""
    listed = "、".join(n for n in names if n)
    return f"（{listed}）" if listed else ""


def compare(rule: str, table: str, fact: Fact, parts: list[Decimal], other: str, subject: str = "") -> Outcome:
    """Printed total against the sum of its parts, with rounding tolerance. The message says
    '{subject}为 printed，{other}为 expected，相差 …'; `subject` is '“row”印刷' unless given."""
    expected = sum(parts, Decimal(0))
    diff = fact.amount - expected
    if diff == 0:
        return Outcome(rule, True)
    tol = rounding_tolerance([fact.amount, *parts])
    within = abs(diff) <= tol
    severity = "warning" if within else "error"
    message = compared(subject or f"“{row_name(fact)}”印刷", fact.amount, other, expected) + gap(diff, within)
    finding = Finding(
        rule=rule, severity=severity, table=table, row_code=fact.row_code, row_label=fact.row_label,
        column=fact.column, page=fact.page, printed=fact.amount, expected=expected, difference=diff,
        message=message,
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


def elsewhere(ctx: Context, fact: Fact) -> str:
    """Where another table prints a figure: '（2026年预算支出总表，第 10 页）'."""
    return f"（{ctx.title_of(fact.table)}，第 {fact.page} 页）"


def agree(ctx: Context, rule: str, a: Fact, b: Fact, subject: str, other: str) -> Outcome:
    """Two printed amounts that must be equal: '{subject}印刷为 a，{other}（b's table, page）为 b'."""
    return compare(rule, a.table, a, [b.amount], other + elsewhere(ctx, b), subject + "印刷")


def text_finding(rule: str, severity: str, table: str, label: str, page: int, printed: Decimal | int | str,
                 expected: Decimal | int | str, message: str, column: tuple[str, ...] = ()) -> Finding:
    """A finding about the document's words (a form, a count) rather than a table cell."""
    p, e = Decimal(printed), Decimal(expected)
    return Finding(rule, severity, table, "", label, column, page, p, e, p - e, message)


def sentence_finding(rule: str, severity: str, sentence: Sentence, message: str, *, offset: int = 0,
                     printed: Decimal | int = 0, expected: Decimal | int = 0, table: str = "narrative",
                     label: str = "") -> Finding:
    """A finding about the words of one sentence: its section is the column, its page the page
    that prints the words at `offset`."""
    p, e = Decimal(printed), Decimal(expected)
    return Finding(rule, severity, table, "", label, (sentence.section,) if sentence.section else (),
                   sentence.page_at(offset), p, e, p - e, message)


def own_facts(ctx: Context, phase: Sequence[str]) -> list[Fact]:
    return [f for f in ctx.facts if f.phase in phase and f.measure != "change" and not f.table.startswith("other_")
            and (ctx.fiscal_year is None or f.amount_year == ctx.fiscal_year)]


@dataclass
class Printed:
    """The facts of the document's own year in some phases, indexed once for every statement
    the words make (so that a check costs the statements plus the facts, not their product): the
    headline figures over all of them and over each table alone."""

    facts: list[Fact]
    by_table: dict[str, list[Fact]] = field(default_factory=dict)
    _headline: dict[str | None, dict[str, Fact]] = field(default_factory=dict)

    position: dict[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for i, f in enumerate(self.facts):
            self.by_table.setdefault(f.table, []).append(f)
            self.position[id(f)] = i

    def headline(self, table: str | None = None) -> dict[str, Fact]:
        """The headline figures over every table (None) or over one table alone."""
        if table not in self._headline:
            self._headline[table] = headline(self.facts if table is None else self.by_table.get(table, []))
        return self._headline[table]


def printed_in(ctx: Context, phase: tuple[str, ...], memo: dict[tuple[str, ...], Printed]) -> Printed:
    if phase not in memo:
        memo[phase] = Printed(own_facts(ctx, phase))
    return memo[phase]


def in_unit_of(fact: Fact, other: Fact) -> Decimal:
    """`other`'s amount in `fact`'s unit (two tables of one document may print 元 and 万元)."""
    return other.amount * other.factor / fact.factor


def agree_with_one(ctx: Context, rule: str, fact: Fact, others: Sequence[Fact], subject: str,
                   other: Callable[[Fact], str]) -> Outcome:
    """A printed amount that must equal one of several others (a 收入总表's 合计 is the summary's
    本年收入合计, or its 收入总计 where the table counts the carried-over money in): passes on the
    first it agrees with, else is compared with the first. Both in `fact`'s unit."""
    for o in others:
        value = in_unit_of(fact, o)
        if abs(fact.amount - value) <= rounding_tolerance([fact.amount, o.amount]):
            return compare(rule, fact.table, fact, [value], other(o) + elsewhere(ctx, o), subject)
    o = others[0]
    return compare(rule, fact.table, fact, [in_unit_of(fact, o)], other(o) + elsewhere(ctx, o), subject)
