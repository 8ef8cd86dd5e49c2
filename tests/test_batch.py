"""Many inputs: a process pool and a Dask cluster give the same packages as one by one."""

from __future__ import annotations

import shutil

import pytest
from conftest import SAMPLE, SAMPLE_ID

from pipeline.batch import run_batch
from pipeline.cli import main
from pipeline.ids import doc_id


@pytest.fixture
def inputs(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    copies = [d / "一号 副本.pdf", d / "second.pdf"]
    for c in copies:
        shutil.copy(SAMPLE, c)
    (d / "broken.pdf").write_bytes(b"%PDF-1.4\nnot really")
    return [str(SAMPLE), *map(str, copies), str(d / "broken.pdf")]


def package_bytes(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
            and p.name != "datapackage.json"}


def test_process_pool_packages_every_good_input_and_summarises(inputs, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", *inputs, "--out", str(out), "--jobs", "2"]) == 1
    printed = capsys.readouterr().out
    assert "summary: 3 packaged, 1 failed" in printed and "broken.pdf: damaged PDF" in printed
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([SAMPLE_ID, doc_id("一号 副本.pdf"), "second"])
    # the same PDF under another name gives the same data
    assert package_bytes(out / SAMPLE_ID) == package_bytes(out / "second")


def test_dask_local_cluster_runs_the_same_stage(inputs, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    out = tmp_path / "dask"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        outcomes = list(run_batch(inputs, str(out), scheduler=cluster.scheduler_address))
    assert sorted(o.ok for o in outcomes) == [False, True, True, True]
    assert (out / SAMPLE_ID / "datapackage.json").is_file()
    assert package_bytes(out / SAMPLE_ID) == package_bytes(out / "second")
