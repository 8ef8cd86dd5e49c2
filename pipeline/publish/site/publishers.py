"""One page per publisher (`publisher_id`): its documents by year and type, its headline
indicators over the years, and budget beside final account where a year has both.

Every figure is an `indicators` row of one of its documents: printed there, never computed
here (the execution rate 决算/预算 is the one derived figure, labelled as such)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from ..charts import BarChart, grouped_chart
from .catalogue import publisher_id
from .links import DocLinks
from .load import Doc
from .names import INDICATOR_NAMES, LEVEL_NAMES, PART_NAMES, PHASE_NAMES, is_final, region_name, type_name

# Indicators the publisher page compares (the functional/economic ones have pages of their own).
HEADLINE = ["income_total", "expenditure_total", "expenditure_current_year", "basic_expenditure",
            "project_expenditure", "general_public_budget_expenditure", "personnel_expenditure",
            "public_expenditure", "three_public_total", "operating_costs"]
CHARTS = [("收支总额与基本、项目支出",
           ["income_total", "expenditure_total", "basic_expenditure", "project_expenditure"]),
          ("“三公”经费与机关运行经费", ["three_public_total", "operating_costs"])]
PHASE_SERIES = {"approved": 0, "executed": 1, "adjusted": 2}
TEN_THOUSAND = Decimal(10000)
@dataclass(frozen=True)
class Figure:
    """One indicator of one document, in 万元, with where it is printed."""

    wan: Decimal
    shown: str
    href: str | None  # the PDF page, or None when the PDF is not published
    page: int | None
    printed: int | None  # the page number the document prints there


@dataclass(frozen=True)
class Column:
    year: int
    phase: str  # 预算, 决算
    doc: Doc
    links: DocLinks


@dataclass(frozen=True)
class Comparison:
    year: int
    indicator: str
    budget: Figure
    final: Figure
    rate: str  # 决算 ÷ 预算, in percent


@dataclass(frozen=True)
class Listed:
    doc: Doc
    links: DocLinks
    type_name: str
    part: str


@dataclass(frozen=True)
class Publisher:
    ident: str
    name: str
    region: str
    level: str
    years: list[tuple[int, list[Listed]]]  # newest first
    columns: list[Column]  # oldest first
    rows: list[tuple[str, list[Figure | None]]]  # indicator name, one figure per column
    comparisons: list[Comparison]
    charts: list[BarChart]


def _figures(doc: Doc, links: DocLinks) -> dict[str, Figure]:
    """The document's headline indicators of its own year and stage, first row of each."""
    out: dict[str, Figure] = {}
    for r in doc.rows.get("indicators", []):
        name = r.get("indicator", "")
        if name not in HEADLINE or name in out or r.get("code"):
            continue
        try:
            wan = Decimal(r["value_yuan"]) / TEN_THOUSAND
        except (KeyError, ArithmeticError):
            continue
        page = int(r["page"]) if str(r.get("page", "")).isdigit() else None
        out[name] = Figure(wan, f"{wan:,.2f}", links.page(page) if page else None, page,
                           links.printed(page) if page else None)
    return out


def _publisher(ident: str, docs: list[Doc], links: dict[str, DocLinks]) -> Publisher:
    docs = sorted(docs, key=lambda d: (d.pkg["fiscal_year"], is_final(d.pkg), d.ident))
    latest = docs[-1].pkg
    by_year: dict[int, list[Listed]] = defaultdict(list)
    for d in docs:
        by_year[d.pkg["fiscal_year"]].append(Listed(d, links[d.ident], type_name(d.pkg),
                                                    PART_NAMES.get(d.pkg.get("disclosure_part", ""), "")))
    columns, found = [], []
    for d in docs:
        figures = _figures(d, links[d.ident])
        if figures:
            phase = "executed" if is_final(d.pkg) else "approved"
            columns.append(Column(d.pkg["fiscal_year"], PHASE_NAMES[phase], d, links[d.ident]))
            found.append((phase, figures))
    rows = [(INDICATOR_NAMES[name], [f.get(name) for _, f in found]) for name in HEADLINE
            if any(name in f for _, f in found)]
    return Publisher(ident, latest.get("publisher_name") or latest["publisher"], region_name(latest),
                     LEVEL_NAMES.get(latest.get("division_level") or "", ""),
                     sorted(by_year.items(), reverse=True), columns, rows,
                     _comparisons(columns, found), _charts(columns, found))


def _comparisons(columns: list[Column], found: list[tuple[str, dict[str, Figure]]]) -> list[Comparison]:
    """Budget beside final account, for each year and indicator both print."""
    out = []
    for year in sorted({c.year for c in columns}):
        budget = next((f for c, (p, f) in zip(columns, found, strict=True) if c.year == year and p == "approved"), {})
        final = next((f for c, (p, f) in zip(columns, found, strict=True) if c.year == year and p == "executed"), {})
        for name in HEADLINE:
            if name in budget and name in final and budget[name].wan > 0:
                rate = f"{final[name].wan / budget[name].wan * 100:.1f}%"
                out.append(Comparison(year, INDICATOR_NAMES[name], budget[name], final[name], rate))
    return out


def _charts(columns: list[Column], found: list[tuple[str, dict[str, Figure]]]) -> list[BarChart]:
    legend = [PHASE_NAMES[p] for p in PHASE_SERIES]
    charts = []
    for title, names in CHARTS:
        groups = [(INDICATOR_NAMES[name],
                   [(f"{c.year}年{c.phase}", PHASE_SERIES[p], f[name].wan)
                    for c, (p, f) in zip(columns, found, strict=True) if name in f])
                  for name in names]
        chart = grouped_chart(title, [g for g in groups if g[1]], legend, "万元")
        if chart is not None:
            charts.append(chart)
    return charts


def publishers(docs: list[Doc], links: dict[str, DocLinks]) -> list[Publisher]:
    """Every publisher with a publisher_id, and its documents."""
    grouped: dict[str, list[Doc]] = defaultdict(list)
    for d in docs:
        if pid := publisher_id(d.pkg):
            grouped[pid].append(d)
    return [_publisher(pid, ds, links) for pid, ds in sorted(grouped.items())]
