"""One package for the whole corpus, built from the document packages.

`documents` (one row per document); `facts` (every document's facts with doc_id, a fact_id and
fiscal metadata); every per-document resource named in GATHERED, each row with its doc_id; and
the classification code lists observed (`functional_classification`, `economic_classification`,
rule in codes.py); tied together by foreign keys to `documents`.

Fiscal metadata follows the spirit of the Fiscal Data Package: every amount has its
currency (CNY), unit and factor to 元, phase (预算 approved / 决算 executed), the
classification its row code belongs to (functional / economic), and direction
(income / expenditure).
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..codes import CodeList, classify, unit_codes
from ..files import write_atomic
from ..model import Field, Resource, text_to_column
from ..package.write import LICENSE, write_package
from ..tables.comparable import direction, document_phase
from ..tables.indicators import TOTALS, headline_rows, indicators_resource
from ..vocabulary import UNIT_FACTORS
from .exports import RENAMES, view_sql
from .packages import CORPUS_NAME, readable_packages

_f = Field.described
# Per-document resources the corpus holds for all documents, in this order, whenever a package has them.
GATHERED = ("indicators", "findings", "narrative_figures", "glossary", "performance_targets",
            "performance_indicators", "performance_execution")
# Descriptor properties of the contract's Identity section, as `documents` columns once packages carry them.
IDENTITY = ("publisher_name", "division_code", "division_level", "division_source", "publisher_id")
DOC_ID = Field("doc_id", "string", "文件编号", "The document (documents.doc_id)", {"required": True})
DOC_FK = {"fields": ["doc_id"], "reference": {"resource": "documents", "fields": ["doc_id"]}}


def _read(path: Path) -> Iterator[dict]:
    """A package resource's rows, one at a time."""
    with path.open(encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)


def _coverage(coverage: dict | None) -> dict[str, str]:
    """The descriptor's self-audit as `documents` columns (blank for a package built before it)."""
    if not coverage:
        return {"amounts_printed": "", "amounts_read": "", "coverage_share": ""}
    return {"amounts_printed": str(coverage["amounts_printed"]), "amounts_read": str(coverage["amounts_read"]),
            "coverage_share": str(coverage["share"])}


def _totals(indicators: list[dict], phase: str) -> dict[str, str]:
    """The headline totals in 元, as the document's `indicators` give them; blank where not printed."""
    found = headline_rows(indicators, phase)
    return {column: found[TOTALS[key]]["value_yuan"] if TOTALS[key] in found else ""
            for key, column in (("income", "income_total_yuan"), ("expenditure", "expenditure_total_yuan"),
                                ("basic", "basic_yuan"), ("project", "project_yuan"))}


EXECUTION_FIELDS = [
    DOC_ID,
    _f("indicator", "string", "指标", "The indicator (as in indicators)"),
    _f("code", "string", "科目编码", "For functional / economic: the classification code"),
    _f("approved_yuan", "number", "年初预算数（元）", "The figure the final account prints as its 年初预算, in 元"),
    _f("adjusted_yuan", "number", "调整预算数（元）", "The figure it prints as its 调整预算 (全年预算), in 元"),
    _f("executed_yuan", "number", "决算数（元）", "The figure it prints as executed (决算数), in 元"),
    _f("execution_rate", "number", "执行率",
       "Derived, not printed: executed_yuan / (adjusted_yuan, else approved_yuan), 4 decimals; empty where the "
       "budget is 0 or not printed"),
]


def _indicator_db() -> sqlite3.Connection:
    """The corpus' indicators, as `execution` reads them, gathered package by package."""
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE indicators (doc_id TEXT, indicator TEXT, code TEXT, phase TEXT, value_yuan TEXT)")
    return con


def _add_indicators(con: sqlite3.Connection, ident: str, indicators: list[dict]) -> None:
    con.executemany("INSERT INTO indicators VALUES (?, ?, ?, ?, ?)",
                    ((ident, r["indicator"], r.get("code") or None, r.get("phase") or None,
                      r.get("value_yuan") or None) for r in indicators))


