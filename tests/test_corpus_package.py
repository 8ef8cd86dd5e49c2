"""The corpus package: documents, facts with fiscal metadata, every per-document resource with
doc_id, code lists, foreign keys; Data Package v2 descriptors; the Parquet, DuckDB and SQLite
exports, exact to the digit."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from conftest import ROOT, SAMPLE, SAMPLE_ID, rehash
from frictionless import validate

from pipeline.codes import ECONOMIC, FUNCTIONAL, classify, unit_codes
from pipeline.package.write import PROFILE, VERSION
from pipeline.publish.corpus import GATHERED, packages_to_corpus
from pipeline.publish.exports import RENAMES, corpus_to_duckdb, corpus_to_parquet, corpus_to_sqlite
from pipeline.read.pdfmeta import pdf_creation_date, pdf_date_to_rfc3339
from pipeline.tables.comparable import direction

RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")


def rows(folder: Path, name: str) -> list[dict]:
    with (folder / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def descriptor(folder: Path) -> dict:
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def check_descriptor(folder: Path) -> dict:
    """Data Package v2: the profile, a version, and each CSV's byte count and sha256 as written."""
    d = descriptor(folder)
    assert next(iter(d)) == "$schema" and d["$schema"] == PROFILE
    assert d["version"] == VERSION
    assert "created" not in d or RFC3339.match(d["created"])
    for r in d["resources"]:
        data = (folder / r["path"]).read_bytes()
        assert r["bytes"] == len(data), r["name"]
        assert r["hash"] == "sha256:" + hashlib.sha256(data).hexdigest(), r["name"]
        for fk in r["schema"].get("foreignKeys", []):
            assert isinstance(fk["fields"], list) and isinstance(fk["reference"]["fields"], list)
    return d


def check_exports(folder: Path, out: Path) -> None:
    """Every export has every resource with the CSV's row count; money reads back exactly."""
    pkg = descriptor(folder)
    parquet = out / "parquet"
    files = corpus_to_parquet(folder, parquet)
    assert sorted(p.stem for p in files) == sorted(r["name"] for r in pkg["resources"])
    corpus_to_duckdb(folder, out / "corpus.duckdb")
    corpus_to_sqlite(folder, out / "corpus.sqlite")
    duck = duckdb.connect(str(out / "corpus.duckdb"), read_only=True)
    lite = sqlite3.connect(out / "corpus.sqlite")
    try:
        for r in pkg["resources"]:
            name, fields = r["name"], r["schema"]["fields"]
            csv_rows = rows(folder, name)
            columns = [RENAMES.get(f["name"], f["name"]) for f in fields]
            assert not {"table", "column"} & set(columns)
            select = f"SELECT {', '.join(columns)} FROM"  # unquoted: no name needs quoting
            from_duck = duck.execute(f"{select} {name}").fetchall()
            from_parquet = duck.execute(f"{select} read_parquet('{parquet / (name + '.parquet')}')").fetchall()
            from_lite = lite.execute(f"{select} {name}").fetchall()
            assert len(csv_rows) == len(from_duck) == len(from_parquet) == len(from_lite), name
            for i, f in enumerate(fields):
                if f["type"] != "number":
                    continue
                printed = [row[f["name"]] for row in csv_rows]
                assert [row[i] for row in from_lite] == [v or None for v in printed], (name, f["name"])
                exact = [Decimal(v) if v else None for v in printed]
                for got in (from_duck, from_parquet):
                    assert [row[i] for row in got] == exact, (name, f["name"])
        types = dict(duck.execute("SELECT column_name, data_type FROM information_schema.columns "
                                  "WHERE table_name = 'facts'").fetchall())
        assert types["amount_yuan"].startswith("DECIMAL(") and types["table_key"] == "VARCHAR"
    finally:
        duck.close()
        lite.close()


