"""Limits: a decompression bomb, a document past the worker's memory cap, a worker that dies and
one that hangs each fail alone with a reason, and every other input is still packaged."""

from __future__ import annotations

from pathlib import Path

import hooks
import pytest
from pdfs import EXPLANATION, bomb_pdf, text_pdf

from pipeline.cli import main
from pipeline.read.limits import Limits
from pipeline.run.batch import run_batch

# The bound: one hostile document may not take more than 1 GiB.
GIB_MB = 1024


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    """About 1 MB of PDF whose one content stream inflates to 1 GiB."""
    path = bomb_pdf(tmp_path_factory.mktemp("bomb") / "bomb.pdf")
    assert path.stat().st_size < 1.1e6
    return path


def good_pdf(folder: Path, name: str = "某局2026年部门预算.pdf") -> Path:
    return text_pdf(folder / name, [EXPLANATION])


@pytest.mark.slow
def test_a_decompression_bomb_stops_at_the_stream_limit_within_1_gib(bomb, tmp_path, capsys, monkeypatch):
    # the worker may not even map 1 GiB: reaching the stream limit first shows it never needed to
    monkeypatch.setenv("PIPELINE_WORKER_MEMORY_MB", str(GIB_MB))
    good = good_pdf(tmp_path)
    assert main(["build", str(bomb), str(good), "--out", str(tmp_path / "out")]) == 1
    printed = capsys.readouterr().out
    assert f"FAILED {bomb}: too large: a content stream inflates beyond 64 MB (PIPELINE_MAX_STREAM_MB)" in printed
    assert "summary: 1 packaged, 1 failed" in printed


@pytest.mark.slow
def test_without_the_stream_limit_the_memory_cap_stops_the_bomb(bomb, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PIPELINE_MAX_STREAM_MB", "0")  # 0: no limit
    monkeypatch.setenv("PIPELINE_WORKER_MEMORY_MB", str(GIB_MB))
    assert main(["build", str(bomb), "--out", str(tmp_path / "out")]) == 1
    assert (f"FAILED {bomb}: too large: reading it needs more than the worker's {GIB_MB} MB of memory "
            "(PIPELINE_WORKER_MEMORY_MB)") in capsys.readouterr().out


def test_a_worker_that_dies_or_hangs_fails_only_its_document(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    good = good_pdf(inputs)
    bad = ["killed.pdf", "exits.pdf", "spins.pdf", "spins-in-tables.pdf", "hangs.pdf"]
    for name in bad:
        (inputs / name).write_bytes(good.read_bytes())
    out = tmp_path / "out"
    limits = Limits(document_seconds=2)
    outcomes = list(run_batch([str(inputs / n) for n in bad] + [str(good)], str(out), jobs=2, limits=limits,
                              task=hooks.misbehave))
    assert len(outcomes) == 6  # every input has its line
    lines = {Path(o.path).name: o.line.removeprefix(f"FAILED {o.path}: ") for o in outcomes}
    assert lines["killed.pdf"] == "worker died (killed by SIGKILL: out of memory?)"
    assert lines["exits.pdf"] == "worker died (exit status 3) before reporting"
    assert lines["spins.pdf"] == ("too slow: stopped after 2 s of CPU time (PIPELINE_DOCUMENT_SECONDS); a hang or a "
                                  "very large document")
    # issue 22: the limit's message says which stage was running
    assert lines["spins-in-tables.pdf"] == ("too slow: stopped after 2 s of CPU time (PIPELINE_DOCUMENT_SECONDS) while "
                                            "reading the tables; a hang or a very large document")
    assert lines["hangs.pdf"] == ("stuck: no result after 6 s while hardly using the CPU "
                                  "(PIPELINE_DOCUMENT_SECONDS × 3)")
    assert lines[good.name].startswith("moushi-mouju-2026-dept-budget-explanation-")
    assert [p.name for p in out.iterdir()] == [lines[good.name].split("\t")[0]]


def test_regression_a_worker_sees_the_settings_of_the_command_not_of_the_fork_server(tmp_path, monkeypatch):
    """A setting changed after the fork server started (test_ocr_sample's own OCR cache) never
    reached the workers: they read the cache the server's environment named."""
    from pipeline.run.workers import run_isolated

    def run() -> dict:
        (settings,) = run_isolated(["a.pdf"], str(tmp_path), 1, Limits(), hooks.report_settings, lambda p, r: r)
        return settings

    monkeypatch.setenv("PIPELINE_OCR_CACHE", "off")
    run()  # the fork server is up, with this environment
    monkeypatch.setenv("PIPELINE_OCR_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("PIPELINE_SOMETHING", "1")
    assert {k: v for k, v in run().items() if k in ("PIPELINE_OCR_CACHE", "PIPELINE_SOMETHING")} == {
        "PIPELINE_OCR_CACHE": str(tmp_path / "cache"), "PIPELINE_SOMETHING": "1"}
    monkeypatch.delenv("PIPELINE_SOMETHING")
    assert "PIPELINE_SOMETHING" not in run()


def test_limits_come_from_the_environment():
    env = {"PIPELINE_MAX_STREAM_MB": "8", "PIPELINE_WORKER_MEMORY_MB": "0", "PIPELINE_DOCUMENT_SECONDS": " 60 "}
    assert Limits.from_env(env) == Limits(max_stream_mb=8, worker_memory_mb=0, document_seconds=60)
    assert Limits.from_env({}) == Limits()
    with pytest.raises(ValueError, match="PIPELINE_DOCUMENT_SECONDS must be a whole number"):
        Limits.from_env({"PIPELINE_DOCUMENT_SECONDS": "1h"})
