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


def test_one_pdf_given_twice_is_packaged_once(tmp_path, capsys):
    import shutil

    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    shutil.copy(SAMPLE, a / "same.pdf")
    shutil.copy(SAMPLE, b / "same.pdf")
    rc = main(["build", str(a / "same.pdf"), str(b / "same.pdf"), "--out", str(tmp_path / "out"), "--jobs", "1"])
    printed = capsys.readouterr().out
    assert rc == 0
    assert f"{SAMPLE_ID}\t与 {a / 'same.pdf'} 是同一份文件（内容相同），只打包一次" in printed
    assert [p.name for p in (tmp_path / "out").iterdir()] == [SAMPLE_ID]
