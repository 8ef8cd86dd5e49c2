"""Many inputs: a process pool and a Dask cluster give the same packages as one by one."""

from __future__ import annotations

import shutil

import pytest
from conftest import SAMPLE, SAMPLE_ID

from pipeline.cli import main
from pipeline.run.batch import run_batch


@pytest.fixture
def inputs(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(SAMPLE, d / "一号 副本.pdf")
    altered = d / "second.pdf"  # the same document, re-issued with one byte more: another PDF
    altered.write_bytes(SAMPLE.read_bytes() + b"\n")
    (d / "broken.pdf").write_bytes(b"%PDF-1.4\nnot really")
    return [str(SAMPLE), str(d / "一号 副本.pdf"), str(altered), str(d / "broken.pdf")]


def package_bytes(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
            and p.name != "datapackage.json"}


def test_process_pool_packages_every_good_input_and_summarises(inputs, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", *inputs, "--out", str(out), "--jobs", "2"]) == 1
    printed = capsys.readouterr().out
    # it stops after a header: what a download cut off early leaves
    assert "summary: 3 packaged, 1 failed" in printed and "broken.pdf: incomplete PDF" in printed
    # the copy under another name is the same document: one package, reported with its id
    assert f"{SAMPLE_ID}\t与 {SAMPLE} 是同一份文件（内容相同），只打包一次" in printed
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 2 and SAMPLE_ID in names
    (other,) = set(names) - {SAMPLE_ID}
    # a different PDF of the same publisher, year, type and part gets its own id, not an overwrite
    assert other.rsplit("-", 1)[0] == SAMPLE_ID.rsplit("-", 1)[0]
    assert package_bytes(out / SAMPLE_ID) == package_bytes(out / other)


def test_dask_local_cluster_runs_the_same_stage(inputs, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    out = tmp_path / "dask"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=":0") as cluster:
        outcomes = list(run_batch([inputs[0], inputs[2], inputs[3]], str(out), scheduler=cluster.scheduler_address))
    assert sorted(o.ok for o in outcomes) == [False, True, True]
    assert (out / SAMPLE_ID / "datapackage.json").is_file()
    (other,) = {o.doc_id for o in outcomes if o.ok} - {SAMPLE_ID}
    assert package_bytes(out / SAMPLE_ID) == package_bytes(out / other)
