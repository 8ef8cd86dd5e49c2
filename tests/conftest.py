"""Shared fixtures: the bundled sample built once per session through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli import main

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "sources" / "datong-2026-unit-budget.pdf"
# <division>-<publisher pinyin>-<year>-<type>-<sha256 start> (pipeline/identity.py), not the file name
SAMPLE_ID = "140200-datongshi-xingzheng-shenpi-fuwu-guanliju-2026-unit-budget-415a26"
CORPUS = SHARED / "corpus"


def package_of(out: Path, file_name: str) -> Path:
    """The package folder built from the PDF of that file name (ids come from what a PDF says)."""
    found = [p.parent for p in out.glob("*/datapackage.json")
             if json.loads(p.read_text(encoding="utf-8"))["sources"][0]["title"] == file_name]
    assert len(found) == 1, (file_name, found)
    return found[0]


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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site built from the committed packages into a temporary folder, with mkdocs --strict."""
    import re
    import subprocess
    import sys

    from pipeline.site import packages_to_docs

    tmp = tmp_path_factory.mktemp("site")
    docs = tmp / "docs"
    assert packages_to_docs(ROOT / "datapackages", docs, sources=ROOT / "sources") >= 1
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^docs_dir:.*$", f"docs_dir: {docs}", config)
    config = re.sub(r"(?m)^site_dir:.*$", f"site_dir: {tmp / 'site'}", config)
    config = config.replace("build/docs/assets/", f"{docs}/assets/")
    (tmp / "mkdocs.yml").write_text(config, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(tmp / "mkdocs.yml")],
                   check=True, cwd=ROOT, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    return tmp / "site"
