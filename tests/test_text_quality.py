"""Text that decodes to garbage: refused when most of it is, a warning finding and a descriptor
flag when some is, nothing when none is."""

from __future__ import annotations

import json

from conftest import read_csv
from pdfs import garbled_pdf

from pipeline.cli import main
from pipeline.model import Cell, Grid, Line, Page
from pipeline.read.textquality import failure, garbled_outcomes, garbled_property, measure


def page(number: int, *texts: str, cells: tuple[str, ...] = ()) -> Page:
    grid = Grid(number, (0, 0, 1, 1), 1, len(cells), [Cell(0, j, 1, 1, t) for j, t in enumerate(cells)], [])
    return Page(number, 595, 842, [Line(t, 0, 0, 1, 1) for t in texts], [grid] if cells else [])


def test_unmapped_glyphs_replacement_and_private_use_characters_count_as_garbage():
    pages = [page(1, "部门预算 2026"), page(2, "(cid:12)(cid:345)收入", cells=("\ufffd\ue001", "100.00")),
             page(3, "\uf8ff")]
    g = measure(pages)
    assert (g.characters, g.pages) == (5, (2, 3))
    assert g.total == 8 + 2 + 2 + 2 + 6 + 1  # every non-space character, a (cid:N) as one
    assert failure(pages) is None
    (outcome,) = garbled_outcomes(pages)
    assert (outcome.finding.rule, outcome.finding.severity, outcome.finding.page) == ("garbled_text", "warning", 2)
    assert garbled_property(pages)["garbled_text"]["pages"] == [2, 3]


def test_clean_text_adds_no_finding_and_no_property():
    pages = [page(1, "部门预算", cells=("合计", "1.00"))]
    assert garbled_outcomes(pages) == [] and garbled_property(pages) == {} and failure(pages) is None


def test_mostly_garbage_fails():
    reason = failure([page(1, "预算", "(cid:1)(cid:2)(cid:3)")])
    assert reason is not None and reason.startswith("garbled text: 3 of 5 characters (60.0%)")


def test_some_garbage_is_packaged_with_a_warning_and_a_flag(tmp_path, capsys):
    pdf = garbled_pdf(tmp_path / "某局2026年部门预算.pdf", ["无法识别的字"])
    out = tmp_path / "out"
    assert main(["build", str(pdf), "--out", str(out)]) == 0
    assert "1 warnings" in capsys.readouterr().out
    (folder,) = out.iterdir()
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    flag = descriptor["garbled_text"]
    assert (flag["characters"], flag["pages"]) == (6, [1]) and 0.1 < flag["share"] < 0.5
    (finding,) = read_csv(folder, "findings")
    assert (finding["rule"], finding["severity"], finding["page"], finding["printed"]) == (
        "garbled_text", "warning", "1", "6")
    assert finding["message"].startswith("第 1 页共有 6 个字符") and "文字和金额可能有误" in finding["message"]
