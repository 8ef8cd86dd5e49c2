"""What the overview, the catalogue and the charts show, computed from a package's facts.

Totals are the document's headline indicators (tables/indicators.py headline_rows): the one
answer every view shows, only figures the document prints, never a sum made here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ...model import Fact
from ...tables.comparable import document_phase
from ...tables.indicators import TOTALS, headline_rows
from ...tables.totals import is_whole_table_total
from ..charts import BarChart, parts_chart
from .findings import CheckSummary, check_summary
from .load import Doc

# The column a chart shows: the first whose lowest header level names a total or the amount.
CHART_COLUMN = re.compile(r"合计|总计|小计|金额|预算数")


# A whole the words state without saying which (收入总计 or 本年收入合计?): shown as worded.
STATED_WHOLE = re.compile(r"^(?:本年度?)?(?:(?:单位|部门)?(?:预算|决算)(?P<a>收入|支出)|(?P<b>收入|支出)(?:预算|决算))"
                          r"(?:总额|总计)?$")
SIDES = {"收入": "income", "支出": "expenditure"}


@dataclass(frozen=True)
class Figures:
    totals: dict[str, Fact]  # income, expenditure, basic, project: those the document prints
    checks: CheckSummary
    stated: tuple[Fact, ...] = ()  # 收入预算 / 支出预算 the words state where no total is known

def _headline_rows(doc: Doc) -> dict[str, dict]:
    return headline_rows(doc.rows.get("indicators", []), document_phase(str(doc.pkg.get("document_type", ""))))


def headline_values(doc: Doc) -> dict[str, Decimal]:
    """income, expenditure, basic, project in 元: the document's headline indicators, those it prints."""
    found = _headline_rows(doc)
    return {key: Decimal(found[name]["value_yuan"]) for key, name in TOTALS.items() if name in found}


def headline_facts(doc: Doc) -> dict[str, Fact]:
    """income, expenditure, basic, project: the printed cell each headline indicator is read from
    (shown in the table's unit, linked to its page), or for a figure only the words state, that
    figure in 万元 on the sentence's page."""
    found = _headline_rows(doc)
    out = {}
    for key, name in TOTALS.items():
        row = found.get(name)
        if row is None:
            continue
        value, page = Decimal(row["value_yuan"]), int(row.get("page") or 0)
        # the raw rows of that table, row and page first: only those become facts (the catalogue
        # asks this of every document, and most of a document's facts are elsewhere)
        candidates = (Fact.from_row(r) for r in doc.rows.get("facts", [])
                      if (r["table"], r["row_label"], r.get("page", "")) == (row["table"], row["row_label"], str(page)))
        cell = next((f for f in candidates if f.column_text == row["column"] and f.amount_yuan == value), None)
        out[key] = cell or Fact(row["table"], "", row["row_label"], (), value / 10000, "万元", 10000, page)
    return out


def stated_wholes(doc: Doc, totals: dict[str, Fact]) -> tuple[Fact, ...]:
    """The first '收入预算 X万元' / '支出预算 X万元' of the 情况说明 for a side no headline figure
    gives, under the words the document uses (the indicators leave such words out: they may mean
    the total or this year's part)."""
    out: dict[str, Fact] = {}
    for r in doc.rows.get("narrative_figures", []):
        m = STATED_WHOLE.match(r.get("subject", ""))
        side = SIDES[m.group("a") or m.group("b")] if m else ""
        if m and side not in totals and side not in out and r.get("unit") in ("元", "万元"):
            out[side] = Fact("narrative", "", r["subject"], (), Decimal(r["figure"]), r["unit"],
                             10000 if r["unit"] == "万元" else 1, int(r.get("page") or 0))
    return tuple(out.values())


def doc_figures(doc: Doc) -> Figures:
    totals = headline_facts(doc)
    return Figures(totals=totals, checks=check_summary(doc), stated=stated_wholes(doc, totals))


@dataclass(frozen=True)
class CatalogueAmount:
    sort: str  # in 元, so that documents in different units sort together
    shown: str  # in 万元, as the column header says


def catalogue_amount(yuan: Decimal | None) -> CatalogueAmount:
    if yuan is None:
        return CatalogueAmount("", "—")
    return CatalogueAmount(format(yuan, "f"), f"{yuan / 10000:,.2f}")


def _level1(doc: Doc, table: str) -> tuple[list[tuple[str, Decimal]], str]:
    """Top-level (类) rows of a table and their amount in its total column."""
    facts = [f for f in doc.facts if f.table == table]
    res = doc.resource(table)
    if not facts or res is None:
        return [], ""
    levels = {r.get("row_number", ""): r.get("level", "") for r in doc.rows.get(table, [])}
    column = next((f.column for f in facts if CHART_COLUMN.search(f.leaf)), facts[0].column)
    items = []
    for f in facts:
        if f.column != column or is_whole_table_total(f.row_label):
            continue
        level = levels.get(str(f.row_number), "")
        if (f.row_code and len(f.row_code) == 3) or (not f.row_code and level == "1"):
            items.append((f.row_label, f.amount))
    return items, res.get("unit", "")


def doc_charts(doc: Doc, figures: Figures) -> list[BarChart]:
    """The document's charts. Where all spending is general public budget, 一般公共预算支出 and
    支出 break down into the same 类 with the same amounts: a chart equal to one already shown
    is left out."""
    charts: list[BarChart | None] = []
    basic, project = figures.totals.get("basic"), figures.totals.get("project")
    if basic and project:
        charts.append(parts_chart("基本支出与项目支出", [("基本支出", basic.amount), ("项目支出", project.amount)],
                                  basic.unit))
    for table, title in (("expenditure", "支出按功能分类（类）"),
                         ("general_public_expenditure", "一般公共预算支出按功能分类（类）"),
                         ("basic_expenditure_economic", "基本支出按经济分类（类）")):
        items, unit = _level1(doc, table)
        charts.append(parts_chart(title, items, unit))
    shown: list[BarChart] = []
    for chart in charts:
        if chart is not None and not any((c.unit, c.groups) == (chart.unit, chart.groups) for c in shown):
            shown.append(chart)
    return shown
