"""What the document says in words: its metadata and its glossary (名词解释)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..model import Page
from ..vocabulary import PAGE_NUMBER, despace, nfkc, squash, without_markers

TYPE_WORDS = re.compile(r"(区级|市级|省级|县级|乡级|镇级)?(?P<scope>单位|部门)?(综合)?(?P<phase>预算|决算)")
YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年?度?")
NAME_LINE = re.compile(
    r"^(?:预算单位|预算主管部门|主管部门|部门名称|单位名称|编制单位|编制部门)[:：](?P<name>.{2,60})$"
)
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
    name = re.sub(r"(年度?|单位：.*|单位:.*)$", "", name)
    return name.strip("“”\"'《》:：,，")


def _cover_lines(pages: list[Page]) -> list[str]:
    """The first lines of the first page that says 预算 or 决算 (the cover)."""
    for p in pages[:3]:
        lines = [despace(ln.text) for ln in p.lines[:8] if despace(ln.text)]
        if any(TYPE_WORDS.search(x) for x in lines):
            return lines
    return []


def text_to_metadata(lines: list[str], body: str) -> Metadata | None:
    """Publisher, year and type from cover lines like '2026年度XX局部门预算' (any order)."""
    named = [m.group("name") for x in lines if (m := NAME_LINE.match(x))]
    lines = [x for x in lines if not NAME_LINE.match(x)]
    text = "".join(lines)
    kind = TYPE_WORDS.search(text)
    year = YEAR.search(text)
    if not kind or not year:
        return None
    if named:
        publisher = _clean_publisher(re.split(r"\s", named[0])[0])
    else:
        publisher = _clean_publisher(YEAR.sub("", text[: kind.start()]))
    if not publisher:
        return None
    scope = kind.group("scope")
    if not scope:
        counts = {s: len(re.findall(s + r"(预算|决算)", body)) for s in ("单位", "部门")}
        scope = max(counts, key=lambda s: counts[s])
    return Metadata(publisher, int(year.group("year")), DOCUMENT_TYPES[(scope, kind.group("phase"))])


TABLE_LABEL = re.compile(r"^(?P<scope>部门|单位|编制单位|单位名称|部门名称|预算单位)[:：](?P<name>.{2,60})$")
TITLE_YEAR = re.compile(r"((?:19|20)\d{2})年")


def tables_to_metadata(titles: list[str], labels: list[str]) -> Metadata | None:
    """Metadata from what the report tables print (a tables-only part without a cover, 江苏 2019):
    the publisher from their 部门：/单位名称： lines, the year and stage from their titles."""
    named = [(m.group("scope"), _clean_publisher(despace(m.group("name")))) for x in labels
             if (m := TABLE_LABEL.match(despace(x)))]
    years = Counter(m.group(1) for t in titles for m in TITLE_YEAR.finditer(despace(t)))
    phases = Counter(p for t in titles for p in re.findall(r"预算|决算", t))
    if not named or not years or not phases:
        return None
    scope = "部门" if any(s.startswith("部门") for s, _ in named) else "单位"
    publisher = Counter(n for _, n in named).most_common(1)[0][0]
    if not publisher:
        return None
    return Metadata(publisher, int(years.most_common(1)[0][0]),
                    DOCUMENT_TYPES[(scope, phases.most_common(1)[0][0])])


def pages_to_metadata(pages: list[Page], file_name: str = "", titles: list[str] | None = None,
                      labels: list[str] | None = None) -> tuple[Metadata | None, str]:
    """Metadata and where it came from: the cover, else what the tables print (titles and 部门：
    lines), else (when the document never says) the file name."""
    body = squash("".join(p.text for p in pages[:6]))
    meta = text_to_metadata(_cover_lines(pages), body)
    if meta is not None:
        return meta, "cover"
    meta = tables_to_metadata(titles or [], labels or [])
    if meta is not None:
        return meta, "tables"
    stem = despace(file_name.rsplit(".", 1)[0])
    meta = text_to_metadata([stem], body)
    if meta is not None:
        named = [m.group("name") for p in pages[:2] for ln in p.lines if (m := NAME_LINE.match(despace(ln.text)))]
        if named:
            meta.publisher = _clean_publisher(named[0])
        return meta, "file name"
    return None, ""


GLOSSARY_HEADING = re.compile(r"(名词|名称|术语)(解释|说明)$")
SECTION_TITLE = re.compile(r"(说明|情况|报表|部分|目录|预算表|决算表)$")


def is_section_title(text: str) -> bool:
    """A line that starts another part of the document: short, no sentence punctuation, and
    named like a part (…编制说明, …预算报表, 第三部分…)."""
    s = despace(text)
    return bool(SECTION.match(s)) or (len(s) <= 24 and not re.search(r"[：:，,。；]", s)
                                       and bool(SECTION_TITLE.search(s)))
TERM_START = re.compile(r"^(?P<term>[^，。；：:,;]{2,24})[:：]")


def glossary_span(lines: list[tuple[int, str]]) -> tuple[int, int] | None:
    """Where the 名词解释 section runs in these lines: from its heading (the last one: the
    table of contents names it too) to the next part of the document."""
    start = None
    for i, (_, text) in enumerate(lines):
        s = squash(text)
        if GLOSSARY_HEADING.search(s) and len(s) <= 16 and not re.search(r"\.{3,}|…", s):
            start = i
    if start is None:
        return None
    end = next((j for j in range(start + 1, len(lines)) if is_section_title(lines[j][1])), len(lines))
    return start, end


def _glossary_lines(pages: list[Page]) -> list[tuple[int, str]]:
    lines = [(p.number, ln.text) for p in pages for ln in p.lines]
    span = glossary_span(lines)
    if span is None:
        return []
    return [(page, text.strip()) for page, text in lines[span[0] + 1: span[1]]
            if not PAGE_NUMBER.match(nfkc(text.strip()))]


# What the words around a term print that is not the term: '（一）、基本支出预算：', '基本支出是指：'
TERM_AROUND = re.compile(r"^[、，,.．。\s]+|(?:是指|系指)$")


def glossary_term(text: str) -> str:
    """A glossary item's term as a reader names it: without its ordinal marker, the stray
    punctuation after it, or a trailing 是指."""
    return TERM_AROUND.sub("", without_markers(text.strip())).strip()


def pages_to_glossary(pages: list[Page]) -> list[tuple[str, str, int]]:
    """(term, definition, page) for each item of the 名词解释 section. Items are numbered
    (一、 1. （一）) in most documents; where none is, each 'term：' line starts one."""
    lines = _glossary_lines(pages)
    numbered = any(ITEM_START.match(s) for _, s in lines)
    items: list[list] = []
    for page, s in lines:
        m = ITEM_START.match(s) if numbered else TERM_START.match(s)
        if m:
            items.append([s[m.end():] if numbered else s, page])
        elif items:
            items[-1][0] += s
    out = []
    for body, page in items:
        term, sep, definition = re.split(r"([:：])", body, maxsplit=1) if re.search(r"[:：]", body) else (body, "", "")
        term = glossary_term(term)
        if sep and 0 < len(term) <= 30:
            out.append((term, definition.strip(), page))
    return out
