"""The headline figures of a document (data contract: `indicators`), each read from the table
that prints it — never computed, never guessed.

Every indicator is a rule over the facts (with their comparable fields): which side of the
table (income / expenditure), which row (a total row, this year's total, or a row whose own
words name the figure), which measure and which fund. Tables are searched in the contract's
order (summary, income, expenditure, appropriation_summary, general_public_expenditure,
basic_expenditure_economic, three_public, operating_costs); the first table that prints the
figure gives it. Only amounts of the document's own year and stage count.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from ..amounts import format_decimal
from ..model import Fact, Field, Resource
from ..vocabulary import marker_of, squash
from .comparable import clean, direction, document_phase, fund_of, term_of
from .totals import row_total_kind

ORDER = ["summary", "income", "expenditure", "appropriation_summary", "general_public_expenditure",
         "basic_expenditure_economic", "three_public", "operating_costs"]
# 当年收入小计 … 收入合计: where a summary prints this year's subtotal, its 收入合计 / 支出合计 below
# (after the carried-over lines) closes the side, as 收入总计 / 支出总计 do elsewhere (江苏 2017).
YEAR_SUBTOTAL_ROWS = {"当年收入小计", "本年收入小计", "当年支出小计", "本年支出小计"}
YEAR_TOTAL_ROWS = {"本年收入合计", "本年支出合计", "本年收入", "本年支出", "收入合计", "支出合计"} | YEAR_SUBTOTAL_ROWS
GRAND_ROWS = {"收入总计", "支出总计"}
SIDE_TOTAL_ROWS = {"收入合计", "支出合计"}


# The headline indicators, in the contract's order.
HEADLINE = ("income_total", "income_current_year", "carryover_income", "appropriation_income",
            "general_public_budget_income", "gov_fund_income", "expenditure_total", "expenditure_current_year",
            "basic_expenditure", "project_expenditure", "personnel_expenditure", "public_expenditure",
            "general_public_budget_expenditure", "three_public_total", "three_public_abroad", "three_public_vehicle",
            "three_public_vehicle_purchase", "three_public_vehicle_operation", "three_public_reception",
            "operating_costs")
SOURCES = ("table", "text")
STATUSES = ("printed", "zero", "empty_table")
# The headline figure a table states by itself: printed empty, the table says there is none to print.
EMPTY_TABLE_STATES = {"three_public": "three_public_total", "operating_costs": "operating_costs"}


@dataclass(frozen=True)
class Indicator:
    """One headline figure and the amount that states it: a table's cell, or (source `text`) the
    figure a sentence of the 情况说明 states where no table prints it (its table is `narrative`,
    its row label the sentence)."""

    indicator: str
    code: str
    fact: Fact
    source: str = "table"
    empty: bool = False  # its table is printed empty: no value (the fact only says where)

    @property
    def status(self) -> str:
        """printed (a value), zero (printed 0, or stated as 0 / 无), empty_table (its table is
        printed without a row)."""
        return "empty_table" if self.empty else "zero" if self.fact.amount == 0 else "printed"

    def to_row(self) -> dict[str, str]:
        f = self.fact
        value = "" if self.empty else format_decimal(f.amount_yuan)
        return {"indicator": self.indicator, "code": self.code, "value_yuan": value,
                "amount_year": str(f.amount_year or ""), "phase": f.phase, "table": f.table,
                "row_label": f.row_label, "column": f.column_text, "page": str(f.page), "status": self.status,
                "source": self.source}


INDICATOR_FIELDS = [
    Field.described("indicator", "string", "指标", "An id from the contract's list (income_total, functional …)"),
    Field.described("code", "string", "科目编码", "For functional / economic: the classification code"),
    Field.described("value_yuan", "number", "金额（元）", "The figure in 元, as printed"),
    Field.described("amount_year", "integer", "所属年度", "Fiscal year of the figure"),
    Field.described("phase", "string", "阶段", "approved, adjusted or executed"),
    Field.described("table", "string", "表", "The table that prints it"),
    Field.described("row_label", "string", "项目", "Its row as printed"),
    Field.described("column", "string", "栏目", "Its column's header path"),
    Field.described("page", "integer", "页码", "PDF page where it is printed"),
    Field.described("status", "string", "状态", "printed (a value), zero (printed 0, or stated as 0 / 无)"),
    Field.described("source", "string", "来源",
                    "table, or text where only the 情况说明 states it (then row_label quotes the sentence)"),
]


def side(f: Fact) -> str:
    """income or expenditure (comparable.direction, the one side rule)."""
    return direction(f.table, f.column)


def _row(f: Fact) -> str:
    return clean(f.row_label)


def is_grand_row(f: Fact) -> bool:
    """The total of a whole side or table: 收入总计, 支出总计, 合计, 总计."""
    return not f.row_code and (row_total_kind(f.row_label) in ("table", "grand") or _row(f) in GRAND_ROWS)


def closes_side(f: Fact, rows: Sequence[Fact]) -> bool:
    """A summary's 收入合计 / 支出合计 printed below this year's subtotal of its side."""
    return not f.row_code and _row(f) in SIDE_TOTAL_ROWS and any(
        g.row_number < f.row_number and side(g) == side(f) and _row(g) in YEAR_SUBTOTAL_ROWS for g in rows)


def is_year_row(f: Fact) -> bool:
    """This year's total: 本年收入合计, 一、本年支出 …"""
    return not f.row_code and _row(f) in YEAR_TOTAL_ROWS