def _execution(con: sqlite3.Connection) -> Resource:
    """Each final account's figures beside the budget they were executed against, by the one
    query the databases hold as the `execution` view (exports.VIEWS), run over the indicators
    in SQLite; the rate is the only derived column of the corpus."""
    try:
        found = con.execute(view_sql("execution", "sqlite")).fetchall()
    finally:
        con.close()
    names = [f.name for f in EXECUTION_FIELDS]
    rows = [dict(zip(names, ["" if v is None else v for v in row], strict=True)) for row in found]
    return Resource("execution", "预算执行（决算数与预算数）", EXECUTION_FIELDS, rows,
                    "Final accounts: each headline figure executed beside its budget (年初预算, 调整预算), with the "
                    "derived execution rate. The DuckDB and SQLite exports hold it as a view over indicators.",
                    [], {}, [DOC_FK])


def _widen(a: str, b: str) -> str:
    """One field type for values typed a in one package and b in another."""
    if a == b:
        return a
    return "number" if {a, b} == {"integer", "number"} else "string"


@dataclass
class Gathered:
    """One resource name over all packages: the union of their fields (first seen first), and
    where each package holds its rows, read (each with its document's doc_id first) only as
    the corpus file is written."""

    name: str
    title: str = ""
    description: str = ""
    fields: dict[str, dict] = field(default_factory=dict)
    primary_key: list[str] | None = None
    parts: list[tuple[str, Path]] = field(default_factory=list)  # (doc_id, the CSV file)

    def add(self, ident: str, folder: Path, descriptor: dict) -> None:
        if not self.fields:
            self.title, self.description = descriptor.get("title", self.name), descriptor.get("description", "")
            self.primary_key = list(descriptor["schema"].get("primaryKey", []))
        elif self.primary_key != list(descriptor["schema"].get("primaryKey", [])):
            self.primary_key = []  # packages disagree on the key: the corpus claims none
        for d in descriptor["schema"]["fields"]:
            if d["name"] != "doc_id":  # the corpus's own doc_id comes first in every resource
                seen = self.fields.setdefault(d["name"], dict(d))
                seen["type"] = _widen(seen["type"], d["type"])
        self.parts.append((ident, folder / descriptor["path"]))

    def rows(self) -> Iterator[dict]:
        for ident, path in self.parts:
            for r in _read(path):
                yield {**r, "doc_id": ident}

    def to_fields(self) -> list[Field]:
        """The united fields; `required` is left to the corpus's own key (a field one package lacks is empty)."""
        return [Field(d["name"], d["type"], d.get("title", d["name"]), d.get("description"),
                      {k: v for k, v in d.get("constraints", {}).items() if k != "required"} or None)
                for d in self.fields.values()]

    def resource(self) -> Resource:
        key = ["doc_id", *self.primary_key] if self.primary_key else []
        return Resource(self.name, f"{self.title}（全部文件）", [DOC_ID, *self.to_fields()], self.rows(),
                        f"Every document's `{self.name}` ({self.description.rstrip('.')}), with its doc_id.",
                        key, {}, [DOC_FK])


def _link_units(documents: list[dict], publisher: dict[str, str]) -> None:
    """A unit's (or a 本级) document points at its department's consolidated one of the same
    year and stage, where the corpus has it: same publisher_id (泉州市人民政府办公室（本级）'s unit
    budget and 泉州市人民政府办公室's department budget)."""
    departments = {(publisher[d["doc_id"]], d["fiscal_year"], d["phase"]): d["doc_id"] for d in documents
                   if d["scope"] == "department" and publisher[d["doc_id"]]}
    for d in documents:
        if d["scope"] in ("unit", "department_own"):
            d["parent_id"] = departments.get((publisher[d["doc_id"]], d["fiscal_year"], d["phase"]), "")


def link_parts(folders: list[Path]) -> int:
    """Disclosures published in parts (情况说明 and 报表 as separate files) share publisher_id, year
    and type: each part's descriptor names the others under `related_packages`. Returns the
    number of descriptors changed (each rewritten atomically)."""
    # per package only what tying the parts needs (a corpus' descriptors do not fit in memory at once)
    groups: dict[tuple, list[tuple[Path, dict[str, str], list]]] = defaultdict(list)
    for folder in folders:
        pkg = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        publisher = pkg.get("publisher_id") or pkg["publisher"]  # packages built before publisher_id
        part = {"name": pkg["name"], "disclosure_part": pkg.get("disclosure_part", "")}
        groups[(publisher, pkg["fiscal_year"], pkg["document_type"])].append(
            (folder, part, pkg.get("related_packages", [])))
    changed = 0
    for members in groups.values():
        for folder, _, listed in members:
            related = [other for f, other, _ in members if f != folder]
            if listed == related:
                continue
            pkg = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
            if related:
                pkg["related_packages"] = related
            else:
                pkg.pop("related_packages", None)
            write_atomic(folder / "datapackage.json", json.dumps(pkg, ensure_ascii=False, indent=2) + "\n")
            changed += 1
    return changed


