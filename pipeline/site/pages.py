"""Each page of the site: what it shows, computed here, rendered by its template in
pipeline/templates (the page's structure lives there)."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..text import TYPE_NAMES
from .figures import CatalogueAmount, Figures, catalogue_amount, doc_charts, doc_figures
from .glossary import Glossary
from .links import DocLinks
from .load import Doc
from .templates import render


def _type_name(pkg: dict) -> str:
    return TYPE_NAMES.get(pkg["document_type"], pkg["document_type"])


def doc_page(doc: Doc, has_pdf: bool, glossary: Glossary) -> str:
    figures = doc_figures(doc)
    indicators = doc.rows.get("performance_indicators", [])
    projects = [
        (t, [i for i in indicators if i["project_name"] == t["project_name"] and i["page"] == t["page"]])
        for t in doc.rows.get("performance_targets", [])
    ]
    return render("document.md.j2", doc=doc, pkg=doc.pkg, type_name=_type_name(doc.pkg),
                  links=DocLinks(doc.ident, has_pdf), figures=figures, charts=doc_charts(doc, figures),
                  projects=projects, glossary=glossary)


@dataclass(frozen=True)
class CatalogueRow:
    doc: Doc
    type_name: str
    figures: Figures
    income: CatalogueAmount
    expenditure: CatalogueAmount


def home_page(docs: list[Doc], corpus_links: list[tuple[str, Markup]]) -> str:
    rows = []
    for d in docs:
        figures = doc_figures(d)
        rows.append(CatalogueRow(d, _type_name(d.pkg), figures, catalogue_amount(figures.totals.get("income")),
                                 catalogue_amount(figures.totals.get("expenditure"))))
    return render("home.md.j2", rows=rows, corpus_links=corpus_links)


def glossary_page(entries: list[tuple[str, str, Doc]]) -> str:
    by_term: dict[str, dict[str, list[Doc]]] = {}
    for term, definition, doc in entries:
        by_term.setdefault(term, {}).setdefault(definition, []).append(doc)
    terms = [(term, list(by_term[term].items())) for term in sorted(by_term)]
    return render("glossary.md.j2", terms=terms)


def about_page() -> str:
    return render("about.md.j2")
