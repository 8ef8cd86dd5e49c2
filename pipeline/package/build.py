"""The per-document chain, in one readable place: PDF → pages → tables → resources → package."""

from __future__ import annotations

import dataclasses
import hashlib
import time
from dataclasses import dataclass
from pathlib import Path

from ..checks import Context, run_checks
from ..model import Fact, Page, Resource, UnreadableCell
from ..read.limits import enter
from ..read.page_labels import pages_to_labels
from ..read.pdf import InputError, pdf_to_pages
from ..read.pdfmeta import created_property
from ..read.textquality import garbled_outcomes, garbled_property
from ..tables.comparable import facts_to_comparable, facts_to_repeats
from ..tables.identify import CONTENT_RANK, Identification, identify_table
from ..tables.indicators import empty_tables_to_indicators, facts_to_indicators, indicators_resource
from ..tables.locate import PERFORMANCE_LIST, Layout, RawTable, pages_to_tables, table_to_layout
from ..tables.normalize import facts_resource, findings_resource, prints_amounts, table_to_resource
from ..tables.performance_lists import table_to_forms
from ..text.coverage import pages_to_printed, printed_to_coverage
from ..text.figures import figures_to_indicators
from ..text.metadata import Metadata, pages_to_metadata
from ..text.resources import TextParts, pages_to_text, text_to_resources
from ..vocabulary import Vocabulary, load_vocabulary, squash
from .boxes import findings_to_boxes
from .identity import document_id, document_scope, identify
from .write import LICENSE, write_package

STANDARD_KEYS = [
    "summary", "income", "expenditure", "appropriation_summary", "general_public_expenditure",
    "basic_expenditure_economic", "gov_fund_income", "gov_fund_expenditure", "state_capital",
    "three_public", "operating_costs", "project_expenditure", "project_expenditure_carryover",
    "appropriation_expenditure", "appropriation_basic_economic", "general_public_expenditure_economic",
    "basic_expenditure_functional", "project_expenditure_economic", "basic_expenditure", "procurement",
    "carryover_expenditure", "meeting_training",
]


@dataclass
class BuildResult:
    doc_id: str
    path: Path
    tables: list[str]
    other_tables: list[str]
    facts: int
    consistency: dict
    pages: int = 0
    seconds: dict[str, float] = dataclasses.field(default_factory=dict)  # each stage's wall time (scripts/bench.py)
    unread: list = dataclasses.field(default_factory=list)  # (page, amount as printed, box) the package lacks


class Stopwatch:
    """Each stage's wall-clock seconds, for the benchmark's per-document report."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str, then: str = "") -> None:
        """`stage` is done; `then` begins (a CPU-time stop names it: read/limits.py)."""
        now = time.perf_counter()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - self._last
        self._last = now
        enter(then)


def assign_keys(tables: list, filled: list[bool] | None = None) -> list[str]:
    """Each standard key once, to its best-ranked table; among equal ranks a table that prints
    amounts goes before one that prints none (a table of contents that lists the report tables
    by title is no report table), then the first in the document; a table that loses its key
    takes its rule's fallback key if that is free; every other table is other_<n> in document
    order."""
    filled = filled if filled is not None else [True] * len(tables)

    def order(i: int) -> tuple[int, bool]:
        return tables[i].rank, not filled[i]

    best: dict[str, int] = {}
    for i, t in enumerate(tables):
        if t.key != "other" and (t.key not in best or order(i) < order(best[t.key])):
            best[t.key] = i
    for i, t in enumerate(tables):
        if t.fallback and best.get(t.key) != i and t.fallback not in best:
            best[t.fallback] = i
    winners = {i: k for k, i in best.items()}
    keys, n = [], 0
    for i in range(len(tables)):
        if i in winners:
            keys.append(winners[i])
        else:
            n += 1
            keys.append(f"other_{n}")
    return keys


def tables_to_resources(tables: list[RawTable], layouts: list[Layout], found: list[Identification],
                        vocab: Vocabulary, meta: Metadata) -> tuple[list[Resource], list[Fact], list[UnreadableCell]]:
    """Each table's resource under its key (saying how the table was identified), all their facts
    in document order, and the amount cells that do not read."""
    resources: list[Resource] = []
    facts: list[Fact] = []
    unreadable: list[UnreadableCell] = []
    keys = assign_keys(tables, [prints_amounts(layout.rows, layout.columns) for layout in layouts])
    for t, layout, how, key in zip(tables, layouts, found, keys, strict=True):
        t.key = key
        resource, table_facts, bad_cells = table_to_resource(t, layout, vocab, meta.fiscal_year, meta.document_type)
        unreadable.extend(bad_cells)
        resource.extra["identified_by"] = how.by
        if how.content_suggests:
            resource.extra["content_suggests"] = how.content_suggests
        resources.append(resource)
        facts.extend(table_facts)
    return resources, facts, unreadable


def lists_to_resources(lists: list[tuple[RawTable, Layout]], vocab: Vocabulary, meta: Metadata) -> list[Resource]:
    """Each 绩效目标 list as printed (performance_list, performance_list_2, …): its targets are
    `performance_targets`, and its own rows (合计, each unit's subtotal, each project's funds)
    stay readable beside them. Its cells are no facts: the amounts are the targets' funds."""
    out = []
    for n, (t, layout) in enumerate(lists, 1):
        t.key = PERFORMANCE_LIST if n == 1 else f"{PERFORMANCE_LIST}_{n}"
        resource, _, _ = table_to_resource(t, layout, vocab, meta.fiscal_year, meta.document_type)
        resource.extra["identified_by"] = "title"
        out.append(resource)
    return out


