"""Issue 20: every research query of docs/research.md runs on the built corpus, and each pandas /
SQL pair gives the same number of rows (the pandas 行政运行 query once returned 99 rows where the
SQL gave 19)."""

from __future__ import annotations

import re

import duckdb
import pandas as pd
import pytest
from conftest import ROOT

DOC = (ROOT / "docs" / "research.md").read_text(encoding="utf-8")
SECTION = DOC[DOC.index("## Research questions"):DOC.index("## Classification versions")]
SETUP = re.search(r"```python\n(.*?)```", SECTION, re.S).group(1)
FENCED = re.findall(r"```python\n([^`]*)```\s*```sql\n([^`]*)```", SECTION)
INLINE = re.findall(r"`([^`]+)`\s*·\s*`([^`]+)`", SECTION)
SQL_ONLY = [q for q in re.findall(r"`(SELECT [^`]+)`", SECTION) if q not in {s for _, s in INLINE}]
PAIRS = [(p.strip(), s.strip()) for p, s in [*FENCED, *INLINE]]


@pytest.fixture(scope="module")
def namespace():
    if not (ROOT / "build" / "corpus.duckdb").exists():
        pytest.fail("build/corpus.duckdb is missing: run `make` first (make test does)")
    import os

    here = os.getcwd()
    os.chdir(ROOT)  # the queries name their files relative to the checkout
    try:
        env: dict = {"pd": pd, "duckdb": duckdb}
        exec(SETUP, env)
        yield env
    finally:
        env["db"].close()
        os.chdir(here)


def test_the_queries_were_found():
    assert len(PAIRS) >= 7 and len(SQL_ONLY) >= 2


@pytest.mark.parametrize("pandas_query,sql", PAIRS, ids=[f"query{i}" for i in range(1, len(PAIRS) + 1)])
def test_each_query_gives_the_same_rows_in_pandas_and_sql(namespace, pandas_query, sql):
    frame = eval(pandas_query, namespace)
    rows = namespace["db"].execute(sql).fetchall()
    assert len(frame) == len(rows)


@pytest.mark.parametrize("sql", SQL_ONLY)
def test_each_sql_only_query_runs(namespace, sql):
    namespace["db"].execute(sql).fetchall()