def check_corpus(packages: Path, out: Path) -> Path:
    folder, n = packages_to_corpus(packages, out)
    report = validate(folder / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    pkg = check_descriptor(folder)
    docs = [p.parent for p in packages.glob("*/datapackage.json") if p.parent.name != "corpus"]
    for d in docs:
        check_descriptor(d)
    assert n == sum(len(rows(d, "facts")) for d in docs) == len(rows(folder, "facts"))
    assert {r["doc_id"] for r in rows(folder, "documents")} == {d.name for d in docs}
    resources = {r["name"]: r for r in pkg["resources"]}
    for name in GATHERED:
        having = [d for d in docs if (d / "data" / f"{name}.csv").exists()]
        assert (name in resources) == bool(having), name
        if having:
            assert resources[name]["schema"]["fields"][0]["name"] == "doc_id"
            assert len(rows(folder, name)) == sum(len(rows(d, name)) for d in having), name
    facts = rows(folder, "facts")
    assert resources["facts"]["schema"]["primaryKey"] == ["doc_id", "fact_id"]
    assert len({(f["doc_id"], f["fact_id"]) for f in facts}) == len(facts)
    for cls, shape in (("functional", FUNCTIONAL), ("economic", ECONOMIC)):
        codes = rows(folder, f"{cls}_classification")
        assert all(shape.match(c["code"]) and len(c["code"]) != 6 for c in codes), cls
        assert all(int(c["first_year"]) <= int(c["last_year"]) for c in codes)
    check_exports(folder, out)
    return folder


def test_corpus_from_the_committed_packages_is_valid_and_committed(tmp_path):
    folder = check_corpus(ROOT / "datapackages", tmp_path)
    committed = ROOT / "datapackages" / "corpus"
    for f in sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file()):
        assert (folder / f).read_bytes() == (committed / f).read_bytes(), f
    facts = rows(folder, "facts")
    f = next(f for f in facts if f["table"] == "income" and f["row_code"] == "2010301")
    assert (f["currency"], f["factor"], f["phase"], f["direction"], f["classification"]) == (
        "CNY", "10000", "approved", "income", "functional")
    codes = {r["code"]: r for r in rows(folder, "functional_classification")}
    c = codes["2010301"]
    assert (c["name"], c["level"], c["parent"], c["first_year"], c["last_year"]) == (
        "行政运行", "项", "20103", "2026", "2026")
    assert {r["name"] for r in descriptor(folder)["resources"]} >= {"findings", "glossary", "narrative_figures",
                                                                   "performance_targets", "performance_indicators"}


def test_every_committed_package_validates():
    for path in sorted((ROOT / "datapackages").glob("*/datapackage.json")):
        report = validate(path)
        assert report.valid, (path, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5])
        check_descriptor(path.parent)


def test_descriptor_constraints_and_created_date():
    d = descriptor(ROOT / "datapackages" / SAMPLE_ID)
    assert d["created"] == pdf_creation_date(SAMPLE) == "2026-11-26T13:29:44+00:00"
    findings = next(r for r in d["resources"] if r["name"] == "findings")
    severity = next(f for f in findings["schema"]["fields"] if f["name"] == "severity")
    assert severity["constraints"]["enum"] == ["error", "warning"]
    summary = next(r for r in d["resources"] if r["name"] == "summary")
    assert summary["schema"]["fields"][0]["constraints"] == {"required": True}  # row_number, the key
    corpus = descriptor(ROOT / "datapackages" / "corpus")
    docs = next(r for r in corpus["resources"] if r["name"] == "documents")
    doc_type = next(f for f in docs["schema"]["fields"] if f["name"] == "document_type")
    assert "department_final_account" in doc_type["constraints"]["enum"]
    facts = next(r for r in corpus["resources"] if r["name"] == "facts")
    phase = next(f for f in facts["schema"]["fields"] if f["name"] == "phase")
    assert phase["constraints"]["enum"] == ["approved", "adjusted", "executed"]


