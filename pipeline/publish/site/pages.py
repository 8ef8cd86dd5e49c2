"""Each page of the site: what it shows, computed here, rendered by its template in
pipeline/publish/templates (the page's structure lives there)."""

from __future__ import annotations

import re
from dataclasses import replace

from markupsafe import Markup

from ...package.write import LICENSE
from ...vocabulary import LEVEL_TAG, squash
from ..packages import DOC_ID
from .catalogue import catalogue, publisher_id
from .classifications import Code
from .figures import doc_charts, doc_figures
from .findings import RULES, finding_rows
from .glossary import Glossary
from .links import DocLinks, publisher_url
from .load import Doc
from .mkdocs_hooks import SITE_URL_MARK
from .names import SCHEME_NAMES, region_name, type_name
from .publish import CorpusFile
from .publishers import Publisher
from .status import reason_zh
from .templates import render

# A term that is a classification path: '一般公共服务支出（类）财政事务（款）行政运行（项）', '公安（20402科目）'
CODE_PATH = re.compile(f"{LEVEL_TAG.pattern}|\\d{{3,7}}科目")


def read_share(coverage: dict | None) -> str:
    """The share of the printed amounts read, as a reader sees it: rounded down to 0.1%, so that a
    document with one amount unread never says 100.0%; '' for a package without the self-audit."""
    if not coverage or not coverage.get("amounts_printed"):
        return ""
    tenths = coverage["amounts_read"] * 1000 // coverage["amounts_printed"]
    return f"{tenths // 10}.{tenths % 10}%"


def chinese_part(description: str) -> str:
    """A package description as a reader sees it: its Chinese sentences, without the English one
    after them (describe_part writes both: '…报表通常另行公开。 X.pdf holds the explanatory text only')."""
    end = description.rfind("。")
    return description[: end + 1] if end >= 0 else description


def doc_page(doc: Doc, links: DocLinks, glossary: Glossary) -> str:
    figures = doc_figures(doc)
    indicators = doc.rows.get("performance_indicators", [])
    projects = [
        (t, [i for i in indicators if i["project_name"] == t["project_name"] and i["page"] == t["page"]])
        for t in doc.rows.get("performance_targets", [])
    ]
    pid = publisher_id(doc.pkg)
    return render("document.md.j2", doc=doc, pkg=doc.pkg, type_name=type_name(doc.pkg), links=links,
                  figures=figures, charts=doc_charts(doc, figures), findings=finding_rows(doc), projects=projects,
                  glossary=glossary, region=region_name(doc.pkg), read_share=read_share(doc.pkg.get("coverage")),
                  part_note=chinese_part(doc.pkg.get("description", "")),
                  # a table named by its key in a data table (indicators, findings) is shown by its title
                  table_titles={"narrative": "情况说明",
                                **{r["name"]: doc.title_of(r["name"]) for r in doc.pkg["resources"]}},
                  publisher_href=publisher_url(pid, up=1) if pid else None)


def home_page(docs: list[Doc]) -> str:
    rows, facets = catalogue(docs)
    return render("home.md.j2", rows=rows, facets=facets, publisher_count=len({r.publisher_id for r in rows}))


def publisher_page(publisher: Publisher) -> str:
    return render("publisher.md.j2", p=publisher)


def publishers_page(publishers: list[Publisher]) -> str:
    return render("publishers.md.j2", publishers=publishers)


def code_page(code: Code) -> str:
    whole = "一般公共预算支出" if code.scheme == "functional" else "基本支出"
    return render("code.md.j2", c=code, whole=whole)


def codes_page(codes: list[Code]) -> str:
    schemes = [(scheme, name, [c for c in codes if c.scheme == scheme]) for scheme, name in SCHEME_NAMES.items()]
    return render("codes.md.j2", schemes=schemes)


def glossary_page(entries: list[tuple[str, str, Doc]]) -> str:
    """Every document's glossary merged: one heading per term however its brackets and spaces
    are printed, each wording of its definition once with the documents that give it, the
    longest first (the fullest); terms that name a 类/款/项 path apart from the words."""
    terms: dict[str, tuple[str, dict[str, tuple[str, list[Doc]]]]] = {}
    for term, definition, doc in entries:
        shown, wordings = terms.setdefault(squash(term), (term, {}))
        wordings.setdefault(squash(definition), (definition, []))[1].append(doc)
    merged = [(shown, sorted(wordings.values(), key=lambda w: -len(w[0]))) for shown, wordings in terms.values()]
    merged.sort(key=lambda t: t[0])
    words = [t for t in merged if not CODE_PATH.search(t[0])]
    paths = [t for t in merged if CODE_PATH.search(t[0])]
    return render("glossary.md.j2", terms=words, paths=paths)


def about_page(docs: list[Doc], links: dict[str, DocLinks], failed: list[tuple[str, str]]) -> str:
    # the about page sits at the site's root, not one folder down
    sources = [(d, replace(links[d.ident], up=0)) for d in sorted(docs, key=lambda d: d.pkg["title"])]
    return render("about.md.j2", licences=[LICENSE], sources=sources, rules=list(RULES.values()),
                  failed=[(name, reason, reason_zh(reason)) for name, reason in failed])


def downloads_page(corpus_links: list[tuple[str, Markup, str]], corpus_resources: list[CorpusFile],
                   has_sqlite: bool) -> str:
    return render("downloads.md.j2", corpus_links=corpus_links, corpus_resources=corpus_resources,
                  has_sqlite=has_sqlite, mark=Markup(SITE_URL_MARK))


def viewer_page() -> str:
    # the viewer accepts a doc id as the packages define one (packages.DOC_ID), and nothing else
    return render("viewer.md.j2", doc_id=DOC_ID.pattern)
