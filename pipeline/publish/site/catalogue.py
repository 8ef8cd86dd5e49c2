"""The home page's catalogue: one row per document, with the values its facets filter on
(year, document type, region) and the figures it sorts on."""

from __future__ import annotations

from dataclasses import dataclass

from .figures import CatalogueAmount, catalogue_amount, headline_values
from .findings import CheckSummary, check_summary
from .load import DOC_ID, Doc
from .names import LEVEL_NAMES, PART_NAMES, is_final, region_name, type_name


@dataclass(frozen=True)
class CatalogueRow:
    doc: Doc
    type_name: str
    region: str  # province, 中央, or 未确定
    level: str  # 中央, 省级, 市级, 区县级 or ''
    publisher_id: str  # '' when the package has none fit for a URL
    checks: CheckSummary
    income: CatalogueAmount
    expenditure: CatalogueAmount
    parts: list[tuple[str, Doc]]  # the other files of the same disclosure: (part's name, document)


@dataclass(frozen=True)
class Facets:
    years: list[str]
    types: list[str]
    regions: list[str]


def publisher_id(pkg: dict) -> str:
    pid = str(pkg.get("publisher_id") or "")
    return pid if DOC_ID.fullmatch(pid) else ""


LEVEL_ORDER = ("national", "province", "city", "county")


def catalogue_order(doc: Doc) -> tuple:
    """中央 first, then province by province (GB/T 2260 order), each from the province's own
    departments down to its cities' and counties'; a publisher's documents together, newest first;
    documents whose region is not settled last."""
    pkg = doc.pkg
    code = str(pkg.get("division_code") or "")
    level = str(pkg.get("division_level") or "")
    settled = code.isdigit() and len(code) == 6
    return (not settled, code[:2] if code != "100000" else "", LEVEL_ORDER.index(level) if level in LEVEL_ORDER else 9,
            code, pkg.get("publisher_name") or pkg["publisher"], -int(pkg["fiscal_year"]), is_final(pkg), doc.ident)


def _disclosures(docs: list[Doc]) -> list[list[Doc]]:
    """The documents grouped by disclosure: the parts of one published as separate files
    (related_packages, pipeline/publish/corpus.py link_parts) together, the part with tables first."""
    by_id = {d.ident: d for d in docs}
    placed: set[str] = set()
    groups = []
    for d in docs:
        if d.ident in placed:
            continue
        group = [d, *(by_id[r["name"]] for r in d.pkg.get("related_packages", []) if r.get("name") in by_id)]
        group = [g for g in group if g.ident not in placed]
        group.sort(key=lambda g: (g.pkg.get("disclosure_part") not in ("complete", "tables_only"), g.ident))
        placed.update(g.ident for g in group)
        groups.append(group)
    return groups


def catalogue(docs: list[Doc]) -> tuple[list[CatalogueRow], Facets]:
    rows = []
    for group in _disclosures(sorted(docs, key=catalogue_order)):
        d = group[0]
        totals = headline_values(d)
        rows.append(CatalogueRow(
            d, type_name(d.pkg), region_name(d.pkg) or "未确定", LEVEL_NAMES.get(d.pkg.get("division_level") or "", ""),
            publisher_id(d.pkg), check_summary(d), catalogue_amount(totals.get("income")),
            catalogue_amount(totals.get("expenditure")),
            [(PART_NAMES.get(p.pkg.get("disclosure_part", ""), "另一部分"), p) for p in group[1:]]))
    facets = Facets(
        years=sorted({str(r.doc.pkg["fiscal_year"]) for r in rows}, reverse=True),
        types=sorted({r.type_name for r in rows}),
        regions=list(dict.fromkeys(r.region for r in rows if r.region not in ("未确定",)))
        + (["未确定"] if any(r.region == "未确定" for r in rows) else []),
    )
    return rows, facets