DOC_FIELDS = [
    _f("doc_id", "string", "文件编号", "The document package's name"),
    _f("publisher", "string", "发布单位", "The unit or department that published the document"),
    _f("fiscal_year", "integer", "年度", "Fiscal year"),
    _f("document_type", "string", "文件类型", "unit_budget, department_budget, unit_final_account, "
                                                 "department_final_account"),
    _f("phase", "string", "阶段", "approved (预算) or executed (决算)"),
    _f("parent_id", "string", "所属部门文件",
       "For a unit's document (or a department's 本级): the doc_id of its department's consolidated document of the "
       "same year and type in the corpus (same publisher_id), else empty"),
    _f("scope", "string", "范围", "department (the consolidated 部门 budget), department_own (its 本级 alone) or "
                                  "unit (a 单位 budget): compare documents of one scope over the years"),
    _f("disclosure_part", "string", "公开部分", "complete, or explanation_only (情况说明 without tables)"),
    _f("source_file", "string", "原文件", "File name of the source PDF"),
    _f("sha256", "string", "SHA-256", "Checksum of the source PDF"),
    _f("pages", "integer", "页数", "Pages in the source PDF"),
    _f("facts", "integer", "金额数", "Rows in facts for this document"),
    _f("amounts_printed", "integer", "印刷金额数",
       "Money-like amounts the PDF prints (the descriptor's coverage: the self-audit)"),
    _f("amounts_read", "integer", "已读入金额数", "Of those, the ones the package holds on the same page"),
    _f("coverage_share", "number", "读入比例", "amounts_read / amounts_printed (1 = every printed amount read)"),
    _f("errors", "integer", "错误", "Error findings (the document does not add up)"),
    _f("warnings", "integer", "尾差", "Warning findings (rounding differences)"),
    _f("income_total_yuan", "number", "收入总计（元）",
       "收入总计 as printed (the document's income_total indicator), in 元"),
    _f("expenditure_total_yuan", "number", "支出总计（元）",
       "支出总计 as printed (the document's expenditure_total indicator), in 元"),
    _f("basic_yuan", "number", "基本支出（元）", "基本支出 (the document's basic_expenditure indicator), in 元"),
    _f("project_yuan", "number", "项目支出（元）", "项目支出 (the document's project_expenditure indicator), in 元"),
    _f("related_packages", "string", "同一公开的其他部分",
       "doc_ids of the other parts of the same disclosure (same publisher_id, year and type), space-separated"),
]
IDENTITY_FIELDS = {
    "publisher_name": _f("publisher_name", "string", "发布单位全称",
                         "Full official name (region added, remarks kept out)"),
    "division_code": _f("division_code", "string", "行政区划代码",
                        "GB/T 2260 code of the publisher's region; 100000: central"),
    "division_level": _f("division_level", "string", "行政级别", "national, province, city or county"),
    "division_source": _f("division_source", "string", "区划依据",
                          "name (printed name), text (the document's text) or unresolved"),
    "publisher_id": _f("publisher_id", "string", "发布单位编号",
                       "Stable publisher id: division_code and the name's pinyin, the same every year and type"),
}
FACT_ID = _f("fact_id", "integer", "金额序号",
             "1-based position of the fact in its document's facts: with doc_id the key of a fact. "
             "table + row_number + column is not unique: tables printing several panels side by side "
             "repeat a column header on one printed line")
