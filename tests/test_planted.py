"""Issue 25: problems planted in the bundled sample, each consistent within its own table or
sentence, so that only a check across tables (or against the tables) can find it. The sample's
printed digits are changed in its page content streams (the document itself, never a corpus
page), the planted PDF goes through the real pipeline, and the package must report the problem.

The unplanted sample has no error (tests/test_sample_package.py)."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SAMPLE
from pypdf import PdfWriter

from pipeline.cli import main

LITERAL = re.compile(rb"\(((?:[^()\\]|\\.)*)\)")
CELL_AT = re.compile(rb"1 0 0 1 [\d.]+ ([\d.]+) cm")

# (page index, printed digits, planted digits, which occurrences: the y of their cell or None for all)
Edit = tuple[int, bytes, bytes, Callable[[bytes], bool] | None]


def plant(source: Path, target: Path, edits: list[Edit]) -> Path:
    """The PDF with digits replaced inside its text-showing strings, page by page."""
    writer = PdfWriter(clone_from=source)
    for index in sorted({e[0] for e in edits}):
        page = writer.pages[index]
        content = page.get_contents()
        assert content is not None
        data = content.get_data()
        for _, old, new, where in (e for e in edits if e[0] == index):
            out, last, y, found = [], 0, b"", 0
            for m in re.finditer(LITERAL.pattern + rb"|" + CELL_AT.pattern, data):
                if m.group(2) is not None:
                    y = m.group(2)
                    continue
                if old in m.group(1) and (where is None or where(y)):
                    out += [data[last:m.start(1)], m.group(1).replace(old, new)]
                    last, found = m.end(1), found + 1
            assert found, f"page {index} prints no {old!r} there"
            data = b"".join(out) + data[last:]
        content.set_data(data)
        page.replace_contents(content)
    with target.open("wb") as f:
        writer.write(f)
    return target


def findings_of(pdf: Path, out: Path) -> list[dict[str, str]]:
    assert main(["build", str(pdf), "--out", str(out)]) == 0
    (package,) = [p for p in out.iterdir() if (p / "datapackage.json").exists()]
    with (package / "data" / "findings.csv").open(encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


PLANTED = {
    # the 收支总表 both sides 10.00 higher (its own sums still hold); the income and expenditure
    # tables keep 1,564.72
    "summary_against_tables": ([(5, b"1564.72", b"1574.72", None), (5, b"1300.26", b"1310.26", None),
                                (6, b"1564.72", b"1574.72", None)],
                               {("summary_matches_tables", "error")}),
    # 收入总计 and 支出总计 1,600.00 on both sides (they still agree), the year's totals and an empty
    # 上年结转 left: the balance identity breaks
    "balance_identity": ([(6, b"1564.72", b"1600.00", lambda y: float(y) < 10)],
                         {("balance_identities", "error")}),
    # the 支出总表 prints 2010301 and 2010306 swapped with their names and amounts
    "codes_swapped": ([(9, b"2010301", b"2010399", None), (9, b"2010306", b"2010301", None),
                       (9, b"2010399", b"2010306", None)],
                      {("names_agree_by_code", "warning"), ("codes_agree_across_tables", "error")}),
    # the stated shares of 基本支出 and 项目支出 still add up to 100%
    "shares": ([(20, b"62.25%", b"65.25%", None), (20, b"37.75%", b"34.75%", None)],
               {("text_shares", "error")}),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(PLANTED))
def test_issue_25_a_planted_problem_in_the_sample_is_found(name, tmp_path, sample_build):
    edits, expected = PLANTED[name]
    with (sample_build / "data" / "findings.csv").open(encoding="utf-8-sig") as f:
        before = {(x["rule"], x["severity"]) for x in csv.DictReader(f)}
    assert not expected & before  # what the planting is to cause, the sample as printed does not
    pdf = plant(SAMPLE, tmp_path / f"planted-{name}.pdf", edits)
    found = {(f["rule"], f["severity"]) for f in findings_of(pdf, tmp_path / "out")}
    assert expected <= found, (name, sorted(found))