def _row_term(f: Fact) -> str:
    term = term_of(f.row_label) if f.row_label and not f.row_code else None
    return term[0] if term else ""


class Rows(list):
    """One table's facts, with what every rule asks of the whole table worked out once (a rule
    is asked of each fact: asking the table again for each would cost the square of its size)."""

    @cached_property
    def has_grand_row(self) -> bool:
        return any(is_grand_row(g) for g in self)

    @cached_property
    def first_row(self) -> int:
        return min((g.row_number for g in self), default=0)


def _unit_row(f: Fact, facts_of_table: Sequence[Fact]) -> bool:
    """The first row of a table without a 合计 row, where rows are units (深圳 prints the
    department's own row as its total)."""
    rows = facts_of_table if isinstance(facts_of_table, Rows) else Rows(facts_of_table)
    if rows.has_grand_row:
        return False
    return f.row_number == rows.first_row and not f.row_code and not _row_term(f)


Rule = Callable[[Fact, Sequence[Fact]], bool]


@dataclass(frozen=True)
class Preferred:
    """Several rules tried in order within one table: the first fact of the first rule that finds one."""

    rules: tuple[Rule, ...]

    def pick(self, rows: Sequence[Fact]) -> Fact | None:
        for r in self.rules:
            hit = next((g for g in rows if r(g, rows)), None)
            if hit is not None:
                return hit
        return None


def _first(facts: Sequence[Fact], tables: Sequence[str], rule: Rule | Preferred) -> Fact | None:
    by_table: dict[str, Rows] = defaultdict(Rows)
    for f in facts:
        by_table[f.table].append(f)
    for table in tables:
        rows = by_table.get(table, Rows())
        found = rule.pick(rows) if isinstance(rule, Preferred) else next((f for f in rows if rule(f, rows)), None)
        if found is not None:
            return found
    return None


def _all_funds(f: Fact) -> bool:
    return fund_of(f.column) == ""


def _total_row(f: Fact, rows: Sequence[Fact]) -> bool:
    return is_grand_row(f) or is_year_row(f) or _unit_row(f, rows)


def _prefer(*rules: Rule) -> Preferred:
    """Several rules tried in order within one table (the first that finds a fact)."""
    return Preferred(rules)


def _top_marker(label: str) -> bool:
    return marker_of(label) == "一、"


def _sub_marker(label: str) -> bool:
    return marker_of(label) in ("（一）", "1.")


def _under_carryover(f: Fact, rows: Sequence[Fact]) -> bool:
    """A row listed under 二、上年结转 ((一)一般公共预算拨款 …) is carried-over money, not the
    year's: its section is the nearest row above it on its side with a 一、-style marker."""
    label = squash(f.row_label)
    if not _sub_marker(label):
        return False
    above = [g for g in rows if g.row_number < f.row_number and side(g) == side(f)
             and _top_marker(squash(g.row_label))]
    if not above:
        return False
    section = max(above, key=lambda g: g.row_number)
    return _row_term(section) == "carryover"


def _prints_carryover(facts: Sequence[Fact], table: str) -> bool:
    return any(f.table == table and side(f) == "income" and (f.measure == "carryover" or _row_term(f) == "carryover")
               for f in facts)


