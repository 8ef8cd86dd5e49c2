"""The command line keeps going past bad inputs and says why each failed."""

from __future__ import annotations

from conftest import SAMPLE, SAMPLE_ID

from pipeline.cli import main


def test_bad_inputs_are_reported_and_skipped(tmp_path, capsys):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    text = tmp_path / "notes 说明.pdf"
    text.write_text("这不是PDF", encoding="utf-8")
    out = tmp_path / "out"
    rc = main(["build", str(empty), str(text), str(tmp_path / "missing.pdf"), str(SAMPLE), "--out", str(out)])
    printed = capsys.readouterr().out
    assert rc == 1
    assert f"FAILED {empty}: empty file" in printed
    assert f"FAILED {text}: not a PDF" in printed
    assert "missing.pdf: file not found" in printed
    assert SAMPLE_ID in printed
    assert sorted(p.name for p in out.iterdir()) == [SAMPLE_ID]
