"""One page per classification code at the 类, 款 and 项 levels, comparing the documents that print
it, from the corpus package's `indicators` (rows `functional` and `economic`: the general public
budget's expenditure on that code, printed in its 合计 column) and its code lists (names).

Each figure is compared with the document's own 一般公共预算支出 (functional) or 基本支出
(economic) where it prints one: a share, so that a large and a small unit can be compared."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..charts import BarChart, ranked_chart
from .links import DocLinks
from .load import Doc, read_resource
from .names import CODE_LEVELS, PHASE_NAMES, SCHEME_NAMES, is_final

SCHEMES = {"functional": "functional_classification", "economic": "economic_classification"}
# What a code's figure is a share of, per scheme: the document's own indicator.
WHOLE = {"functional": ("general_public_budget_expenditure", "一般公共预算支出"),
         "economic": ("basic_expenditure", "基本支出")}
LEVELS = (3, 5, 7)  # 类, 款 and 项
TEN_THOUSAND = Decimal(10000)


@dataclass(frozen=True)
class Entry:
    doc: Doc
    links: DocLinks
    phase: str  # 预算 or 决算
    wan: Decimal
    shown: str
    share: str  # of the document's whole (一般公共预算支出 / 基本支出), '' where not printed
    row_label: str  # as the document prints it
    page: int | None
    href: str | None


@dataclass(frozen=True)
class Code:
    scheme: str
    code: str
    name: str
    level: str  # 类, 款 or 项
    parent: str  # the code one level up, where it has a page ('' for a 类)
    children: list[tuple[str, str]]  # (code, name) of the codes one level down that have pages
    entries: list[Entry]  # largest first
    chart: BarChart | None

    @property
    def scheme_name(self) -> str:
        return SCHEME_NAMES[self.scheme]


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except (InvalidOperation, TypeError):
        return None


def _wholes(rows: list[dict]) -> dict[tuple[str, str], Decimal]:
    """(doc_id, indicator) → value in 元, for the indicators a share is taken of."""
    wanted = {w for w, _ in WHOLE.values()}
    out: dict[tuple[str, str], Decimal] = {}
    for r in rows:
        if r["indicator"] in wanted and not r.get("code") and (v := _decimal(r["value_yuan"])):
            out.setdefault((r["doc_id"], r["indicator"]), v)
    return out


def _entry(r: dict, doc: Doc, links: DocLinks, whole: Decimal | None) -> Entry | None:
    value = _decimal(r["value_yuan"])
    if value is None:
        return None
    wan = value / TEN_THOUSAND
    page = int(r["page"]) if str(r.get("page", "")).isdigit() else None
    share = f"{value / whole * 100:.1f}%" if whole else ""
    phase = PHASE_NAMES["executed" if is_final(doc.pkg) else "approved"]
    return Entry(doc, links, phase, wan, f"{wan:,.2f}", share, r.get("row_label", ""), page,
                 links.page(page) if page else None)


def _chart_label(e: Entry) -> str:
    return f"{e.doc.pkg.get('publisher_name') or e.doc.pkg['publisher']} {e.doc.pkg['fiscal_year']}年{e.phase}"


def classification_codes(corpus: Path, docs: list[Doc], links: dict[str, DocLinks]) -> list[Code]:
    """Every 类, 款 and 项 code some document prints, with the documents that print it."""
    if not (corpus / "datapackage.json").is_file():
        return []
    rows = read_resource(corpus, "indicators")
    names = {(scheme, c["code"]): c["name"] for scheme, resource in SCHEMES.items()
             for c in read_resource(corpus, resource)}
    by_id = {d.ident: d for d in docs}
    wholes = _wholes(rows)
    found: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    seen: set[tuple[str, str, str]] = set()
    for r in rows:
        scheme, code, doc = r["indicator"], r.get("code", ""), by_id.get(r["doc_id"])
        if scheme not in SCHEMES or len(code) not in LEVELS or not code.isdigit() or doc is None:
            continue
        if (scheme, code, doc.ident) in seen:  # one figure per document and code
            continue
        seen.add((scheme, code, doc.ident))
        entry = _entry(r, doc, links[doc.ident], wholes.get((doc.ident, WHOLE[scheme][0])))
        if entry is not None:
            found[(scheme, code)].append(entry)
    codes = []
    for (scheme, code), entries in sorted(found.items()):
        entries.sort(key=lambda e: (-e.wan, e.doc.ident))
        children = sorted((c, names.get((scheme, c), "")) for s, c in found
                          if s == scheme and len(c) == len(code) + 2 and c.startswith(code))
        name = names.get((scheme, code)) or entries[0].row_label
        chart = ranked_chart(f"{code} {name}：各文件金额", [(_chart_label(e), 0 if e.phase == "预算" else 1, e.wan)
                                                          for e in entries], ["预算", "决算"], "万元")
        parent = code[:-2] if len(code) > 3 and (scheme, code[:-2]) in found else ""
        codes.append(Code(scheme, code, name, CODE_LEVELS[len(code)], parent, children, entries, chart))
    return codes
