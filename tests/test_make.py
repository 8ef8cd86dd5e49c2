"""The Makefile on a copy of the project: Chinese names with spaces, a bad PDF among good
ones, a second make that does nothing, and a touched PDF that rebuilds only its package."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE

from pipeline.ids import doc_id

VENV = Path(sys.prefix)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    if not (VENV / ".installed").exists():
        pytest.skip("run through `make test`: the project's .venv is needed")
    d = tmp_path_factory.mktemp("project")
    for name in ("Makefile", "mkdocs.yml", "requirements.txt"):
        shutil.copy2(ROOT / name, d / name)
    shutil.copytree(ROOT / "pipeline", d / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    (d / "sources").mkdir()
    shutil.copy2(SAMPLE, d / "sources" / "大同 2026 单位预算.pdf")
    shutil.copy2(SAMPLE, d / "sources" / "second copy.pdf")
    (d / "sources" / "坏文件.pdf").write_text("not a pdf", encoding="utf-8")
    return d


def make(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(["make", f"VENV={VENV}", *args], cwd=project, capture_output=True, text=True, env=env)


def test_make_builds_good_documents_reports_the_bad_one_and_builds_the_site(project):
    r = make(project, "-j2")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "FAILED sources/坏文件.pdf: not a PDF" in r.stderr
    for name in ("大同 2026 单位预算.pdf", "second copy.pdf"):
        assert (project / "datapackages" / doc_id(name) / "datapackage.json").is_file()
    assert not (project / "datapackages" / doc_id("坏文件.pdf")).exists()
    assert (project / "site" / doc_id("second copy.pdf") / "index.html").is_file()


def test_second_make_does_nothing(project):
    assert make(project, "-q").returncode == 0
    r = make(project)
    assert r.returncode == 0 and "pipeline build" not in r.stdout


def test_touching_one_pdf_rebuilds_only_its_package(project):
    time.sleep(1.1)
    (project / "sources" / "second copy.pdf").touch()
    r = make(project)
    assert r.returncode == 0, r.stderr
    built = [line for line in r.stdout.splitlines() if "-m pipeline build" in line]
    assert len(built) == 1 and "second copy.pdf" in built[0]
    assert make(project, "-q").returncode == 0
