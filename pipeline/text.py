"""What the document says in words: its metadata and its glossary (名词解释)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .pdf import Page
from .vocabulary import nfkc, squash

TITLE = re.compile(
    r"(?P<pub>[^\s\d：:，。、]{2,60}?)[（(]?(?P<year>(?:19|20)\d{2})\s*年度?[)）]?\s*(?P<scope>单位|部门)?(?:收支)?\s*(?P<phase>预算|决算)"
)
NAME_LINE = re.compile(r"(?:单位|部门|预算单位|部门单位)名称\s*[:：]\s*(?P<name>[^\s]{2,60})")
PAGE_NUMBER = re.compile(r"^[-—\s]*\d+[-—\s]*$|^第\s*\d+\s*页")
ITEM_START = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d+[、.．](?!\d)|[（(][一二三四五六七八九十\d]+[）)])\s*")
SECTION = re.compile(r"^(第[一二三四五六七八九十]+部分|附件|附表)")

DOCUMENT_TYPES = {
    ("单位", "预算"): "unit_budget",
    ("部门", "预算"): "department_budget",
    ("单位", "决算"): "unit_final_account",
    ("部门", "决算"): "department_final_account",
}
TYPE_NAMES = {v: k[0] + k[1] for k, v in DOCUMENT_TYPES.items()}


@dataclass
class Metadata:
    publisher: str
    fiscal_year: int
    document_type: str

    @property
    def title(self) -> str:
        return f"{self.publisher}{self.fiscal_year}年{TYPE_NAMES[self.document_type]}"


def _clean_publisher(name: str) -> str:
    name = re.sub(r"^(附件\d*|关于)", "", name)
    return name.strip("“”\"'《》")


def pages_to_metadata(pages: list[Page]) -> Metadata | None:
    """Publisher, year and type from the cover (first pages), else from the body text."""
    full = "\n".join(p.text for p in pages)
    scope_counts = {s: len(re.findall(s + r"(预算|决算)", squash(full))) for s in ("单位", "部门")}
    for p in pages[:3]:
        joined = "".join(squash(ln.text) for ln in p.lines[:12])
        m = TITLE.search(joined)
        if m:
            scope = m.group("scope") or max(scope_counts, key=lambda s: scope_counts[s])
            return Metadata(_clean_publisher(m.group("pub")), int(m.group("year")),
                            DOCUMENT_TYPES[(scope, m.group("phase"))])
    m = TITLE.search(squash(full))
    if not m:
        return None
    pub = _clean_publisher(m.group("pub"))
    n = NAME_LINE.search(nfkc(full))
    if n:
        pub = n.group("name")
    scope = m.group("scope") or max(scope_counts, key=lambda s: scope_counts[s])
    return Metadata(pub, int(m.group("year")), DOCUMENT_TYPES[(scope, m.group("phase"))])


def pages_to_glossary(pages: list[Page]) -> list[tuple[str, str, int]]:
    """(term, definition, page) for each item of the 名词解释 section."""
    lines = [(p.number, ln.text) for p in pages for ln in p.lines]
    start = None
    for i, (_, text) in enumerate(lines):
        s = squash(text)
        if s.endswith("名词解释") and len(s) <= 16:
            start = i + 1
    if start is None:
        return []
    items: list[list] = []
    for page, text in lines[start:]:
        s = text.strip()
        if PAGE_NUMBER.match(nfkc(s)):
            continue
        if SECTION.match(squash(s)):
            break
        m = ITEM_START.match(s)
        if m:
            items.append([s[m.end():], page])
        elif items:
            items[-1][0] += s
    out = []
    for body, page in items:
        term, sep, definition = re.split(r"([:：])", body, maxsplit=1) if re.search(r"[:：]", body) else (body, "", "")
        term = term.strip()
        if sep and 0 < len(term) <= 30:
            out.append((term, definition.strip(), page))
    return out
