"""One way to write a file (pipeline/files.py): whole or not at all, nothing left behind."""

from __future__ import annotations

import pytest

from pipeline.files import atomic_path, swap_folder, write_atomic


def test_write_atomic_replaces_the_whole_file(tmp_path):
    path = tmp_path / "a" / "page.md"
    write_atomic(path, "第一版")
    write_atomic(path, "第二版")
    assert path.read_text(encoding="utf-8") == "第二版"
    assert [p.name for p in path.parent.iterdir()] == ["page.md"]


def test_a_write_that_fails_leaves_the_old_file_and_no_temporary_one(tmp_path):
    path = tmp_path / "corpus.sqlite"
    write_atomic(path, b"old")
    with pytest.raises(RuntimeError), atomic_path(path) as tmp:
        assert not tmp.exists()  # a database may create it
        tmp.write_bytes(b"half")
        tmp.with_name(tmp.name + "-journal").write_bytes(b"j")
        raise RuntimeError("killed")
    assert path.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["corpus.sqlite"]


def test_swap_folder_puts_the_new_folder_in_place_and_hands_back_the_old(tmp_path):
    final, new = tmp_path / "parquet", tmp_path / ".new"
    final.mkdir()
    (final / "a.parquet").write_text("old")
    new.mkdir()
    (new / "a.parquet").write_text("new")
    old = swap_folder(new, final)
    assert (final / "a.parquet").read_text() == "new" and (old / "parquet" / "a.parquet").read_text() == "old"
