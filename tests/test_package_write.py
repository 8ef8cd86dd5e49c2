"""Writing a package folder: swapped in whole under a lock, even by two processes at once; and
the `.<name>.….tmp` / `.old` folders a killed build leaves are removed by the next build (those
an hour old or whose process is gone), which says so."""

from __future__ import annotations

import os
import subprocess
import time

from pdfs import EXPLANATION, text_pdf

from pipeline.cli import main
from pipeline.model import Field, Resource
from pipeline.package.write import _HOST, clean_stale, write_package


def _write_many(out: str, writer: int) -> None:
    for n in range(150):  # without the lock, three writers collide within a few hundred swaps
        rows = [{"writer": str(writer), "n": str(n)}] * (1 + n % 3)
        resource = Resource(name="t", title="t", fields=[Field("writer", "string", "w"), Field("n", "string", "n")],
                            rows=rows, description="", primary_key=[])
        write_package({"name": "same-doc"}, [resource], out)


def test_two_processes_writing_one_package_leave_it_whole(tmp_path):
    """One PDF under two names, built by `make -j2`: both publish the same package; the folder
    swap (two renames) is done under the output folder's lock."""
    import hashlib
    import json
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    writers = [ctx.Process(target=_write_many, args=(str(tmp_path), w)) for w in range(3)]
    for w in writers:
        w.start()
    for w in writers:
        w.join()
    assert [w.exitcode for w in writers] == [0, 0, 0]
    assert [p.name for p in tmp_path.iterdir()] == ["same-doc"]  # no temporary folder left
    descriptor = json.loads((tmp_path / "same-doc" / "datapackage.json").read_text(encoding="utf-8"))
    data = (tmp_path / "same-doc" / "data" / "t.csv").read_bytes()
    assert descriptor["resources"][0]["hash"] == f"sha256:{hashlib.sha256(data).hexdigest()}"


def folder(path, age_seconds: float = 0):
    (path / "data").mkdir(parents=True)
    (path / "data" / "facts.csv").write_text("half written", encoding="utf-8")
    t = time.time() - age_seconds
    os.utime(path, (t, t))
    return path


def dead_pid() -> int:
    p = subprocess.Popen(["true"])
    p.wait()
    return p.pid


def test_a_build_removes_stale_temporary_folders_and_says_so(tmp_path, capsys):
    out = tmp_path / "out"
    stale = {
        folder(out / ".a-2026-dept-budget-1a2b3c.elsewhere-12.k3j4h5g6.tmp", age_seconds=7200).name,
        folder(out / f".b-2026-unit-final-4d5e6f.{_HOST}-{dead_pid()}.q1w2e3r4.old").name,
        folder(out / ".c-2026-dept-final-7a8b9c.x9y8z7w6.tmp", age_seconds=3700).name,  # named before hosts were
    }
    kept = {
        folder(out / ".d-2026-dept-budget-0a0b0c.elsewhere-12.a1s2d3f4.tmp").name,  # another machine's, recent
        folder(out / f".e-2026-dept-budget-0d0e0f.{_HOST}-{os.getpid()}.z1x2c3v4.tmp").name,  # still writing
        folder(out / "f-2026-dept-budget-0f0f0f", age_seconds=7200).name,  # a package, however old
    }
    pdf = text_pdf(tmp_path / "某局2026年部门预算.pdf", [EXPLANATION])
    assert main(["build", str(pdf), "--out", str(out)]) == 0
    printed = capsys.readouterr()
    for name in stale:
        assert f"removed {out / name}: left by a build that did not finish" in printed.err
    assert "removed" not in printed.out  # stdout stays one line per input (Make's status files)
    names = {p.name for p in out.iterdir()}
    assert not names & stale and kept <= names
    assert clean_stale(out) == []


def test_an_invalid_package_is_never_published_and_says_why(tmp_path):
    """Issue 26: a package Frictionless rejects is a failed input, never a folder in the output."""
    import pytest

    from pipeline.model import InputError

    fields = [Field("code", "string", "科目编码"), Field("code", "string", "项目/科目编码")]
    resource = Resource(name="t", title="t", fields=fields, rows=[{"code": "201"}], description="", primary_key=[])
    with pytest.raises(InputError, match="^invalid package: schema-error: names of the fields are not unique"):
        write_package({"name": "bad-doc"}, [resource], tmp_path)
    assert list(tmp_path.iterdir()) == []  # neither the package nor its temporary folder


def test_a_valid_package_passes_the_same_validation(tmp_path):
    from frictionless import validate

    fields = [Field("code", "string", "科目编码"), Field("code_item", "string", "项目/科目编码")]
    resource = Resource(name="t", title="t", fields=fields, rows=[{"code": "201", "code_item": "01"}],
                        description="", primary_key=[])
    folder = write_package({"name": "good-doc"}, [resource], tmp_path)
    assert validate(str(folder / "datapackage.json")).valid
