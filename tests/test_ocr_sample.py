"""The whole scanned sample (../shared/samples, the bundled sample printed and scanned) read by
OCR scores like the text sample against the same hand-checked truth. Slow: in a fresh clone (CI)
every page is recognised, about a minute on two cores; a later run reads the engine's output from
the checkout's OCR cache, keyed by the page image, the engine and its settings (read/ocr/cache.py),
and makes everything else of it again."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys

import pytest
from conftest import SHARED, needs_shared, table_indicators

from pipeline.cli import main

SCANNED = SHARED / "samples" / "datong-2026-unit-budget-scanned.pdf"
TRUTH = SHARED / "eval" / "truth" / "datong-2026"

pytestmark = [pytest.mark.slow,
              needs_shared(SCANNED, TRUTH)]


def score(script: str, truth: str, package) -> tuple[float, float]:
    out = subprocess.run([sys.executable, str(SHARED / "eval" / script), str(TRUTH / truth), str(package)],
                         capture_output=True, text=True, check=True).stdout
    recall, precision = (float(x.split("=")[1]) for x in out.strip().splitlines()[-1].split())
    return recall, precision


def test_scanned_sample_scores_like_the_text_sample(tmp_path, sample_descriptor):
    assert main(["build", str(SCANNED), "--out", str(tmp_path / "out")]) == 0
    (package,) = (tmp_path / "out").iterdir()
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    keys = ("publisher", "fiscal_year", "document_type")
    assert {k: descriptor[k] for k in keys} == {k: sample_descriptor[k] for k in keys}
    assert descriptor["text_source"] == "ocr" and descriptor["ocr_confidence"] > 0.95
    assert descriptor["consistency"]["errors"] == 0
    # issue 23: each figure of the words says how sure OCR was of its line, and where it is printed
    with (package / "data" / "narrative_figures.csv").open(encoding="utf-8") as f:
        figures = list(csv.DictReader(f))
    assert len(figures) >= 80 and all(0 < float(r["confidence"]) <= 1 and r["x0"] for r in figures)
    # ... and the document's page shows each figure's confidence: a table amount's in its
    # link's title, a figure of the words in its own column
    from pipeline.publish.site import packages_to_docs

    packages_to_docs(tmp_path / "out", tmp_path / "docs", sources=SCANNED.parent)
    page = (tmp_path / "docs" / package.name / "index.md").read_text(encoding="utf-8")
    assert len(re.findall(r'title="原文第\d+页，识别置信度 \d+\.\d%"', page)) >= 150
    assert '<th data-field="confidence" class="num">识别置信度</th>' in page
    facts_recall, facts_precision = score("score_facts.py", "facts.csv", package)
    assert facts_recall >= 0.99 and facts_precision >= 0.99
    assert score("score_indicators.py", "indicators.csv", table_indicators(package, tmp_path / "scored")) == (1.0, 1.0)
