"""Document ids: lowercase ASCII, readable in a URL, derived from the input file name.

The id depends only on the file name, so Make can know every target before any
PDF is read, and copies of one PDF under different names stay distinct.
"""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path

from .vocabulary import nfkc

MAX_LEN = 64
_CJK = re.compile(r"[\u3400-\u9fff]")


def _segments(text: str) -> list[str]:
    import jieba
    from pypinyin import lazy_pinyin

    jieba.setLogLevel(logging.WARNING)
    out = []
    for word in jieba.cut(text):
        if _CJK.search(word):
            out.append("".join(lazy_pinyin(word)))
        else:
            out.append(word)
    return out


def slugify(text: str) -> str:
    text = nfkc(text).lower()
    if _CJK.search(text):
        text = "-".join(_segments(text))
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return slug


def doc_id(path: str | Path) -> str:
    stem = Path(path).stem
    slug = slugify(stem) or "document"
    if len(slug) > MAX_LEN:
        digest = hashlib.sha1(stem.encode("utf-8")).hexdigest()[:6]
        slug = slug[: MAX_LEN - 7].rstrip("-") + "-" + digest
    return slug
