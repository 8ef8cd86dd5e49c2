"""The house style, enforced where CI runs it: ruff over the code, tests and scripts; mypy over the
records every stage passes (pipeline/model.py) and the rules (pipeline/checks/), as `make lint`."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_ruff_is_clean():
    r = subprocess.run([sys.executable, "-m", "ruff", "check", "pipeline", "tests", "scripts"], cwd=ROOT,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_model_and_checks_type_check():
    r = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_the_heaviest_test_files_named_first_exist():
    """conftest.HEAVIEST_FIRST orders the run by file name: a renamed file would fall to the end."""
    from conftest import HEAVIEST_FIRST

    assert [n for n in HEAVIEST_FIRST if not (ROOT / "tests" / n).is_file()] == []
