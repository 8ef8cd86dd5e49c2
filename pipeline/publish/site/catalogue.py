"""The home page's catalogue: one row per document, with the values its facets filter on
(year, document type, region) and the figures it sorts on."""

from __future__ import annotations

from dataclasses import dataclass

from .figures import CatalogueAmount, catalogue_amount, doc_figures
from .findings import CheckSummary
from .load import DOC_ID, Doc
from .names import LEVEL_NAMES, region_name, type_name


@dataclass(frozen=True)
class CatalogueRow:
    doc: Doc
    type_name: str
    region: str  # province, 中央, or 未确定
    level: str  # 中央, 省级, 市级, 区县级 or ''
    publisher_id: str  # '' when the package has none fit for a URL
    checks: CheckSummary
    income: CatalogueAmount
    expenditure: CatalogueAmount


@dataclass(frozen=True)
class Facets:
    years: list[str]
    types: list[str]
    regions: list[str]


def publisher_id(pkg: dict) -> str:
    pid = str(pkg.get("publisher_id") or "")
    return pid if DOC_ID.fullmatch(pid) else ""


def catalogue(docs: list[Doc]) -> tuple[list[CatalogueRow], Facets]:
    rows = []
    for d in docs:
        figures = doc_figures(d)
        rows.append(CatalogueRow(
            d, type_name(d.pkg), region_name(d.pkg) or "未确定", LEVEL_NAMES.get(d.pkg.get("division_level") or "", ""),
            publisher_id(d.pkg), figures.checks, catalogue_amount(figures.totals.get("income")),
            catalogue_amount(figures.totals.get("expenditure"))))
    facets = Facets(
        years=sorted({str(r.doc.pkg["fiscal_year"]) for r in rows}, reverse=True),
        types=sorted({r.type_name for r in rows}),
        regions=sorted({r.region for r in rows}, key=lambda x: (x in ("中央", "未确定"), x)),
    )
    return rows, facets
