"""One package for the whole corpus, built from the document packages.

`documents` (one row per document), `facts` (every document's facts with doc_id and fiscal
metadata), and the code lists observed (`functional_classification`,
`economic_classification`), tied together by foreign keys; plus a single-file SQLite
export for analysis.

Fiscal metadata follows the spirit of the Fiscal Data Package: every amount has its
currency (CNY), unit and factor to 元, phase (预算 approved / 决算 executed), the
classification its row code belongs to (functional / economic), and direction
(income / expenditure).
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
from collections import Counter, defaultdict
from pathlib import Path

from .model import FACT_FIELDS, Fact, Field, Resource, text_to_column
from .package import LICENSE, write_package
from .totals import headline_totals
from .vocabulary import UNIT_FACTORS

_f = Field.described
CORPUS_NAME = "corpus"
PHASE = {"unit_budget": "approved", "department_budget": "approved",
         "unit_final_account": "executed", "department_final_account": "executed"}
INCOME_TABLES = {"income", "gov_fund_income"}
ECONOMIC_TABLES = {"basic_expenditure_economic"}
FUNCTIONAL_TABLES = {"income", "expenditure", "general_public_expenditure", "gov_fund_income",
                     "gov_fund_expenditure", "state_capital"}
LEVELS = {3: "类", 5: "款", 7: "项"}
IDENTITY_FIELDS = ("publisher_name", "division_code", "division_level", "division_source", "publisher_id")
INCOME_COLUMN = re.compile(r"^收入|收入$|^本年收入")


def _read(folder: Path, resource: dict) -> list[dict]:
    with (folder / resource["path"]).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def direction(table: str, column: str) -> str:
    """income or expenditure: income tables and the 收入 side of two-sided tables are income."""
    if table in INCOME_TABLES:
        return "income"
    if table in ("summary", "appropriation_summary", "state_capital", "gov_fund_expenditure"):
        levels = text_to_column(column)
        return "income" if levels and INCOME_COLUMN.search(levels[0]) else "expenditure"
    return "expenditure"


def classification(table: str, code: str) -> str:
    if not code.isdigit():
        return ""
    if table in ECONOMIC_TABLES or (code[0] in "35" and len(code) in (3, 5) and table not in FUNCTIONAL_TABLES):
        return "economic"
    return "functional"


def _totals(facts: list[dict]) -> dict[str, str]:
    """The headline totals in 元 (the one rule in totals.py), blank where not printed."""
    found = headline_totals([Fact.from_row(f) for f in facts])
    return {name: format(found[key].amount_yuan, "f") if key in found else ""
            for key, name in (("income", "income_total_yuan"), ("expenditure", "expenditure_total_yuan"),
                              ("basic", "basic_yuan"), ("project", "project_yuan"))}


def link_parts(folders: list[Path]) -> int:
    """Disclosures published in parts (情况说明 and 报表 as separate files) share publisher_id, year
    and type: each part's descriptor names the others under `related_packages`. Returns the
    number of descriptors changed (each rewritten atomically)."""
    groups: dict[tuple, list[tuple[Path, dict]]] = defaultdict(list)
    for folder in folders:
        pkg = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        publisher = pkg.get("publisher_id") or pkg["publisher"]  # packages built before publisher_id
        groups[(publisher, pkg["fiscal_year"], pkg["document_type"])].append((folder, pkg))
    changed = 0
    for members in groups.values():
        for folder, pkg in members:
            related = [{"name": other["name"], "disclosure_part": other.get("disclosure_part", "")}
                       for f, other in members if f != folder]
            if pkg.get("related_packages", []) == related:
                continue
            if related:
                pkg["related_packages"] = related
            else:
                pkg.pop("related_packages", None)
            tmp = folder / "datapackage.json.tmp"
            tmp.write_text(json.dumps(pkg, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            tmp.replace(folder / "datapackage.json")
            changed += 1
    return changed


def packages_to_corpus(packages: Path, out: Path) -> tuple[Path, int]:
    """Write out/corpus/ from every document package under `packages`; returns (folder, fact rows)."""
    folders = sorted(p.parent for p in packages.glob("*/datapackage.json")
                     if p.parent.name != CORPUS_NAME and not p.parent.name.startswith("."))
    link_parts(folders)
    documents, all_facts = [], []
    names: dict[str, dict[str, Counter]] = {"functional": defaultdict(Counter), "economic": defaultdict(Counter)}
    for folder in folders:
        pkg = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        res = {r["name"]: r for r in pkg["resources"]}
        facts = _read(folder, res["facts"]) if "facts" in res else []
        findings = _read(folder, res["findings"]) if "findings" in res else []
        ident = pkg["name"]
        totals = _totals(facts)
        documents.append([
            ident, pkg["publisher"], *(pkg.get(k, "") for k in IDENTITY_FIELDS),
            str(pkg["fiscal_year"]), pkg["document_type"], PHASE[pkg["document_type"]],
            pkg.get("disclosure_part", ""), pkg["sources"][0]["title"], pkg["sources"][0]["sha256"],
            str(pkg.get("pages", "")), str(len(facts)),
            str(sum(f["severity"] == "error" for f in findings)),
            str(sum(f["severity"] == "warning" for f in findings)),
            totals["income_total_yuan"], totals["expenditure_total_yuan"], totals["basic_yuan"], totals["project_yuan"],
            " ".join(r["name"] for r in pkg.get("related_packages", [])),
        ])
        for f in facts:
            cls = classification(f["table"], f["row_code"])
            if cls:
                names[cls][f["row_code"]][f["row_label"].strip()] += 1
            all_facts.append([ident] + [f.get(x.name, "") for x in FACT_FIELDS] + [
                "CNY", str(UNIT_FACTORS.get(f["unit"], "")),
                PHASE[pkg["document_type"]], direction(f["table"], f["column"]), cls,
            ])

    doc_fields = [
        _f("doc_id", "string", "文件编号", "The document package's name"),
        _f("publisher", "string", "发布单位", "The unit or department that published the document, as printed"),
        _f("publisher_name", "string", "发布单位全称", "Full official name (region added, remarks kept out)"),
        _f("division_code", "string", "行政区划代码", "GB/T 2260 code of the publisher's region; 100000: central"),
        _f("division_level", "string", "行政级别", "national, province, city or county"),
        _f("division_source", "string", "区划依据", "name (printed name), text (document's text), unresolved"),
        _f("publisher_id", "string", "发布单位编号", "Stable publisher id: division_code and the name's pinyin"),
        _f("fiscal_year", "integer", "年度", "Fiscal year"),
        _f("document_type", "string", "文件类型", "unit_budget, department_budget, unit_final_account, "
                                                     "department_final_account"),
        _f("phase", "string", "阶段", "approved (预算) or executed (决算)"),
        _f("disclosure_part", "string", "公开部分", "complete, or explanation_only (情况说明 without tables)"),
        _f("source_file", "string", "原文件", "File name of the source PDF"),
        _f("sha256", "string", "SHA-256", "Checksum of the source PDF"),
        _f("pages", "integer", "页数", "Pages in the source PDF"),
        _f("facts", "integer", "金额数", "Rows in facts for this document"),
        _f("errors", "integer", "错误", "Error findings (the document does not add up)"),
        _f("warnings", "integer", "尾差", "Warning findings (rounding differences)"),
        _f("income_total_yuan", "number", "收入总计（元）",
           "收入总计 of the summary table, else the income table's 合计, in 元 (pipeline/totals.py)"),
        _f("expenditure_total_yuan", "number", "支出总计（元）",
           "支出总计 of the summary table, else the expenditure table's 合计, in 元 (pipeline/totals.py)"),
        _f("basic_yuan", "number", "基本支出（元）", "基本支出 of the expenditure table's 合计 row, in 元"),
        _f("project_yuan", "number", "项目支出（元）", "项目支出 of the expenditure table's 合计 row, in 元"),
        _f("related_packages", "string", "同一公开的其他部分",
               "doc_ids of the other parts of the same disclosure (same publisher_id, year and type), space-separated"),
    ]
    fact_fields = [_f("doc_id", "string", "文件编号", "The document (documents.doc_id)"), *FACT_FIELDS] + [
        _f("currency", "string", "币种", "Always CNY"),
        _f("factor", "integer", "折算系数", "amount × factor = amount_yuan"),
        _f("phase", "string", "阶段", "approved (预算) or executed (决算)"),
        _f("direction", "string", "收支", "income or expenditure"),
        _f("classification", "string", "分类", "functional or economic: the code list row_code belongs to"),
    ]
    code_lists = []
    for cls, title in (("functional", "支出功能分类科目"), ("economic", "支出经济分类科目")):
        codes = names[cls]
        rows = []
        for code in sorted(codes):
            parent = code[:-2] if len(code) > 3 and code[:-2] in codes else ""
            rows.append([code, codes[code].most_common(1)[0][0], LEVELS.get(len(code), ""), parent,
                         str(sum(codes[code].values()))])
        code_lists.append(Resource.from_table(
            name=f"{cls}_classification",
            title=f"{title}（语料中出现的）",
            fields=[
                _f("code", "string", "科目编码", "Classification code"),
                _f("name", "string", "科目名称", "The name most often printed for the code"),
                _f("level", "string", "级次", "类 (3 digits), 款 (5) or 项 (7)"),
                _f("parent", "string", "上级编码", "The code one level up, where it occurs too"),
                _f("occurrences", "integer", "出现次数", "Facts printed with this code"),
            ],
            values=rows,
            description=f"The {cls} classification codes observed in the corpus, with their printed names.",
            primary_key=["code"],
            foreign_keys=[{"fields": "parent", "reference": {"resource": "", "fields": "code"}}],
        ))
    resources = [
        Resource.from_table("documents", "文件", doc_fields, documents, "One row per document package.", ["doc_id"]),
        Resource.from_table("facts", "全部金额", fact_fields, all_facts,
                 "Every printed amount of every document, with fiscal metadata.",
                 foreign_keys=[{"fields": "doc_id", "reference": {"resource": "documents", "fields": "doc_id"}}]),
        *code_lists,
    ]
    descriptor = {
        "name": CORPUS_NAME,
        "title": "预算公开数据：全部文件",
        "description": f"{len(documents)} documents, {len(all_facts)} amounts, built from the document packages.",
        "licenses": [LICENSE],
        "currency": "CNY",
        "fiscal": {"currency": "CNY", "amount": "amount (as printed, in unit) and amount_yuan (in 元)",
                   "phase": {"approved": "预算", "executed": "决算"},
                   "classifications": ["functional", "economic"], "directions": ["income", "expenditure"]},
    }
    folder = write_package(descriptor, resources, out)
    return folder, len(all_facts)


def corpus_to_sqlite(corpus: Path, path: Path) -> None:
    """The corpus package as one SQLite file (tables named as the resources, with indexes)."""
    pkg = json.loads((corpus / "datapackage.json").read_text(encoding="utf-8"))
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    types = {"integer": "INTEGER", "number": "REAL", "string": "TEXT"}
    for r in pkg["resources"]:
        fields = r["schema"]["fields"]
        cols = ", ".join(f'"{f["name"]}" {types.get(f["type"], "TEXT")}' for f in fields)
        con.execute(f'CREATE TABLE "{r["name"]}" ({cols})')
        rows = []
        for row in _read(corpus, r):
            out = []
            for f in fields:
                v = row[f["name"]]
                out.append(None if v == "" else int(v) if f["type"] == "integer" else float(v)
                           if f["type"] == "number" else v)
            rows.append(out)
        con.executemany(f'INSERT INTO "{r["name"]}" VALUES ({", ".join("?" * len(fields))})', rows)
    con.execute('CREATE INDEX facts_doc ON facts(doc_id)')
    con.execute('CREATE INDEX facts_code ON facts(row_code)')
    con.commit()
    con.close()
    tmp.replace(path)