# Corpus metadata for every fact, added after the package's own fields unless a package already has them.
DERIVED_FACT_FIELDS = [
    _f("currency", "string", "币种", "Always CNY"),
    _f("factor", "integer", "折算系数", "amount × factor = amount_yuan"),
    _f("phase", "string", "阶段", "approved (预算), adjusted (调整预算) or executed (决算); from the package's "
                                   "facts where it has the field, else from the document type"),
    _f("direction", "string", "收支", "income or expenditure"),
    _f("classification", "string", "分类", "functional or economic: the code list row_code belongs to "
                                            "(the package's own where it has the field, else pipeline/codes.py)"),
]
CODE_FIELDS = [
    _f("code", "string", "科目编码", "Classification code"),
    _f("name", "string", "科目名称", "The name most often printed for the code"),
    _f("level", "string", "级次", "类 (3 digits), 款 (5) or 项 (7)"),
    _f("parent", "string", "上级编码", "The code one level up, where it occurs too"),
    _f("occurrences", "integer", "出现次数", "Facts printed with this code"),
    _f("first_year", "integer", "最早年度", "Earliest fiscal year of a document printing the code"),
    _f("last_year", "integer", "最近年度", "Latest fiscal year of a document printing the code"),
    _f("fiscal_years", "string", "出现年度", "Every fiscal year of a document printing the code, space-separated"),
    _f("versions", "string", "分类版本",
       "The classification versions the code was printed under: until_2017, from_2018 or both (2018 reformed "
       "the economic lists: 30311 住房公积金 became 30113); compare a code across the reform with care"),
]
COFOG_FIELD = _f("cofog", "string", "COFOG 功能分类",
                 "The COFOG division (UN Classification of the Functions of Government: 01 general public "
                 "services … 10 social protection) of the code's 类, by this project's documented mapping "
                 "(pipeline/cofog.toml, docs/research.md), not an official one; empty where it has none")
SCHEME_FIELD = _f("scheme", "string", "分类体系",
                  "department (部门预算支出经济分类, 3xx) or government (政府预算支出经济分类, 5xx)")


def _classified(facts: list[dict]) -> Iterator[tuple[dict, str]]:
    """A document's facts, each with the code list its row code belongs to (pipeline/codes.py:
    a table's unit codes are never classification codes)."""
    codes_by_table: dict[str, set[str]] = defaultdict(set)
    for f in facts:
        codes_by_table[f["table"]].add(f["row_code"])
    units = {t: unit_codes(c) for t, c in codes_by_table.items()}
    for f in facts:
        yield f, classify(f["row_code"], units[f["table"]])


def _facts_resource(gathered: Gathered, doc_types: dict[str, str]) -> Resource:
    """The gathered facts with fact_id and the corpus metadata, one document at a time."""
    own = set(gathered.fields)
    derived = [f for f in DERIVED_FACT_FIELDS if f.name not in own]

    def rows() -> Iterator[dict]:
        for ident, path in gathered.parts:
            for n, (f, cls) in enumerate(_classified(list(_read(path))), 1):
                metadata = {"currency": "CNY", "factor": str(UNIT_FACTORS.get(f["unit"], "")),
                            "phase": document_phase(doc_types[ident]),
                            "direction": direction(f["table"], text_to_column(f["column"])), "classification": cls}
                yield {**f, "doc_id": ident, "fact_id": str(n), **{k: v for k, v in metadata.items() if k not in own}}

    return Resource("facts", "全部金额", [DOC_ID, FACT_ID, *gathered.to_fields(), *derived], rows(),
                    "Every printed amount of every document, with fiscal metadata.", ["doc_id", "fact_id"], {},
                    [DOC_FK])


def _code_list(cls: str, title: str, codes: CodeList) -> Resource:
    economic = cls == "economic"
    return Resource(
        f"{cls}_classification", f"{title}（语料中出现的）",
        [*CODE_FIELDS, *([SCHEME_FIELD] if economic else [COFOG_FIELD])],
        codes.rows(with_scheme=economic, with_cofog=not economic),
        f"The {cls} classification codes printed in the corpus (the rule is in pipeline/codes.py: "
        "never unit or department codes), with their most printed name and the fiscal years seen.",
        ["code"], {}, [{"fields": ["parent"], "reference": {"fields": ["code"]}}])


def _latest(dates: list[str]) -> str | None:
    return max(dates, key=lambda d: datetime.fromisoformat(d)) if dates else None


