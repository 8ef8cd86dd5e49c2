"""The per-document chain, in one readable place: PDF → pages → tables → resources → package."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .checks import Context, run_checks
from .comparable import facts_to_comparable
from .ids import doc_id
from .indicators import facts_to_indicators, indicators_resource
from .model import Fact, Page, Resource
from .normalize import facts_resource, findings_resource, table_to_resource
from .package import LICENSE, write_package
from .pdf import InputError, pdf_to_pages
from .tables import RawTable, pages_to_tables, table_to_layout
from .text import pages_to_metadata
from .textdata import pages_to_text, text_to_resources
from .vocabulary import Vocabulary, load_vocabulary, squash

STANDARD_KEYS = [
    "summary", "income", "expenditure", "appropriation_summary", "general_public_expenditure",
    "basic_expenditure_economic", "gov_fund_income", "gov_fund_expenditure", "state_capital",
    "three_public", "operating_costs", "project_expenditure", "project_expenditure_carryover",
]


@dataclass
class BuildResult:
    doc_id: str
    path: Path
    tables: list[str]
    other_tables: list[str]
    facts: int
    consistency: dict


def assign_keys(tables: list) -> list[str]:
    """Each standard key once, to its best-ranked table (first in the document among equals);
    every other table is other_<n> in document order."""
    best: dict[str, int] = {}
    for i, t in enumerate(tables):
        if t.key != "other" and (t.key not in best or t.rank < tables[best[t.key]].rank):
            best[t.key] = i
    winners = {i: k for k, i in best.items()}
    keys, n = [], 0
    for i in range(len(tables)):
        if i in winners:
            keys.append(winners[i])
        else:
            n += 1
            keys.append(f"other_{n}")
    return keys


def tables_to_resources(tables: list[RawTable], vocab: Vocabulary) -> tuple[list[Resource], list[Fact]]:
    """Each table's resource under its key, and all their facts in document order."""
    resources: list[Resource] = []
    facts: list[Fact] = []
    for t, key in zip(tables, assign_keys(tables), strict=True):
        t.key = key
        resource, table_facts = table_to_resource(t, table_to_layout(t, vocab), vocab)
        resources.append(resource)
        facts.extend(table_facts)
    return resources, facts


def text_source(pages: list[Page]) -> dict:
    """How the document's text was read: `text` (its text layer), `ocr` (recognised in page
    images) or `mixed` (page by page), and for OCR the mean confidence of its pages' reading."""
    sources = {p.text_source for p in pages}
    out: dict = {"text_source": sources.pop() if len(sources) == 1 else "mixed"}
    read = [p.confidence for p in pages if p.text_source == "ocr" and p.confidence is not None]
    if read:
        out["ocr_confidence"] = round(sum(read) / len(read), 3)
    return out


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with Path(path).open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def build_document(pdf_path: Path, out_dir: Path) -> BuildResult:
    """Package one PDF into out_dir/<doc-id>/; bad input raises InputError and writes nothing."""
    pdf_path = Path(pdf_path)
    vocab = load_vocabulary()
    pages = pdf_to_pages(pdf_path)
    raw_tables = [t for t in pages_to_tables(pages, vocab) if t.grids]
    meta, meta_source = pages_to_metadata(pages, pdf_path.name)
    full_text = squash("".join(p.text for p in pages))
    if meta is None:
        if not raw_tables and "预算" not in full_text and "决算" not in full_text:
            raise InputError("not a budget disclosure: no 预算/决算 wording and no report tables")
        raise InputError("no publisher/year/document type found in the text (expected e.g. 'XX局2026年部门预算')")

    resources, facts = tables_to_resources(raw_tables, vocab)
    facts = facts_to_comparable(facts, meta.fiscal_year, meta.document_type)
    used = {r.name for r in resources}
    others = [r.name for r in resources if r.name.startswith("other_")]
    text = pages_to_text(pages, meta.publisher)
    context = Context(
        facts=tuple(facts), document_type=meta.document_type, publisher=meta.publisher,
        tables={r.name: r for r in resources}, glossary={t: d for t, d, _ in text.glossary},
        figures=tuple(text.figures), forms=tuple(text.forms), departments=tuple(text.departments),
        stated_departments=text.stated_departments,
    )
    outcomes = run_checks(context)
    findings = [o.finding for o in outcomes if o.finding is not None]
    indicators = facts_to_indicators(facts, meta.fiscal_year, meta.document_type)
    resources += [facts_resource(facts), findings_resource(findings)]
    if resources[:-2]:  # a part without report tables has no headline figures to list
        resources.append(indicators_resource(indicators))
    resources += text_to_resources(text, facts)

    ident = doc_id(pdf_path)
    found = [k for k in STANDARD_KEYS if k in used]
    if found or facts:
        part = "complete"
        description = (
            f"{meta.title}：{len(found)} 张标准报表、{len(facts)} 个金额，由 PDF 原文自动提取。"
            f" Extracted from {pdf_path.name}: {len(found)} standard report tables, {len(facts)} amounts."
        )
    else:
        part = "explanation_only"
        description = (
            f"{meta.title}（情况说明部分）：本文件不含预算报表，只有文字部分；报表通常另行公开。"
            f" {pdf_path.name} holds the explanatory text only (情况说明), no report tables."
        )
    descriptor = {
        "name": ident,
        "title": meta.title,
        "description": description,
        "licenses": [LICENSE],
        "sources": [{"title": pdf_path.name, "path": pdf_path.name, "sha256": sha256_of(pdf_path)}],
        "publisher": meta.publisher,
        "fiscal_year": meta.fiscal_year,
        "document_type": meta.document_type,
        "currency": "CNY",
        "pages": len(pages),
        **text_source(pages),
        "disclosure_part": part,
        "metadata_source": meta_source,
        "consistency": {
            "checks": len(outcomes),
            "passed": sum(o.passed for o in outcomes),
            "errors": sum(f.severity == "error" for f in findings),
            "warnings": sum(f.severity == "warning" for f in findings),
        },
    }
    path = write_package(descriptor, resources, out_dir)
    return BuildResult(ident, path, found, others, len(facts), descriptor["consistency"])