def headline(facts: Sequence[Fact]) -> dict[str, Fact]:
    out: dict[str, Fact] = {}

    def put(name: str, fact: Fact | None) -> None:
        if fact is not None:
            out[name] = fact

    def income(f: Fact) -> bool:
        return side(f) == "income"

    def spending(f: Fact) -> bool:
        return side(f) == "expenditure"

    # the document's own year figures exclude a carried-over balance it prints apart: a table
    # that prints no carryover line of its own is then read as including it
    carryover_anywhere = any(_prints_carryover(facts, t) for t in ORDER)

    def of_the_year(f: Fact) -> bool:
        return not carryover_anywhere or _prints_carryover(facts, f.table) or f.table == "appropriation_summary"

    put("income_total", _first(facts, ["summary"], _prefer(
        lambda f, r: income(f) and f.measure == "total"
        and (_row(f) in GRAND_ROWS or (row_total_kind(f.row_label) == "table")),
        lambda f, r: income(f) and f.measure == "total" and closes_side(f, r)))
        or _first(facts, ["income"], lambda f, r: is_grand_row(f) and f.measure == "total" and _all_funds(f)))
    put("income_current_year", _first(facts, ["summary"], lambda f, r: income(f) and is_year_row(f)
                                       and f.measure == "total" and not closes_side(f, r))
        or _first(facts, ["income"], lambda f, r: is_grand_row(f) and clean(f.leaf) in YEAR_TOTAL_ROWS))
    put("carryover_income", _first(facts, ORDER[:4], lambda f, r: income(f) and _row_term(f) == "carryover"
                                   and f.measure in ("carryover", "total"))
        or _first(facts, ["income"], lambda f, r: is_grand_row(f) and f.measure == "carryover"))

    def fund_income(fund: str) -> Rule:
        def rule(f: Fact, rows: Sequence[Fact]) -> bool:
            if not income(f) or not of_the_year(f) or _under_carryover(f, rows):
                return False
            if f.table == "appropriation_summary" and fund == "appropriation":
                return is_year_row(f)
            if _row_term(f) == fund:
                return True
            return is_grand_row(f) and f.measure == fund
        return rule

    put("appropriation_income", _first(facts, ORDER[:4], fund_income("appropriation")))
    put("general_public_budget_income", _first(facts, ORDER[:4], fund_income("general_public_budget")))
    put("gov_fund_income", _first(facts, ORDER[:4], fund_income("gov_fund_budget")))

    put("expenditure_total", _first(facts, ["summary"], _prefer(
        lambda f, r: spending(f) and f.measure == "total"
        and (_row(f) in GRAND_ROWS or row_total_kind(f.row_label) == "table"),
        lambda f, r: spending(f) and f.measure == "total" and closes_side(f, r)))
        or _first(facts, ["expenditure"], lambda f, r: is_grand_row(f) and f.measure == "total" and _all_funds(f)))
    put("expenditure_current_year", _first(facts, ["summary"], lambda f, r: spending(f) and is_year_row(f)
                                           and f.measure == "total" and not closes_side(f, r)))

    def spent(measure: str, funds: tuple[str, ...] = ("",)) -> Rule:
        def rule(f: Fact, rows: Sequence[Fact]) -> bool:
            return (spending(f) and f.measure == measure and fund_of(f.column) in funds
                    and (_total_row(f, rows) or _row_term(f) == measure))
        return rule

    for name, measure in (("basic_expenditure", "basic"), ("project_expenditure", "project")):
        put(name, _first(facts, ORDER[:6], spent(measure)))
    for name, measure in (("personnel_expenditure", "personnel"), ("public_expenditure", "public")):
        put(name, _first(facts, ORDER[:6], spent(measure)) or _first(
            facts, ORDER[:6], spent(measure, ("general_public_budget",))))

    def gpb_spending(f: Fact, rows: Sequence[Fact]) -> bool:
        if not spending(f):
            return False
        if f.table == "general_public_expenditure":
            return f.measure in ("total", "general_public_budget") and _total_row(f, rows)
        return f.measure == "general_public_budget" and (is_year_row(f) or is_grand_row(f))

    put("general_public_budget_expenditure", _first(
        facts, ORDER[:5], _prefer(lambda f, r: gpb_spending(f, r) and is_year_row(f), gpb_spending)))

    def three_public(measure: str) -> Preferred:
        def rule(f: Fact, rows: Sequence[Fact]) -> bool:
            return f.measure == measure and fund_of(f.column) in ("", "general_public_budget", "appropriation")
        return _prefer(lambda f, r: rule(f, r) and _all_funds(f) and (_total_row(f, r) or _row_term(f) == measure),
                       lambda f, r: rule(f, r) and (_total_row(f, r) or _row_term(f) == measure),
                       rule)

    for name, measure in (("three_public_total", "three_public_total"), ("three_public_abroad", "abroad"),
                          ("three_public_vehicle", "vehicle_total"),
                          ("three_public_vehicle_purchase", "vehicle_purchase"),
                          ("three_public_vehicle_operation", "vehicle_operation"),
                          ("three_public_reception", "reception")):
        put(name, _first(facts, ["three_public"], three_public(measure)))
    put("operating_costs", _first(facts, ["three_public", "operating_costs"], three_public("operating_costs")))
    return out