def packages_to_corpus(packages: Path, out: Path) -> tuple[Path, int]:
    """Write out/corpus/ from every document package under `packages`; returns (folder, fact rows).

    Two passes, so that memory does not grow with the corpus' rows: the first reads each package's
    descriptor, facts, findings and indicators (one package at a time) for `documents`, the code
    lists and `execution`; the second streams every resource's rows into its corpus file."""
    folders, _ = readable_packages(packages)
    link_parts(folders)
    documents, created = [], []
    gathered = {name: Gathered(name) for name in ("facts", *GATHERED)}
    doc_types: dict[str, str] = {}
    publishers: dict[str, str] = {}
    seen_identity: set[str] = set()
    code_lists = {"functional": CodeList(), "economic": CodeList()}
    indicators_db = _indicator_db()
    for folder in folders:
        pkg = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        ident = pkg["name"]
        doc_types[ident], publishers[ident] = pkg["document_type"], pkg.get("publisher_id", "")
        seen_identity.update(k for k in IDENTITY if k in pkg)
        if pkg.get("created"):
            created.append(pkg["created"])
        res = {r["name"]: r for r in pkg["resources"]}
        for name in gathered:
            if name in res:
                gathered[name].add(ident, folder, res[name])
        facts = list(_read(folder / res["facts"]["path"])) if "facts" in res else []
        for f, cls in _classified(facts):
            if cls:
                code_lists[cls].add(f["row_code"], f["row_label"], int(pkg["fiscal_year"]))
        findings = list(_read(folder / res["findings"]["path"])) if "findings" in res else []
        indicators = list(_read(folder / res["indicators"]["path"])) if "indicators" in res else []
        _add_indicators(indicators_db, ident, indicators)
        documents.append({
            "doc_id": ident, "publisher": pkg["publisher"], "fiscal_year": str(pkg["fiscal_year"]),
            "document_type": pkg["document_type"], "phase": document_phase(pkg["document_type"]),
            "scope": pkg.get("scope", ""), "parent_id": "",
            "disclosure_part": pkg.get("disclosure_part", ""), "source_file": pkg["sources"][0]["title"],
            "sha256": pkg["sources"][0]["sha256"], "pages": str(pkg.get("pages", "")), "facts": str(len(facts)),
            **_coverage(pkg.get("coverage")),
            "errors": str(sum(f["severity"] == "error" for f in findings)),
            "warnings": str(sum(f["severity"] == "warning" for f in findings)),
            **_totals(indicators, document_phase(pkg["document_type"])),
            "related_packages": " ".join(r["name"] for r in pkg.get("related_packages", [])),
            **{k: str(pkg.get(k, "")) for k in IDENTITY},
        })

    _link_units(documents, publishers)
    if not gathered["indicators"].fields:
        # no package has indicators (text-only parts that state no headline figure): the corpus
        # still has the table, empty and as a package defines it, for the `execution` view the
        # databases build over it
        empty = indicators_resource([])
        g = gathered["indicators"]
        g.fields = {f.name: f.descriptor() for f in empty.fields}
        g.title, g.description, g.primary_key = empty.title, empty.description, list(empty.primary_key)
    identity = [k for k in IDENTITY if k in seen_identity]
    resources = [
        Resource("documents", "文件", [*DOC_FIELDS, *(IDENTITY_FIELDS[k] for k in identity)], documents,
                 "One row per document package.", ["doc_id"]),
        _facts_resource(gathered.pop("facts"), doc_types),
        *(g.resource() for g in gathered.values() if g.fields),
        _execution(indicators_db),
        _code_list("functional", "支出功能分类科目", code_lists["functional"]),
        _code_list("economic", "支出经济分类科目", code_lists["economic"]),
    ]
    descriptor = {
        "name": CORPUS_NAME,
        "title": "预算公开数据：全部文件",
        "description": "",  # said once the rows are written (describe)
        "licenses": [LICENSE],
        "currency": "CNY",
        "fiscal": {"currency": "CNY", "amount": "amount (as printed, in unit) and amount_yuan (in 元)",
                   "phase": {"approved": "预算", "adjusted": "调整预算", "executed": "决算"},
                   "classifications": ["functional", "economic"], "directions": ["income", "expenditure"]},
        "exports": {
            "formats": ["parquet", "duckdb", "sqlite"],
            "renamed_fields": RENAMES,
            "description": "These CSV files keep the data contract's field names. The Parquet, DuckDB and SQLite "
                           "exports (python -m pipeline parquet|duckdb|sqlite) rename the SQL reserved words "
                           "table and column to table_key and column_path; they store number fields as "
                           "DECIMAL (Parquet, DuckDB) or as the CSV's decimal string in TEXT (SQLite), exactly.",
        },
    }
    latest = _latest(created)
    if latest:
        descriptor["created"] = latest  # the newest document's own date, never the wall clock
    written: dict[str, int] = {}

    def describe(counts: dict[str, int]) -> dict:
        written.update(counts)
        listed = ", ".join(f"{n} {name}" for name, n in counts.items() if name != "documents")
        return {"description": f"{len(documents)} documents: {listed}; built from the document packages."}

    folder = write_package(descriptor, resources, out, describe)
    return folder, written["facts"]
