"""The corpus package: documents, facts with fiscal metadata, code lists, foreign keys, SQLite."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

from conftest import ROOT
from frictionless import validate

from pipeline.corpus import corpus_to_sqlite, direction, packages_to_corpus


def rows(folder: Path, name: str) -> list[dict]:
    with (folder / "data" / f"{name}.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def check_corpus(packages: Path, out: Path) -> Path:
    folder, n = packages_to_corpus(packages, out)
    report = validate(folder / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    docs = [p.parent for p in packages.glob("*/datapackage.json") if p.parent.name != "corpus"]
    assert n == sum(len(rows(d, "facts")) for d in docs) == len(rows(folder, "facts"))
    assert {r["doc_id"] for r in rows(folder, "documents")} == {d.name for d in docs}
    db = out / "corpus.sqlite"
    corpus_to_sqlite(folder, db)
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from facts").fetchone()[0] == n
    con.close()
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
    assert (c["name"], c["level"], c["parent"]) == ("行政运行", "项", "20103")
    econ = {r["code"]: r for r in rows(folder, "economic_classification")}
    assert econ == {} or all(c[0] in "35" for c in econ)


def test_corpus_package_foreign_key_is_enforced(tmp_path):
    folder = check_corpus(ROOT / "datapackages", tmp_path)
    pkg = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    facts = next(r for r in pkg["resources"] if r["name"] == "facts")
    assert facts["schema"]["foreignKeys"][0]["reference"] == {"resource": "documents", "fields": ["doc_id"]}
    # a fact pointing at no document makes the package invalid
    with (folder / "data" / "facts.csv").open("a", encoding="utf-8") as f:
        f.write("no-such-doc,summary,,合计,收入,1,万元,10000,1,1,CNY,10000,approved,income,\n")
    assert not validate(folder / "datapackage.json").valid


def test_direction_of_two_sided_tables():
    assert direction("summary", "收入/预算数") == "income"
    assert direction("summary", "支出/合计") == "expenditure"
    assert direction("income", "本年收入/合计") == "income"
    assert direction("expenditure", "合计") == "expenditure"


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
    assert parts["explanation_only"][1] == [{"name": parts["complete"][0], "disclosure_part": "complete"}]
    assert parts["complete"][1] == [{"name": parts["explanation_only"][0], "disclosure_part": "explanation_only"}]
    assert validate(out / "corpus" / "datapackage.json").valid
