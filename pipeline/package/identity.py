"""Who published a document and what the document is: publisher_name, division, publisher_id, doc-id.

The publisher as printed (普陀区财政局, 泉州市人民政府办公室（本级）) is turned into the full official
name and the GB/T 2260 code of its region. The region is read from the start of the name against
the division table (pipeline/package/divisions.py); a name that fits more than one region (普陀区: 上海 and
浙江舟山) is settled by the document's own text (上海市 on its cover or in its 情况说明), and left
unresolved (empty code, division_source "unresolved") when the text does not settle it. The file
name is never used. Word lists are in identity.toml.

The doc-id is built from the identity, not from the file name: publisher_id, fiscal year, document
type, disclosure part and a short content hash of the PDF, so a renamed PDF keeps its id and two
different PDFs never share one, whatever batch or order they are built in.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .divisions import Division, DivisionTable, load_divisions
from .ids import slugify

IDENTITY_PATH = Path(__file__).with_name("identity.toml")


@dataclass(frozen=True)
class Identity:
    publisher_name: str
    division_code: str  # '' when unresolved
    division_level: str  # national, province, city, county; '' when unresolved
    division_source: str  # name (the printed name), text (the document's text), unresolved
    publisher_id: str


@dataclass(frozen=True)
class _Region:
    """Divisions read from the name: the deepest one, where its printed form ends, and whether
    the deepest one was named by its short name only."""
    division: Division
    end: int
    short: bool


@lru_cache(maxsize=1)
def _words() -> dict:
    return tomllib.loads(IDENTITY_PATH.read_text(encoding="utf-8"))


def _matches(names: dict[str, tuple[Division, ...]], text: str, pos: int) -> tuple[int, tuple[Division, ...]]:
    """The divisions whose name is the longest one printed at text[pos:]."""
    for end in range(min(len(text), pos + 24), pos + 1, -1):
        found = names.get(text[pos:end])
        if found:
            return end, found
    return pos, ()


def _regions(table: DivisionTable, text: str, pos: int) -> list[_Region]:
    """Every reading of the region printed at text[pos:]: 上海市普陀区 → 普陀区 (310107); 普陀区 alone
    → both 普陀区. Below a division the next name must lie within it; a county may be named by its
    short name only right after its city (福州市鼓楼)."""
    end, first = _matches(table.by_name, text, pos)
    out = []
    for division in first:
        region = _Region(division, end, False)
        while True:
            nxt, below = _matches(table.by_name, text, region.end)
            below = tuple(d for d in below if table.within(d, region.division))
            short = False
            if not below:
                nxt, below = _matches(table.by_short, text, region.end)
                below = tuple(d for d in below if table.within(d, region.division))
                short = True
            if len(below) != 1:
                break
            region = _Region(below[0], nxt, short)
        out.append(region)
    return out


def _prefix(name: str, prefixes: list[str]) -> int:
    return max((len(p) for p in prefixes if name.startswith(p)), default=0)


def _mentioned(table: DivisionTable, division: Division, text: str) -> bool:
    """The text names a division above this one (上海市 for 普陀区)."""
    return any(a.name in text for a in table.ancestors(division))


def _settle(table: DivisionTable, regions: list[_Region], text: str) -> tuple[_Region | None, str]:
    """One region and how it was settled: by the name alone, or by the text naming what is above it."""
    if len(regions) == 1:
        return regions[0], "name"
    named = [r for r in regions if _mentioned(table, r.division, text)]
    return (named[0], "text") if len(named) == 1 else (None, "unresolved")


def _confirm_short(table: DivisionTable, region: _Region, text: str) -> _Region:
    """A county named by its short name only stands when the text shows a county-level document;
    otherwise the city it follows is kept."""
    if not region.short or any(w in text for w in _words()["county_cues"]):
        return region
    parent = table.by_code[region.division.parent]
    return _Region(parent, region.end - len(region.division.short), False)


def _full_name(table: DivisionTable, name: str, start: int, region: _Region) -> str:
    """The name with the region above a district added where the name starts at the district
    (普陀区财政局 → 上海市普陀区财政局)."""
    d = region.division
    printed = name[start:region.end]
    if d.level != "county" or not printed.startswith(d.name) or d.name[-1] not in _words()["named_with_parent"]:
        return name
    parent = table.by_code[d.parent]
    return name[:start] + parent.name + name[start:]


def _cover_region(table: DivisionTable, text: str) -> tuple[list[_Region], str]:
    """The region a cover names for a whole set of disclosures (上海市普陀区2024年区级部门预算),
    and its printed form."""
    m = re.search(_words()["cover_region"], text)
    if not m:
        return [], ""
    region_text = m.group("region")
    for pos in range(len(region_text)):
        regions = [r for r in _regions(table, region_text, pos) if r.end == len(region_text)]
        if regions:
            return regions, region_text[pos:]
    return [], ""


def publisher_id(division_code: str, publisher_name: str) -> str:
    """<division_code>-<pinyin of the full name>, or the pinyin alone when the division is unknown."""
    limit = _words()["doc_id"]["publisher_slug_max"]
    slug = slugify(publisher_name) or "publisher"
    if len(slug) > limit:
        digest = hashlib.sha1(publisher_name.encode("utf-8")).hexdigest()[:6]
        slug = slug[: limit - 7].rstrip("-") + "-" + digest
    return f"{division_code}-{slug}" if division_code else slug


def _identity(name: str, code: str, level: str, source: str) -> Identity:
    return Identity(name, code, level, source, publisher_id(code, name))


def identify(publisher: str, fiscal_year: int, text: str) -> Identity:
    """The identity of a document's publisher, from the name as printed and the document's text
    (cover lines, 单位：/部门： lines, 情况说明; white space removed)."""
    words = _words()
    table = load_divisions(fiscal_year)
    name = re.sub(r"\s+", "", publisher)
    while re.search(words["remark"], name):
        name = re.sub(words["remark"], "", name)
    start = _prefix(name, words["organ_prefixes"])
    if not start and re.match(words["party_organ"], name):
        name = words["party_prefix"] + name
        start = len(words["party_prefix"])
    regions = _regions(table, name, start)
    if regions:
        region, source = _settle(table, regions, text)
        if region is None:
            return _identity(name, "", "", "unresolved")
        region = _confirm_short(table, region, text)
        return _identity(_full_name(table, name, start, region), region.division.code, region.division.level, source)
    if _prefix(name[start:], words["national_prefixes"]):
        return _identity(name, words["national_code"], words["national_level"], "name")
    regions, printed = _cover_region(table, text)
    if regions:
        region, _ = _settle(table, regions, text)
        if region is None:
            return _identity(name, "", "", "unresolved")
        full = name[:start] + printed + name[start:]
        return _identity(full, region.division.code, region.division.level, "text")
    if any(w in text for w in words["national_cues"]):
        return _identity(name, words["national_code"], words["national_level"], "text")
    return _identity(name, "", "", "unresolved")


def document_id(identity: Identity, fiscal_year: int, document_type: str, part: str, sha256: str) -> str:
    """<publisher_id>-<year>-<type>[-<part>]-<hash>: lowercase ASCII, readable in a URL, the same for
    the same PDF under any name, in any batch or order. The hash (the start of the PDF's sha256)
    keeps two different PDFs of one publisher, year, type and part (a re-issued document) apart."""
    words = _words()["doc_id"]
    pieces = [identity.publisher_id, str(fiscal_year), words["types"][document_type], words["parts"].get(part, part),
              sha256[: words["hash_digits"]]]
    return "-".join(slugify(p) for p in pieces if p)


def document_scope(document_type: str, title: str) -> str:
    """Whose budget the document is: `unit` (a 单位 budget or final account), `department_own`
    (a department's 本级 alone, as its title says) or `department` (the department's
    consolidated 汇总 budget). A 'change over years' compares documents of one scope."""
    if document_type.startswith("unit"):
        return "unit"
    return "department_own" if "本级" in title else "department"
