"""ASCII slugs of Chinese text (jieba words, pypinyin syllables): lowercase, readable in a URL.

Doc-ids are built from a document's identity in pipeline/package/identity.py; Make's status files are
named from file names in pipeline/run/makerules.py; both use slugify.
"""

from __future__ import annotations

import logging
import re

from ..vocabulary import nfkc

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
