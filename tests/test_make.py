"""The Makefile on a copy of the project: Chinese names with spaces, a name made to inject shell
commands, a bad PDF among good ones (reported, retried by the next make, the rest published), a
second make that does nothing, a touched PDF or module that rebuilds only what depends on it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT
from pdfs import EXPLANATION, text_pdf

from pipeline.run.makerules import status_key

VENV = Path(sys.prefix)
pytestmark = pytest.mark.slow  # a copy of the project built by make, several times
HOSTILE = ";touch${IFS}PWNED;.pdf"  # `;` would start a recipe in a Make rule, `${IFS}` a space in the shell


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    if not (VENV / ".installed").exists():
        pytest.skip("run through `make test`: the project's .venv is needed")
    d = tmp_path_factory.mktemp("project")
    for name in ("Makefile", "mkdocs.yml", "requirements.txt", "package.json", "package-lock.json"):
        shutil.copy2(ROOT / name, d / name)
    # installed with the .venv (make's $(INSTALLED)); a copy, not a link: an install step run in
    # the copy (npm ci empties node_modules) must not reach the checkout's
    shutil.copytree(ROOT / "node_modules", d / "node_modules")
    shutil.copytree(ROOT / "pipeline", d / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    (d / "sources").mkdir()
    # the smallest document that makes a package and a page: what is tested is Make's part
    text_pdf(d / "sources" / "大同 2026 单位预算.pdf", [EXPLANATION])
    shutil.copy2(d / "sources" / "大同 2026 单位预算.pdf", d / "sources" / "second copy.pdf")
    # the same document re-issued under a hostile name: another PDF, so another package
    (d / "sources" / HOSTILE).write_bytes(small_pdf(d) + b"\n")
    (d / "sources" / "坏文件.pdf").write_text("not a pdf", encoding="utf-8")
    return d


def small_pdf(project: Path) -> bytes:
    return (project / "sources" / "大同 2026 单位预算.pdf").read_bytes()


def make(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(["make", f"VENV={VENV}", *args], cwd=project, capture_output=True, text=True, env=env)


def status(project: Path, name: str) -> str:
    """The doc-id (or FAILED line) the build of one source reported."""
    return (project / "build" / "status" / f"{status_key(name)}.txt").read_text(encoding="utf-8").split("\t")[0]


def test_make_builds_good_documents_reports_the_bad_one_and_builds_the_site(project):
    r = make(project, "-j2")
    assert r.returncode == 2, r.stdout + r.stderr  # everything else is published, then the run fails
    assert "FAILED sources/坏文件.pdf: not a PDF" in r.stderr
    assert "summary: 3 packaged, 1 failed" in r.stdout
    assert not list(project.rglob("PWNED*"))  # the hostile name ran nothing
    # one PDF under two names is one document: both builds report (and share) one package
    ident = status(project, "大同 2026 单位预算.pdf")
    assert status(project, "second copy.pdf") == ident
    reissued = status(project, HOSTILE)
    assert reissued != ident and reissued.startswith(ident.rsplit("-", 1)[0])
    packages = sorted(p.name for p in (project / "datapackages").iterdir())
    assert packages == sorted([ident, reissued, "corpus"])
    assert (project / "site" / ident / "index.html").is_file()
    assert (project / "site" / reissued / "index.html").is_file()
    assert "坏文件.pdf" in (project / "site" / "about.html").read_text(encoding="utf-8")  # listed with its reason


def test_second_make_retries_only_the_failed_input(project):
    assert make(project, "-q").returncode == 1  # the failed source is due again
    r = make(project)
    assert r.returncode == 2
    built = [line for line in r.stdout.splitlines() if "-m pipeline build" in line]
    assert len(built) == 1 and "坏文件.pdf" in built[0]
    # the same failure again: no corpus, no site
    assert "-m pipeline corpus" not in r.stdout and "-m pipeline html" not in r.stdout


def test_a_removed_failed_input_is_forgotten_and_then_make_does_nothing(project):
    (project / "sources" / "坏文件.pdf").unlink()
    r = make(project)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "summary: 3 packaged, 0 failed" in r.stdout
    assert "坏文件" not in (project / "site" / "about.html").read_text(encoding="utf-8")
    assert make(project, "-q").returncode == 0
    r = make(project)
    assert r.returncode == 0 and "pipeline build" not in r.stdout


def test_editing_a_module_the_build_imports_rebuilds_the_packages(project):
    engine = project / "pipeline" / "read" / "ocr" / "engine.py"  # reached only through the PDF reader
    template = project / "pipeline" / "publish" / "templates" / "home.md.j2"
    before = {p: p.stat().st_mtime for p in (engine, template)}
    try:
        time.sleep(1.1)
        engine.touch()
        assert make(project, "-n").stdout.count("-m pipeline build") == 3
        os.utime(engine, (before[engine], before[engine]))
        time.sleep(1.1)
        template.touch()
        planned = make(project, "-n").stdout
        assert "-m pipeline site" in planned and "-m pipeline build" not in planned
    finally:
        for p, t in before.items():
            os.utime(p, (t, t))
    assert make(project, "-q").returncode == 0


def test_touching_one_pdf_rebuilds_only_its_package(project):
    time.sleep(1.1)
    (project / "sources" / "second copy.pdf").touch()
    r = make(project)
    assert r.returncode == 0, r.stderr
    built = [line for line in r.stdout.splitlines() if "-m pipeline build" in line]
    assert len(built) == 1 and "second copy.pdf" in built[0]
    assert make(project, "-q").returncode == 0


def test_a_pdf_that_turns_bad_loses_its_package_but_not_the_ones_it_shares(project):
    time.sleep(1.1)
    ident = status(project, "大同 2026 单位预算.pdf")
    (project / "sources" / HOSTILE).write_text("not a pdf any more", encoding="utf-8")
    (project / "sources" / "second copy.pdf").write_text("nor this", encoding="utf-8")
    r = make(project)
    assert r.returncode == 2, r.stdout + r.stderr
    packages = sorted(p.name for p in (project / "datapackages").iterdir())
    assert packages == sorted([ident, "corpus"])  # 大同 2026 单位预算.pdf still builds it
    assert not list(project.rglob("PWNED*"))
    # mended, both are built again by the next make (failed sources are retried)
    (project / "sources" / HOSTILE).write_bytes(small_pdf(project) + b"\n")
    shutil.copy2(project / "sources" / "大同 2026 单位预算.pdf", project / "sources" / "second copy.pdf")
    r = make(project)
    assert r.returncode == 0, r.stdout + r.stderr
    assert len(list((project / "datapackages").iterdir())) == 3


def test_a_broken_link_fails_the_site_build(project):
    """mkdocs --strict must fail on a warning; with --quiet it never saw one, so it never failed."""
    docs = project / "build" / "docs"
    page = docs / "broken.md"
    page.write_text("[见附表](nowhere.md)\n", encoding="utf-8")
    (docs / ".built").touch()
    try:
        r = make(project, "site/index.html")
        assert r.returncode != 0, r.stdout + r.stderr
        assert "'nowhere.md', but the target is not found" in r.stdout + r.stderr
        assert "Aborted with 1 warnings in strict mode!" in r.stdout + r.stderr
        assert "INFO    -" not in r.stdout + r.stderr  # only what needs reading is shown
    finally:
        page.unlink()
    (docs / ".built").touch()
    assert make(project).returncode == 0


def test_two_makes_at_once_do_not_break_each_other(project):
    """The second run waits for the first (a lock), then finds everything up to date: one build of
    the touched source, one corpus, one site."""
    time.sleep(1.1)
    (project / "sources" / "大同 2026 单位预算.pdf").touch()
    (project / "mkdocs.yml").touch()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    runs = [subprocess.Popen(["make", f"VENV={VENV}", "-j2"], cwd=project, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=env) for _ in range(2)]
    results = [(run.wait(), *run.communicate()) for run in runs]
    assert [rc for rc, _, _ in results] == [0, 0], results
    printed = "".join(out for _, out, _ in results)
    assert printed.count("-m pipeline build") == 1 and printed.count("-m pipeline corpus") == 1
    assert printed.count("-m pipeline html") == 1
    assert make(project, "-q").returncode == 0
