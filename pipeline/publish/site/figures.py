"""What the overview, the catalogue and the charts show, computed from a package's facts.

Totals are the shared headline totals (pipeline.tables.totals): only figures the document prints,
never a sum made here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ...amounts import to_yuan
from ...model import Fact
from ...tables.totals import headline_totals, is_whole_table_total
from ..charts import BarChart, parts_chart
from .findings import CheckSummary, check_summary
from .load import Doc

# The column a chart shows: the first whose lowest header level names a total or the amount.
CHART_COLUMN = re.compile(r"合计|总计|小计|金额|预算数")


@dataclass(frozen=True)
class Figures:
    totals: dict[str, Fact]  # income, expenditure, basic, project: those the document prints
    checks: CheckSummary


def doc_figures(doc: Doc) -> Figures:
    return Figures(totals=headline_totals(doc.facts), checks=check_summary(doc))


@dataclass(frozen=True)
class CatalogueAmount:
    sort: str  # in 元, so that documents in different units sort together
    shown: str  # in 万元, as the column header says


def catalogue_amount(fact: Fact | None) -> CatalogueAmount:
    if fact is None:
        return CatalogueAmount("", "—")
    return CatalogueAmount(to_yuan(fact.amount, fact.factor), f"{fact.amount_yuan / 10000:,.2f}")


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
