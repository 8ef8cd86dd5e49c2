"""The per-document chain, in one readable place: PDF → pages → tables → resources → package."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from .checks import Context, Fact, run_checks
from .ids import doc_id
from .normalize import FACT_FIELDS, Resource, facts_resource, findings_resource, table_to_resource
from .package import LICENSE, write_package
from .pdf import InputError, pdf_to_pages
from .tables import pages_to_tables, table_to_layout
from .text import pages_to_glossary, pages_to_metadata
from .textdata import pages_to_text_resources
from .vocabulary import load_vocabulary, squash

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


def glossary_resource(items: list[tuple[str, str, int]]) -> Resource:
    return Resource(
        name="glossary",
        title="名词解释",
        fields=[
            {"name": "term", "type": "string", "title": "名词", "description": "The term as printed"},
            {"name": "definition", "type": "string", "title": "解释", "description": "Its explanation as printed"},
            {"name": "page", "type": "integer", "title": "页码", "description": "PDF page of the term"},
        ],
        rows=[[t, d, str(p)] for t, d, p in items],
        description="The document's own glossary (名词解释).",
        primary_key=["term"] if len({t for t, _, _ in items}) == len(items) else [],
    )


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


def facts_to_checkable(facts: list[list[str]], parents: dict[tuple[str, int], tuple[int, int]]) -> list[Fact]:
    out = []
    for f in facts:
        level, parent = parents.get((f[0], int(f[8])), (None, None))
        out.append(Fact(table=f[0], row_code=f[1], row_label=f[2], column=f[3], amount=Decimal(f[4]),
                        page=int(f[7]), row_number=int(f[8]), level=level, parent_row=parent))
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

    resources: list[Resource] = []
    facts: list[list[str]] = []
    keys = assign_keys(raw_tables)
    table_facts_count: dict[str, int] = {}
    used = set(keys)
    others = [k for k in keys if k.startswith("other_")]
    for t, key in zip(raw_tables, keys, strict=True):
        t.key = key
        resource, table_facts = table_to_resource(t, table_to_layout(t, vocab), vocab)
        resources.append(resource)
        facts.extend(table_facts)
        table_facts_count[key] = len(table_facts)
    resources.append(facts_resource(facts))
    glossary = pages_to_glossary(pages)
    parents = {(r.name, n): v for r in resources for n, v in r.parents.items()}
    context = Context(document_type=meta.document_type, glossary={t: d for t, d, _ in glossary})
    outcomes = run_checks(facts_to_checkable(facts, parents), context)
    fact_dicts = [dict(zip([n for n, *_ in FACT_FIELDS], f, strict=True)) for f in facts]
    text_resources, text_outcomes = pages_to_text_resources(pages, meta.publisher, fact_dicts)
    outcomes += text_outcomes
    findings = [o.finding for o in outcomes if o.finding is not None]
    resources.append(findings_resource(findings))
    resources.append(glossary_resource(glossary))
    resources += text_resources

    ident = doc_id(pdf_path)
    found = [k for k in STANDARD_KEYS if k in used]
    if found or any(table_facts_count.values()):
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