def identify_tables(tables: list[RawTable], vocab: Vocabulary) -> tuple[list[Layout], list[Identification]]:
    """Each table's layout and identification; a table known only by its content takes that key
    (yielding to any table whose title names it)."""
    layouts = [table_to_layout(t, vocab) for t in tables]
    found = [identify_table(t, layout) for t, layout in zip(tables, layouts, strict=True)]
    for t, how in zip(tables, found, strict=True):
        if how.by == "content":
            t.key, t.rank = how.key, CONTENT_RANK
    return layouts, found


def describe_part(title: str, file_name: str, found: list[str], facts: list[Fact], targets: list,
                  text: TextParts) -> tuple[str, str]:
    """Which part of a disclosure this file is, and the package description saying so. Parts are
    published separately by some publishers (江苏 2019: 情况说明 and 公开表格 as two files)."""
    if found or facts:
        if not text.figures and not text.glossary and not text.duties:
            return "tables_only", (
                f"{title}（报表部分）：{len(found)} 张标准报表、{len(facts)} 个金额；"
                "本文件没有情况说明，文字部分通常另行公开。"
                f" {file_name} holds the report tables only: {len(found)} standard tables, {len(facts)} amounts.")
        return "complete", (
            f"{title}：{len(found)} 张标准报表、{len(facts)} 个金额，由 PDF 原文自动提取。"
            f" Extracted from {file_name}: {len(found)} standard report tables, {len(facts)} amounts.")
    if targets:
        return "performance_targets_only", (
            f"{title}（绩效目标部分）：本文件不含预算报表，只有 {len(targets)} 个项目的绩效目标。"
            f" {file_name} holds 绩效目标 only ({len(targets)} targets), no report tables.")
    return "explanation_only", (
        f"{title}（情况说明部分）：本文件不含预算报表，只有文字部分；报表通常另行公开。"
        f" {file_name} holds the explanatory text only (情况说明), no report tables.")


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
    watch = Stopwatch()
    enter("read")
    pages = pdf_to_pages(pdf_path)
    watch.lap("read", then="tables")
    found_tables = [t for t in pages_to_tables(pages, vocab) if t.grids]
    layouts, found = identify_tables(found_tables, vocab)
    listed_targets = []
    for t, layout in zip(found_tables, layouts, strict=True):
        if t.key == PERFORMANCE_LIST:
            forms = table_to_forms(t, layout)
            listed_targets += forms
            if not forms:  # a 绩效 table that lists no targets (评价得分): kept as a table, not lost
                t.key, t.rank = "other", 9
    report = [i for i, t in enumerate(found_tables) if t.key != PERFORMANCE_LIST]
    raw_tables = [found_tables[i] for i in report]
    meta, meta_source = pages_to_metadata(pages, pdf_path.name, [t.title for t in found_tables],
                                          [x for t in found_tables for x in t.labels])
    full_text = squash("".join(p.text for p in pages))
    if meta is None:
        if not raw_tables and "预算" not in full_text and "决算" not in full_text:
            raise InputError("not a budget disclosure: no 预算/决算 wording and no report tables")
        raise InputError("no publisher/year/document type found in the text (expected e.g. 'XX局2026年部门预算')")

    resources, facts, unreadable = tables_to_resources(
        raw_tables, [layouts[i] for i in report], [found[i] for i in report], vocab, meta)
    resources += lists_to_resources([(t, layouts[i]) for i, t in enumerate(found_tables) if t.key == PERFORMANCE_LIST],
                                    vocab, meta)
    facts = facts_to_repeats(facts_to_comparable(facts, meta.fiscal_year, meta.document_type))
    used = {r.name for r in resources}
    others = [r.name for r in resources if r.name.startswith("other_")]
    watch.lap("tables", then="text")
    text = pages_to_text(pages, meta.publisher)
    text = dataclasses.replace(text, forms=[*text.forms, *listed_targets])
    watch.lap("text", then="checks")
    coverage = printed_to_coverage(pages_to_printed(pages), facts, text.figures, text.forms, resources)
    context = Context(
        facts=tuple(facts), document_type=meta.document_type, publisher=meta.publisher,
        tables={r.name: r for r in resources}, glossary={t: d for t, d, _ in text.glossary},
        figures=tuple(text.figures), forms=tuple(text.forms), departments=tuple(text.departments),
        stated_departments=text.stated_departments, unreadable=tuple(unreadable),
        fiscal_year=meta.fiscal_year, sentences=tuple(text.sentences), coverage=coverage,
    )
    outcomes = run_checks(context) + garbled_outcomes(pages)  # glyphs that map to no character
    findings = findings_to_boxes([o.finding for o in outcomes if o.finding is not None], facts, unreadable, pages)
    watch.lap("checks", then="indicators")
    indicators = facts_to_indicators(facts, meta.fiscal_year, meta.document_type)
    indicators += figures_to_indicators(text.sentences, meta.fiscal_year, meta.publisher, meta.document_type,
                                        indicators)  # what only the words state
    indicators += empty_tables_to_indicators({r.name: r.extra.get("pages", []) for r in resources}, facts,
                                             indicators)  # what a table printed empty says
    watch.lap("indicators", then="package")
    resources += [facts_resource(facts), findings_resource(findings)]
    if resources[:-2] or indicators:  # a part with no tables and no stated figure has none to list
        resources.append(indicators_resource(indicators))
    resources += text_to_resources(text, facts)

    found = [k for k in STANDARD_KEYS if k in used]
    part, description = describe_part(meta.title, pdf_path.name, found, facts, listed_targets, text)
    sha256 = sha256_of(pdf_path)
    who = identify(meta.publisher, meta.fiscal_year, full_text)
    ident = document_id(who, meta.fiscal_year, meta.document_type, part, sha256)
    descriptor = {
        "name": ident,
        "title": meta.title,
        **created_property(pdf_path),  # the PDF's own date: rebuilds stay byte-identical
        "description": description,
        "licenses": [LICENSE],
        "sources": [{"title": pdf_path.name, "path": pdf_path.name, "sha256": sha256}],
        "publisher": meta.publisher,
        "publisher_name": who.publisher_name,
        "division_code": who.division_code,
        "division_level": who.division_level,
        "division_source": who.division_source,
        "publisher_id": who.publisher_id,
        "fiscal_year": meta.fiscal_year,
        "document_type": meta.document_type,
        "scope": document_scope(meta.document_type, meta.title),
        "currency": "CNY",
        "pages": len(pages),
        **text_source(pages),
        "page_labels": pages_to_labels(pages),  # PDF page → the number printed on it
        # PDF page → where what a viewer shows of it starts (model.Page.origin), where not at (0, 0)
        "page_origins": {str(p.number): [round(v, 2) for v in p.origin] for p in pages if any(p.origin)},
        "disclosure_part": part,
        "metadata_source": meta_source,
        **garbled_property(pages),
        "coverage": coverage.property(),  # the self-audit: amounts printed and read
        "consistency": {
            "checks": sum(o.decided for o in outcomes),
            "passed": sum(o.passed for o in outcomes),
            "undecided": sum(not o.decided for o in outcomes),  # not checked: the figures cannot tell
            "errors": sum(f.severity == "error" for f in findings),
            "warnings": sum(f.severity == "warning" for f in findings),
        },
    }
    watch.lap("package", then="write")
    path = write_package(descriptor, resources, out_dir)
    watch.lap("write")
    return BuildResult(ident, path, found, others, len(facts), descriptor["consistency"], len(pages), watch.seconds,
                       coverage.missing_boxes)
