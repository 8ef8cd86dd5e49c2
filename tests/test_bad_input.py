"""Bad input: each kind gets one clear line naming the file, nothing is left behind for it,
the other inputs are still packaged, and the exit status is non-zero."""

from __future__ import annotations

import pytest
from conftest import SAMPLE, SAMPLE_ID
from pdfs import encrypted_pdf, image_pdf, text_pdf, truncated_pdf

from pipeline.cli import main


@pytest.fixture
def bad_files(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "zero bytes.pdf").write_bytes(b"")
    (d / "notes.pdf").write_text("这只是一个文本文件。\n", encoding="utf-8")
    return {
        "zero bytes.pdf": "empty file",
        "notes.pdf": "not a PDF",
        "truncated.pdf": truncated_pdf(SAMPLE, d / "truncated.pdf") and "damaged PDF",
        "locked.pdf": encrypted_pdf(SAMPLE, d / "locked.pdf") and "encrypted PDF",
        "扫描件.pdf": image_pdf(d / "扫描件.pdf") and "not a budget disclosure",  # an image with no words
        "menu.pdf": text_pdf(d / "menu.pdf", [["午餐菜单", "红烧肉 25元"]]) and "not a budget disclosure",
    }, d


def test_each_bad_file_named_with_its_reason_and_the_sample_still_packaged(bad_files, tmp_path, capsys):
    reasons, d = bad_files
    out = tmp_path / "out"
    inputs = [str(d / name) for name in reasons] + [str(SAMPLE)]
    rc = main(["build", *inputs, "--out", str(out)])
    lines = capsys.readouterr().out.splitlines()
    assert rc == 1
    for name, reason in reasons.items():
        line = next((x for x in lines if x.startswith(f"FAILED {d / name}:")), None)
        assert line is not None, (name, lines)
        assert reason in line, (name, line)
    assert any(x.startswith(SAMPLE_ID + "\t") for x in lines)
    assert sorted(p.name for p in out.iterdir()) == [SAMPLE_ID]  # no folder, no temp file for the bad ones


def test_explanation_only_part_is_not_bad_input(tmp_path, capsys):
    """A 情况说明-only disclosure part is packaged with its text and no tables."""
    pdf = text_pdf(tmp_path / "某局2026年部门预算情况说明.pdf", [
        ["某市某局", "2026年部门预算", "一、收入预算情况说明", "2026年收入预算100.00万元。"],
        ["二、名词解释", "1.基本支出：指为保障机构正常运转而发生的支出。", "2.项目支出：指基本支出之外的支出。"],
    ])
    out = tmp_path / "out"
    assert main(["build", str(pdf), "--out", str(out)]) == 0
    import json

    (folder,) = list(out.iterdir())
    d = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert (d["publisher"], d["fiscal_year"], d["document_type"]) == ("某市某局", 2026, "department_budget")
    assert d["disclosure_part"] == "explanation_only"
    glossary = (folder / "data" / "glossary.csv").read_text(encoding="utf-8").splitlines()
    assert glossary[1].startswith("基本支出,") and len(glossary) == 3
