"""Shared fixtures: the bundled sample built once per session through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli import main

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "sources" / "datong-2026-unit-budget.pdf"
SAMPLE_ID = "datong-2026-unit-budget"
CORPUS = SHARED / "corpus"


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
