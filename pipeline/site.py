"""Generate the site's Markdown pages from the published packages (never from PDFs).

Layout of the generated docs folder:
  index.md                  home: every document
  glossary.md               名词解释 merged from all documents
  <doc-id>/index.md         one page per document, every table rendered
  data/<doc-id>/...         the package itself, for download
  sources/<doc-id>.pdf      the source PDF, when it is available
"""

from __future__ import annotations

import csv
import html
import json
import shutil
from pathlib import Path

from .text import TYPE_NAMES

STANDARD_ORDER = [
    "summary", "income", "expenditure", "appropriation_summary", "general_public_expenditure",
    "basic_expenditure_economic", "gov_fund_income", "gov_fund_expenditure", "state_capital",
    "three_public", "operating_costs", "project_expenditure", "project_expenditure_carryover",
]


def load_package(folder: Path) -> dict:
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def read_rows(folder: Path, resource: dict) -> list[dict]:
    with (folder / resource["path"]).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _fmt_amount(text: str) -> str:
    if text in ("", None):
        return ""
    whole, _, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    whole = f"{int(whole):,}" if whole.isdigit() else whole
    return sign + whole + ("." + frac if frac else "")


def resource_to_html(resource: dict, rows: list[dict]) -> str:
    """An HTML table whose header row shows every field's printed title."""
    fields = resource["schema"]["fields"]
    head = "".join(
        f'<th data-field="{html.escape(f["name"])}" title="{html.escape(f["name"])}">'
        f'{html.escape(f.get("title") or f["name"])}</th>'
        for f in fields
    )
    body = []
    for r in rows:
        tds = []
        for f in fields:
            v = r.get(f["name"], "")
            if f["type"] in ("number", "integer"):
                tds.append(f'<td class="num">{html.escape(_fmt_amount(v) if f["type"] == "number" else v)}</td>')
            else:
                tds.append(f"<td>{html.escape(v)}</td>")
        body.append("<tr>" + "".join(tds) + "</tr>")
    return (
        f'<table class="budget-table" data-resource="{html.escape(resource["name"])}">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def _doc_type_name(pkg: dict) -> str:
    return TYPE_NAMES.get(pkg.get("document_type", ""), pkg.get("document_type", ""))


def package_to_page(folder: Path, pkg: dict, has_pdf: bool) -> str:
    ident = pkg["name"]
    lines = [
        f"# {pkg['title']}",
        "",
        f"- 发布单位：{pkg['publisher']}",
        f"- 年度：{pkg['fiscal_year']}",
        f"- 类型：{_doc_type_name(pkg)}",
        f"- 数据包：[datapackage.json](../data/{ident}/datapackage.json)",
    ]
    if has_pdf:
        lines.append(f"- 原文：[{pkg['sources'][0]['title']}](../sources/{ident}.pdf)")
    lines.append("")
    resources = pkg["resources"]
    tables = [r for r in resources if r["name"] not in ("facts", "glossary")]
    for r in tables:
        rows = read_rows(folder, r)
        pages = r.get("pages") or []
        page_links = "、".join(
            f"[第{p}页](../sources/{ident}.pdf#page={p})" if has_pdf else f"第{p}页" for p in pages
        )
        lines += [
            f"## {r['title']}",
            "",
            f"资源 `{r['name']}` · 单位：{r.get('unit', '')} · {page_links} · "
            f"下载 [CSV](../data/{ident}/{r['path']})",
            "",
        ]
        if not rows:
            lines += ['!!! note "本表无数据"', "", f"    {r.get('description', '')}", ""]
        lines += [resource_to_html(r, rows), ""]
    for r in resources:
        if r["name"] in ("facts", "glossary"):
            rows = read_rows(folder, r)
            lines += [
                f"## {r['title']}",
                "",
                f"资源 `{r['name']}` · {len(rows)} 行 · 下载 [CSV](../data/{ident}/{r['path']})",
                "",
            ]
            if r["name"] == "glossary":
                lines += [resource_to_html(r, rows), ""]
            else:
                fields = "、".join(f"`{f['name']}`（{f.get('title', '')}）" for f in r["schema"]["fields"])
                lines += [f"字段：{fields}", ""]
    return "\n".join(lines)


def _home(pkgs: list[dict]) -> str:
    lines = [
        "# 预算公开数据",
        "",
        "政府部门和单位的预算、决算公开文件（PDF）经自动提取、校验后形成的开放数据。"
        "每份文件都有一个 Frictionless 数据包（CSV + datapackage.json）。",
        "",
        "| 发布单位 | 年度 | 类型 | 报表 | 金额数 |",
        "|---|---|---|---:|---:|",
    ]
    for p in pkgs:
        tables = [r for r in p["resources"] if r["name"] not in ("facts", "glossary")]
        facts = next((r for r in p["resources"] if r["name"] == "facts"), None)
        n_facts = p.get("_facts", 0) if facts else 0
        lines.append(
            f"| [{p['publisher']}]({p['name']}/index.md) | {p['fiscal_year']} | {_doc_type_name(p)} "
            f"| {len(tables)} | {n_facts} |"
        )
    lines += ["", "另见：[名词解释](glossary.md)", ""]
    return "\n".join(lines)


def _glossary(entries: list[tuple[str, str, dict]]) -> str:
    lines = ["# 名词解释", "", "各公开文件“名词解释”部分的汇总。", ""]
    by_term: dict[str, list[tuple[str, dict]]] = {}
    for term, definition, pkg in entries:
        by_term.setdefault(term, []).append((definition, pkg))
    for term in sorted(by_term):
        lines += [f"## {term}", ""]
        seen = set()
        for definition, pkg in by_term[term]:
            if definition in seen:
                continue
            seen.add(definition)
            lines += [f"{definition}", "", f"<small>来源：[{pkg['title']}]({pkg['name']}/index.md)</small>", ""]
    return "\n".join(lines)


def packages_to_docs(packages: Path, docs: Path, sources: Path | None = None) -> int:
    """Write the docs folder for every package under `packages`; returns the count."""
    folders = sorted(p.parent for p in packages.glob("*/datapackage.json") if not p.parent.name.startswith("."))
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    pkgs = []
    glossary: list[tuple[str, str, dict]] = []
    for folder in folders:
        pkg = load_package(folder)
        ident = pkg["name"]
        shutil.copytree(folder, docs / "data" / ident)
        pdf = (sources / pkg["sources"][0]["title"]) if sources else None
        has_pdf = bool(pdf and pdf.exists())
        if has_pdf:
            (docs / "sources").mkdir(exist_ok=True)
            shutil.copyfile(pdf, docs / "sources" / f"{ident}.pdf")
        (docs / ident).mkdir()
        (docs / ident / "index.md").write_text(package_to_page(folder, pkg, has_pdf), encoding="utf-8")
        for r in pkg["resources"]:
            if r["name"] == "facts":
                pkg["_facts"] = len(read_rows(folder, r))
            if r["name"] == "glossary":
                glossary += [(g["term"], g["definition"], pkg) for g in read_rows(folder, r)]
        pkgs.append(pkg)
    pkgs.sort(key=lambda p: (p["publisher"], p["fiscal_year"], p["name"]))
    (docs / "index.md").write_text(_home(pkgs), encoding="utf-8")
    (docs / "glossary.md").write_text(_glossary(glossary), encoding="utf-8")
    return len(pkgs)