def test_package_version_is_the_project_version():
    import tomllib

    assert tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"] == VERSION


def test_pdf_dates():
    assert pdf_date_to_rfc3339("D:20260210163633+08'00'") == "2026-02-10T16:36:33+08:00"
    assert pdf_date_to_rfc3339("D:20210416032200Z") == "2021-04-16T03:22:00Z"
    assert pdf_date_to_rfc3339("D:20260228020045") is None  # no time zone: not guessed
    assert pdf_date_to_rfc3339("yesterday") is None
    assert pdf_creation_date(ROOT / "README.md") is None


def test_classification_codes_never_unit_codes():
    table = ["126", "126001", "2010301", "20103", "201", "30201", "50101"]
    units = unit_codes(table)
    assert units == {"126", "126001"}
    assert [classify(c, units) for c in table] == ["", "", "functional", "functional", "functional",
                                                   "economic", "economic"]
    assert classify("327") == ""  # a department code, not an economic class
    assert classify("103") == classify("3020150201") == ""
    assert classify("3010301") == "economic"  # 重庆 prints a 项 level under 30103
    assert classify("399") == classify("31002") == "economic"


def test_gathers_any_per_document_resource_with_the_union_of_fields(tmp_path):
    """A resource another package adds later (indicators) is gathered as soon as a package has it;
    fields that differ between packages are united in first-seen order."""
    packages = tmp_path / "packages"
    packages.mkdir()
    first = packages / SAMPLE_ID
    shutil.copytree(ROOT / "datapackages" / SAMPLE_ID, first)
    second = packages / "datong-copy"
    shutil.copytree(first, second)
    d = descriptor(second)
    d["name"], d["fiscal_year"] = "datong-copy", 2027
    d["resources"] = [r for r in d["resources"] if r["name"] != "indicators"]  # replaced below
    glossary = next(r for r in d["resources"] if r["name"] == "glossary")
    glossary["schema"]["fields"].append({"name": "note", "type": "string", "title": "备注"})
    with (second / "data" / "glossary.csv").open("r+", encoding="utf-8", newline="") as f:
        lines = f.read().splitlines()
        f.seek(0)
        f.write("\n".join([lines[0] + ",note"] + [line + ",x" for line in lines[1:]]) + "\n")
    (second / "data" / "indicators.csv").write_text(
        "indicator,code,value_yuan,amount_year,phase,table,row_label,column,page\n"
        "income_total,,15647200.123456,2026,approved,summary,收入总计,收入/2026年,6\n", encoding="utf-8")
    d["resources"].append({"name": "indicators", "path": "data/indicators.csv", "type": "table", "schema": {"fields": [
        {"name": n, "type": t} for n, t in (("indicator", "string"), ("code", "string"), ("value_yuan", "number"),
                                            ("amount_year", "integer"), ("phase", "string"), ("table", "string"),
                                            ("row_label", "string"), ("column", "string"), ("page", "integer"))]}})
    (second / "datapackage.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    rehash(second)
    folder, _ = packages_to_corpus(packages, packages)
    assert validate(folder / "datapackage.json").valid
    pkg = descriptor(folder)
    names = [r["name"] for r in pkg["resources"]]
    assert names.index("indicators") == names.index("facts") + 1
    fields = {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in pkg["resources"]}
    assert fields["glossary"] == ["doc_id", "term", "definition", "page", "note"]
    assert fields["indicators"][:2] == ["doc_id", "indicator"]
    notes = {(g["doc_id"], g["note"]) for g in rows(folder, "glossary")}
    assert notes == {(SAMPLE_ID, ""), ("datong-copy", "x")}
    functional = {c["code"]: c for c in rows(folder, "functional_classification")}
    assert functional["2010301"]["fiscal_years"] == "2026 2027"
    check_exports(folder, tmp_path / "exports")  # six decimals come back unrounded
    con = duckdb.connect(str(tmp_path / "exports" / "corpus.duckdb"), read_only=True)
    copy = con.execute("SELECT value_yuan FROM indicators WHERE doc_id = 'datong-copy'").fetchone()[0]
    assert copy == Decimal("15647200.123456")
    con.close()


def test_corpus_package_foreign_key_is_enforced(tmp_path):
    folder, _ = packages_to_corpus(ROOT / "datapackages", tmp_path)
    pkg = descriptor(folder)
    facts = next(r for r in pkg["resources"] if r["name"] == "facts")
    assert facts["schema"]["foreignKeys"][0] == {"fields": ["doc_id"],
                                                 "reference": {"resource": "documents", "fields": ["doc_id"]}}
    # a fact pointing at no document makes the package invalid (hash and bytes are taken out of the way)
    row = {**rows(folder, "facts")[0], "doc_id": "no-such-doc"}
    with (folder / "data" / "facts.csv").open("a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, list(row), lineterminator="\n").writerow(row)
    for r in pkg["resources"]:
        r.pop("hash"), r.pop("bytes")
    (folder / "datapackage.json").write_text(json.dumps(pkg, ensure_ascii=False), encoding="utf-8")
    report = validate(folder / "datapackage.json")
    assert not report.valid and "foreign-key" in report.flatten(["type"])[0]


def test_a_changed_csv_fails_its_hash(tmp_path):
    folder, _ = packages_to_corpus(ROOT / "datapackages", tmp_path)
    path = folder / "data" / "documents.csv"
    path.write_bytes(path.read_bytes().replace(b"approved", b"executed"))  # same length: only the hash tells
    assert "hash-count" in [e[0] for e in validate(folder / "datapackage.json").flatten(["type"])]


def test_direction_of_two_sided_tables():
    """One side rule for the corpus' direction and the indicators (issue 21: two lists disagreed)."""
    from pipeline.model import Fact
    from pipeline.tables.indicators import side

    assert direction("summary", ("收入", "预算数")) == "income"
    assert direction("summary", ("支出", "合计")) == "expenditure"
    assert direction("appropriation_summary", ("财政拨款收入", "金额")) == "income"
    assert direction("state_capital", ("收入", "预算数")) == "income"
    assert direction("income", ("本年收入", "合计")) == "income"
    assert direction("expenditure", ("合计",)) == "expenditure"
    fact = Fact("appropriation_summary", "", "合计", ("财政拨款收入", "金额"), Decimal(1))
    assert side(fact) == direction(fact.table, fact.column) == "income"


@pytest.mark.parametrize("command", ["parquet", "duckdb", "sqlite"])
def test_export_commands(tmp_path, command):
    from pipeline.cli import main

    out = tmp_path / {"parquet": "parquet", "duckdb": "c.duckdb", "sqlite": "c.sqlite"}[command]
    assert main([command, "--corpus", str(ROOT / "datapackages" / "corpus"), "--out", str(out)]) == 0
    assert out.exists() and not list(tmp_path.glob(".*"))
    assert main([command, "--corpus", str(ROOT / "datapackages" / "corpus"), "--out", str(out)]) == 0  # replaces


def test_parts_of_one_disclosure_are_linked(tmp_path):
    """北京 publishes 情况说明 and 报表 as separate files: both parts get packages, linked."""
    from pdfs import text_pdf, unruled_table_pdf
    from test_unruled import ROWS

    from pipeline.cli import main

    explanation = text_pdf(tmp_path / "附件1 情况说明.pdf", [["某市某局", "2026年部门预算", "一、收入预算情况说明",
                                                          "2026年收入预算1,564.72万元。"]])
    tables = unruled_table_pdf(tmp_path / "附件2 报表.pdf", "预算02表 收入总表", ["科目编码", "科目名称", "合计",
                               "一般公共预算", "上年结转"], ROWS, [90, 260, 120, 140, 120],
                               preamble=["某市某局", "2026年部门预算"])
    out = tmp_path / "out"
    assert main(["build", str(explanation), str(tables), "--out", str(out)]) == 0
    packages_to_corpus(out, out)
    parts = {}
    for folder in out.iterdir():
        if folder.name != "corpus":
            d = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
            parts[d["disclosure_part"]] = (d["name"], d["related_packages"])
    # the 报表 file has no 情况说明 of its own: a tables-only part
    assert parts["explanation_only"][1] == [{"name": parts["tables_only"][0], "disclosure_part": "tables_only"}]
    assert parts["tables_only"][1] == [{"name": parts["explanation_only"][0], "disclosure_part": "explanation_only"}]
    assert validate(out / "corpus" / "datapackage.json").valid


def test_an_unreadable_package_is_reported_and_skipped_while_the_others_are_published(tmp_path, capsys):
    """Issue 26: one package that cannot be read never stops the corpus or the site."""
    import shutil

    from pipeline.publish.site import packages_to_docs

    packages = tmp_path / "packages"
    shutil.copytree(ROOT / "datapackages" / SAMPLE_ID, packages / SAMPLE_ID)
    broken = packages / (SAMPLE_ID[:-6] + "ffffff")
    shutil.copytree(ROOT / "datapackages" / SAMPLE_ID, broken)
    income = broken / "data" / "income.csv"
    income.write_bytes(income.read_bytes()[:100])  # cut off in a copy
    folder, _ = packages_to_corpus(packages, packages)
    assert validate(folder / "datapackage.json").valid
    assert [d["doc_id"] for d in rows(folder, "documents")] == [SAMPLE_ID]
    assert f"SKIPPED {broken}: unreadable package: data/income.csv" in capsys.readouterr().err
    assert packages_to_docs(packages, tmp_path / "docs", sources=ROOT / "sources") == 1
    assert (tmp_path / "docs" / SAMPLE_ID / "index.md").is_file()
    assert not (tmp_path / "docs" / broken.name).exists()
    about = (tmp_path / "docs" / "about.md").read_text(encoding="utf-8")
    assert broken.name in about and "数据包文件缺失或已损坏" in about


def test_a_package_that_reads_has_no_fault():
    from pipeline.publish.packages import package_fault

    assert package_fault(ROOT / "datapackages" / SAMPLE_ID) == ""
    assert package_fault(ROOT / "no-such-folder").startswith("unreadable package: datapackage.json does not read")


def test_regression_a_corpus_of_text_only_parts_without_indicators_still_exports(tmp_path):
    """Found when `make` ran on one small text-only part (no package had `indicators`): the
    corpus had its `execution` resource but no `indicators` table, and the DuckDB export failed
    creating the view over it. The corpus now always has `indicators` (empty here)."""
    from pdfs import EXPLANATION, text_pdf

    from pipeline.cli import main
    from pipeline.publish.corpus import packages_to_corpus
    from pipeline.publish.exports import corpus_to_duckdb, corpus_to_sqlite

    pdf = text_pdf(tmp_path / "某局2026年部门预算.pdf", [EXPLANATION])
    assert main(["build", str(pdf), "--out", str(tmp_path / "packages")]) == 0
    (package,) = (tmp_path / "packages").iterdir()
    assert "indicators" not in {r["name"] for r in json.loads((package / "datapackage.json").read_text())["resources"]}
    corpus, _ = packages_to_corpus(tmp_path / "packages", tmp_path / "packages")
    assert validate(str(corpus / "datapackage.json")).valid
    corpus_to_duckdb(corpus, tmp_path / "corpus.duckdb")
    corpus_to_sqlite(corpus, tmp_path / "corpus.sqlite")
    with duckdb.connect(str(tmp_path / "corpus.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM execution").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM indicators").fetchone() == (0,)
    with sqlite3.connect(tmp_path / "corpus.sqlite") as con:
        assert con.execute("SELECT count(*) FROM execution").fetchone() == (0,)
