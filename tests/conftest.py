"""Shared fixtures: the bundled sample built once per session through the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.read.ocr.engine import set_threads

# A test worker that reads scans in its own process (test_ocr.py) does so with its share of the
# cores, as each document's worker of a build does (run/batch.py gives those theirs): two OCR
# engines with a thread on every core slow each other down.
if workers := os.environ.get("PYTEST_XDIST_WORKER_COUNT"):
    set_threads((os.cpu_count() or 1) // int(workers))

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "sources" / "datong-2026-unit-budget.pdf"
# <division>-<publisher pinyin>-<year>-<type>-<sha256 start> (pipeline/package/identity.py), not the file name
SAMPLE_ID = "140200-datongshi-xingzheng-shenpi-fuwu-guanliju-2026-unit-budget-415a26"
CORPUS = SHARED / "corpus"


def needs_shared(*paths: Path):
    """Mark a test that reads ../shared (the corpus, the eval truth, the scanned sample). Where it
    is absent the test is skipped in a plain clone, but fails in CI (CI=1), which must have it:
    a green run must never mean "nothing was checked"."""
    return pytest.mark.needs_shared(paths=paths)


# The test files that cost the most, most first (seconds of one cold run, tests --durations). The
# test workers take files in collection order (Makefile: --no-loadscope-reorder), one whole file
# at a time: a long file taken last would leave one worker running it alone at the end.
HEAVIEST_FIRST = ("test_corpus.py", "test_browser.py", "test_ocr_sample.py", "test_make.py",
                  "test_site_incremental.py", "test_ocr.py", "test_site.py", "test_identity.py",
                  "test_limits.py", "test_corpus_package.py", "test_planted.py", "test_batch.py",
                  "test_install.py", "test_bad_input.py")


def pytest_collection_modifyitems(session, config, items):
    rank = {name: i for i, name in enumerate(HEAVIEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: a file keeps its order


def pytest_runtest_setup(item):
    for mark in item.iter_markers("needs_shared"):
        missing = [str(p) for p in mark.kwargs["paths"] if not p.exists()]
        if missing:
            message = f"{', '.join(missing)} not present (the shared material next to the checkout)"
            if os.environ.get("CI"):
                pytest.fail(f"CI must have ../shared: {message}", pytrace=False)
            pytest.skip(message)


def table_indicators(package: Path, tmp: Path) -> Path:
    """A package folder holding only the indicators its tables print (source `table`), to score
    against ../shared/eval's truth: the truth files were checked before indicators took figures
    only the words state (source `text`, data contract: one answer per figure), which would count
    as extra there. The text rows are tested on their own (tests/test_text_resources.py)."""
    import csv

    with (package / "data" / "indicators.csv").open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames or [], [r for r in reader if r.get("source", "table") == "table"]
    (tmp / "data").mkdir(parents=True, exist_ok=True)
    with (tmp / "data" / "indicators.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return tmp


def package_of(out: Path, file_name: str) -> Path:
    """The package folder built from the PDF of that file name (ids come from what a PDF says)."""
    found = [p.parent for p in out.glob("*/datapackage.json")
             if json.loads(p.read_text(encoding="utf-8"))["sources"][0]["title"] == file_name]
    assert len(found) == 1, (file_name, found)
    return found[0]


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory) -> tuple[Path, int]:
    """Every ../shared/corpus PDF built through the CLI once per test run, for every test worker:
    the first to ask builds (under a lock), the others wait for it and read. (packages folder,
    the CLI's exit code)."""
    import fcntl

    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} is not present")
    # the workers of one run share their base folder's parent; a run without workers has its own
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    out, done = shared / "corpus-build", shared / "corpus-build.rc"
    with (shared / "corpus-build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            rc = 99  # the build raised: no other worker builds into its half-written folder again
            try:
                rc = main(["build", *map(str, sorted(CORPUS.glob("*.pdf"))), "--out", str(out)])
            finally:
                done.write_text(str(rc))
    return out, int(done.read_text())


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    assert main(["build", str(SAMPLE), "--out", str(out)]) == 0
    return out / SAMPLE_ID


@pytest.fixture(scope="session")
def sample_descriptor(sample_build) -> dict:
    return json.loads((sample_build / "datapackage.json").read_text(encoding="utf-8"))


def read_csv(folder: Path, name: str) -> list[dict]:
    import csv

    with (folder / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def site_config(tmp: Path) -> Path:
    """tmp/mkdocs.yml: the project's, for a site built from tmp/docs into tmp/site."""
    import re

    docs = tmp / "docs"
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^docs_dir:.*$", f"docs_dir: {docs}", config)
    config = re.sub(r"(?m)^site_dir:.*$", f"site_dir: {tmp / 'site'}", config)
    hooks = ROOT / "pipeline" / "publish" / "site" / "mkdocs_hooks.py"
    config = config.replace("  - pipeline/publish/site/mkdocs_hooks.py", f"  - {hooks}")
    (tmp / "mkdocs.yml").write_text(config, encoding="utf-8")
    return tmp / "mkdocs.yml"


def site_html(tmp: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m pipeline html` as make runs it, on tmp/mkdocs.yml."""
    import sys

    return subprocess.run([sys.executable, "-m", "pipeline", "html", "--config", str(tmp / "mkdocs.yml"), *args],
                          capture_output=True, text=True, cwd=ROOT,
                          env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})


def build_site(packages: Path, sources: Path, tmp: Path, status: Path | None = None) -> Path:
    """The site built from `packages` into `tmp`: the docs folder, then mkdocs in strict mode
    (`python -m pipeline html`, whose hook writes the search index)."""

    from pipeline.publish.site import packages_to_docs

    assert packages_to_docs(packages, tmp / "docs", sources=sources, status=status) >= 1
    site_config(tmp)
    r = site_html(tmp)
    assert r.returncode == 0, r.stdout + r.stderr
    return tmp / "site"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site built from the committed packages into a temporary folder, with mkdocs --strict."""
    return build_site(ROOT / "datapackages", ROOT / "sources", tmp_path_factory.mktemp("site"))


# Text a PDF could print, meant to become markup: raw HTML, attr_list attributes, a Markdown
# link, inline code and emphasis. The site must show each as text.
PAYLOADS = {
    "img": "<img src=x onerror=alert(1)>",
    "svg": "<svg/onload=alert(1)>局",
    "attr": "{: onfocus=alert(1) autofocus }",
    "link": "[x](javascript:alert(1))",
    "code": "`injected code`",
    "bold": "**bold**",
    "title": "</title><img src=x onerror=alert(1)>",
}


def _rewrite_csv(path: Path, change) -> None:
    import csv

    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def rehash(folder: Path) -> None:
    """Record each resource's new size and sha256 in the descriptor, as the pipeline does: a changed
    package that does not is unreadable to the publishing stages (pipeline/publish/packages.py)."""
    import hashlib

    descriptor = folder / "datapackage.json"
    pkg = json.loads(descriptor.read_text(encoding="utf-8"))
    for r in pkg["resources"]:
        data = (folder / r["path"]).read_bytes()
        r["bytes"], r["hash"] = len(data), "sha256:" + hashlib.sha256(data).hexdigest()
    descriptor.write_text(json.dumps(pkg, ensure_ascii=False, indent=2), encoding="utf-8")


def make_hostile_package(packages: Path, sources: Path) -> Path:
    """A copy of the sample package whose every kind of document text carries a payload."""
    import shutil

    p = PAYLOADS
    folder = packages / SAMPLE_ID
    shutil.copytree(ROOT / "datapackages" / SAMPLE_ID, folder)
    descriptor = folder / "datapackage.json"
    pkg = json.loads(descriptor.read_text(encoding="utf-8"))
    pkg["title"] = f"{p['title']} {p['attr']}"
    pkg["publisher"] = pkg["publisher_name"] = f"{p['svg']} {p['bold']}"
    pkg["description"] = f"{p['attr']} {p['link']} {p['code']} {p['bold']} {p['img']}"
    pkg["disclosure_part"] = "explanation_only"  # the description is shown in a note
    source_name = f"{p['img']}.pdf"
    pkg["sources"][0]["title"] = source_name
    for r in pkg["resources"]:
        if r["name"] == "income":
            r["title"] = f"{p['attr']} {p['img']}"
            r["unit"] = p["link"]
            r["schema"]["fields"][2]["title"] = f"{p['bold']} {p['code']}"
    descriptor.write_text(json.dumps(pkg, ensure_ascii=False, indent=2), encoding="utf-8")

    def income(rows):
        rows[1]["name"] = f"{p['link']} {p['img']}"

    def glossary(rows):
        rows[0]["term"] = p["bold"]  # short enough to become a tooltip wherever it appears
        rows[0]["definition"] = f"{p['code']} {p['svg']} {p['link']} {p['img']}"
        rows[1]["term"] = p["attr"]

    def targets(rows):
        rows[0]["project_name"] = f"{p['attr']} {p['img']}"
        rows[0]["goal_year"] = f"{p['link']} {p['bold']}"

    def duties(rows):
        rows[0]["text"] = f"{p['svg']} {p['code']}"

    for name, change in (("income", income), ("glossary", glossary), ("performance_targets", targets),
                         ("responsibilities", duties)):
        _rewrite_csv(folder / "data" / f"{name}.csv", change)
    rehash(folder)
    sources.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SAMPLE, sources / source_name)
    return folder


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    """The site built from a package whose document text is hostile (see PAYLOADS)."""
    tmp = tmp_path_factory.mktemp("hostile")
    make_hostile_package(tmp / "packages", tmp / "sources")
    return build_site(tmp / "packages", tmp / "sources", tmp)


def _copy_sample(packages: Path, sources: Path, name: str, change: dict, scale: str = "1",
                 phase: str = "", tables: bool = True) -> None:
    """The sample package under another id, with descriptor properties changed, indicators
    scaled (so that years and stages differ) and, without `tables`, no report tables at all."""
    import shutil
    from decimal import Decimal

    from pipeline.publish.site.load import NOT_REPORT_TABLES

    folder = packages / name
    shutil.copytree(ROOT / "datapackages" / SAMPLE_ID, folder)
    pkg = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    pkg.update(name=name, **change)
    pkg["sources"][0]["title"] = pkg["sources"][0]["path"] = f"{name}.pdf"
    if not tables:
        gone = [r for r in pkg["resources"]
                if r["name"] not in NOT_REPORT_TABLES or r["name"] in ("facts", "indicators")]
        for r in gone:
            (folder / r["path"]).unlink()
        pkg["resources"] = [r for r in pkg["resources"] if r not in gone]
        pkg["consistency"] = {"checks": 0, "passed": 0, "errors": 0, "warnings": 0}
        _rewrite_csv(folder / "data" / "findings.csv", lambda rows: rows.clear())
    else:
        def indicators(rows):
            for r in rows:
                r["value_yuan"] = str(Decimal(r["value_yuan"]) * Decimal(scale))
                r["amount_year"] = str(pkg["fiscal_year"])
                r["phase"] = phase or r["phase"]
        _rewrite_csv(folder / "data" / "indicators.csv", indicators)
    (folder / "datapackage.json").write_text(json.dumps(pkg, ensure_ascii=False, indent=2), encoding="utf-8")
    rehash(folder)
    shutil.copyfile(SAMPLE, sources / f"{name}.pdf")


OTHER_PUBLISHER = {"publisher": "普陀区测试局", "publisher_name": "上海市普陀区测试局", "division_code": "310107",
                   "division_level": "county", "publisher_id": "310107-shanghaishi-putuoqu-ceshiju"}
FAILED_INPUT = "扫描件.pdf"


def make_several_packages(packages: Path, sources: Path, status: Path) -> list[str]:
    """Five small packages from the sample: its publisher's 2026 budget (the sample), 2025 budget
    and 2025 final account; another publisher's 2026 budget and its text-only 2025 part (read by
    OCR, as a scan would be). Then
    their corpus, and a status folder naming one input that failed."""
    import shutil

    from pipeline.publish.corpus import packages_to_corpus

    packages.mkdir(parents=True)
    sources.mkdir(parents=True)
    shutil.copytree(ROOT / "datapackages" / SAMPLE_ID, packages / SAMPLE_ID)
    shutil.copyfile(SAMPLE, sources / "datong-2026-unit-budget.pdf")
    base = SAMPLE_ID.rsplit("-2026-", 1)[0]
    names = [SAMPLE_ID, f"{base}-2025-unit-budget-aaaaaa", f"{base}-2025-unit-final-bbbbbb",
             "310107-shanghaishi-putuoqu-ceshiju-2026-unit-budget-cccccc",
             "310107-shanghaishi-putuoqu-ceshiju-2025-unit-budget-explanation-dddddd"]
    _copy_sample(packages, sources, names[1], {"fiscal_year": 2025, "title": "大同市行政审批服务管理局2025年单位预算"},
                 scale="0.9")
    _copy_sample(packages, sources, names[2], {"fiscal_year": 2025, "document_type": "unit_final_account",
                                               "title": "大同市行政审批服务管理局2025年单位决算"},
                 scale="0.95", phase="executed")
    _copy_sample(packages, sources, names[3], {**OTHER_PUBLISHER, "title": "普陀区测试局2026年单位预算"}, scale="0.5")
    _copy_sample(packages, sources, names[4], {**OTHER_PUBLISHER, "fiscal_year": 2025,
                                               "title": "普陀区测试局2025年单位预算",
                                               "disclosure_part": "explanation_only", "text_source": "ocr",
                                               "ocr_confidence": 0.95}, tables=False)
    packages_to_corpus(packages, packages)
    status.mkdir(parents=True)
    reason = "encrypted PDF: a password is required to open it"
    (status / "saomiaojian-0000.txt").write_text(f"FAILED sources/{FAILED_INPUT}: {reason}\n", encoding="utf-8")
    return names


@pytest.fixture(scope="session")
def several_site(tmp_path_factory) -> Path:
    """A site of several documents and two publishers (see make_several_packages)."""
    tmp = tmp_path_factory.mktemp("several")
    make_several_packages(tmp / "packages", tmp / "sources", tmp / "status")
    return build_site(tmp / "packages", tmp / "sources", tmp, status=tmp / "status")