def _total_columns(rows: Sequence[Fact]) -> list[tuple[str, ...]]:
    """The columns of a coded table that hold each code's whole amount: its 合计 / 总计 columns
    (the first is the table's; one more per panel printed beside it: 人员经费 | 公用经费), or
    its only amount column."""
    columns = list(dict.fromkeys(f.column for f in rows))
    totals = [c for c in columns if c and (term_of(c[-1]) or ("",))[0] == "total"]
    if totals:
        return totals
    return columns[:1] if len(columns) == 1 else []


def by_code(facts: Sequence[Fact], table: str, classification: str) -> list[tuple[str, Fact]]:
    """(code, fact) for each code printed once in the table's total column; where the table
    prints panels side by side (人员经费 | 公用经费, each with its own 决算数 and no 合计 over
    both), a code the first panel does not print is read from the panel that prints it once."""
    rows = [f for f in facts if f.table == table and f.classification == classification]
    columns = _total_columns([f for f in facts if f.table == table])
    out: list[tuple[str, Fact]] = []
    seen: set[str] = set()
    for n, column in enumerate(columns):
        if n and column[:1] == columns[0][:1]:
            continue  # a total within the first column's own group, not another panel
        cells: dict[str, list[Fact]] = defaultdict(list)
        for f in rows:
            if f.column == column and f.row_code not in seen:
                cells[f.row_code].append(f)
        out += [(code, found[0]) for code, found in cells.items() if len(found) == 1]
        seen |= set(cells)
    return out


def facts_to_indicators(facts: Sequence[Fact], fiscal_year: int, document_type: str) -> list[Indicator]:
    """The document's headline figures of its own year and phase, then each code's; for a final
    account, after them, the budget it was executed against (年初预算, 调整预算) for each headline
    figure it reports executed, so that the two stand side by side (the corpus' `execution`)."""
    phase = document_phase(document_type)

    def of(p: str) -> list[Fact]:
        return [f for f in facts if f.amount_year == fiscal_year and f.phase == p and f.measure != "change"
                and not f.table.startswith("other_")]

    own = of(phase)
    executed = headline(own)
    out = [Indicator(name, "", f) for name, f in executed.items()]
    out += [Indicator("functional", code, f) for code, f in by_code(own, "general_public_expenditure", "functional")]
    out += [Indicator("economic", code, f) for code, f in by_code(own, "basic_expenditure_economic", "economic")]
    if phase == "executed":
        for budgeted in EXECUTED_AGAINST:
            out += [Indicator(name, "", f) for name, f in headline(of(budgeted)).items() if name in executed]
    return out


# The phases a final account's figures are executed against, as its tables print them.
EXECUTED_AGAINST = ("approved", "adjusted")

def empty_tables_to_indicators(tables: Mapping[str, Sequence[int]], facts: Sequence[Fact],
                               have: Sequence[Indicator]) -> list[Indicator]:
    """For a table printed empty (its title and header, no amount: 本单位无“三公”经费), the figure
    it states by itself as `empty_table`, on the table's first page; unless a table or the words
    give that figure. `tables`: each report table's key and pages."""
    printed = {f.table for f in facts}
    named = {i.indicator for i in have if not i.code}
    return [Indicator(name, "", Fact(table, "", "", (), Decimal(0), page=min(tables[table], default=0)), empty=True)
            for table, name in EMPTY_TABLE_STATES.items()
            if table in tables and table not in printed and name not in named]


# What a reader looks for first, as the overview, the catalogue and `documents` name it.
TOTALS = {"income": "income_total", "expenditure": "expenditure_total", "basic": "basic_expenditure",
          "project": "project_expenditure"}


def headline_rows(rows: Iterable[Mapping[str, str]], phase: str) -> dict[str, Mapping[str, str]]:
    """The document's headline figures from its `indicators` rows, the one answer every view
    shows (documents.csv, the site's pages, the catalogue): the first row of each headline
    indicator in the document's own phase. 收入总计 is always the printed 总计 (income_total);
    本年收入合计 is income_current_year."""
    out: dict[str, Mapping[str, str]] = {}
    for r in rows:
        name = r.get("indicator", "")
        if name in HEADLINE and not r.get("code") and r.get("phase", phase) == phase and r.get("value_yuan"):
            out.setdefault(name, r)
    return out


def indicators_resource(indicators: Sequence[Indicator]) -> Resource:
    return Resource(
        name="indicators", title="主要指标", fields=list(INDICATOR_FIELDS),
        rows=[i.to_row() for i in indicators],
        description="The headline figures the document prints (totals, 基本支出, 三公经费, each functional and "
                    "economic code), each with the table, row, column and page it is read from. Never computed.")
