"""Generate the site's Markdown pages from the published packages (never from PDFs).

Layout of the generated docs folder:
  index.md                      home: what this is, a sortable, filterable catalogue
  glossary.md                   名词解释 merged from all documents
  about.md                      how to use the data
  <doc-id>/index.md             one page per document: overview, charts, findings, every table
  data/<doc-id>/...             the package itself, plus <doc-id>.zip, <doc-id>.xlsx, per-table .xlsx
  sources/<doc-id>.pdf          the source PDF, when it is available
  assets/                       the catalogue script, styles, the jieba dictionary of glossary terms
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .charts import bar_chart, split_bar
from .text import TYPE_NAMES

ASSETS = Path(__file__).with_name("site_assets")
NOT_LABEL = re.compile(r"^(row_number|page|level|parent_label|code.*|.*_code|line)$")
TOTAL = re.compile(r"^(合计|总计)$")
TEXT_RESOURCES = ("responsibilities", "departments", "narrative_figures", "performance_targets",
                  "performance_indicators")
NOT_REPORT_TABLES = {"facts", "findings", "glossary", *TEXT_RESOURCES}


@dataclass
class Doc:
    folder: Path
    pkg: dict
    rows: dict[str, list[dict]] = field(default_factory=dict)

    @property
    def ident(self) -> str:
        return self.pkg["name"]

    def resource(self, name: str) -> dict | None:
        return next((r for r in self.pkg["resources"] if r["name"] == name), None)

    def table_resources(self) -> list[dict]:
        return [r for r in self.pkg["resources"] if r["name"] not in NOT_REPORT_TABLES]


def load_doc(folder: Path) -> Doc:
    pkg = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    doc = Doc(folder, pkg)
    for r in pkg["resources"]:
        with (folder / r["path"]).open(encoding="utf-8", newline="") as f:
            doc.rows[r["name"]] = list(csv.DictReader(f))
    return doc


def fmt_amount(text: str | None) -> str:
    """Thousands separators, decimals exactly as printed."""
    if text in ("", None):
        return ""
    whole, _, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    whole = f"{int(whole):,}" if whole.isdigit() else whole
    return sign + whole + ("." + frac if frac else "")


def _leaf(column: str) -> str:
    return re.sub(r"\s+", "", column.split("/")[-1])


# ---------------------------------------------------------------- figures for overview and catalogue


def _total_fact(facts: list[dict], table: str, leaf: re.Pattern | None = None) -> dict | None:
    rows = [f for f in facts if f["table"] == table and not f["row_code"]
            and TOTAL.match(re.sub(r"\s+", "", f["row_label"]))]
    if leaf is not None:
        rows = [f for f in rows if leaf.search(_leaf(f["column"]))]
    return rows[0] if rows else None


def doc_figures(doc: Doc) -> dict:
    """Totals a reader looks for first, each with its unit, taken from the facts."""
    facts = doc.rows.get("facts", [])
    out: dict = {}
    income = next((f for f in facts if f["table"] == "summary"
                   and re.sub(r"\s+", "", f["row_label"]) in ("收入总计", "收入合计")), None)
    income = income or _total_fact(facts, "income")
    spending = next((f for f in facts if f["table"] == "summary"
                     and re.sub(r"\s+", "", f["row_label"]) in ("支出总计", "支出合计")), None)
    spending = spending or _total_fact(facts, "expenditure")
    for key, f in (("income", income), ("expenditure", spending)):
        if f:
            out[key] = (Decimal(f["amount"]), f["unit"], f)
    basic = _total_fact(facts, "expenditure", re.compile(r"^基本支出$"))
    project = _total_fact(facts, "expenditure", re.compile(r"^项目支出$"))
    if basic is None:
        parts = [f for f in facts if f["table"] == "expenditure" and not f["row_code"]
                 and TOTAL.match(re.sub(r"\s+", "", f["row_label"]))
                 and re.search(r"基本支出/", f["column"])]
        if parts:
            basic = dict(parts[0], amount=str(sum(Decimal(p["amount"]) for p in parts)))
    if basic:
        out["basic"] = (Decimal(basic["amount"]), basic["unit"], basic)
    if project:
        out["project"] = (Decimal(project["amount"]), project["unit"], project)
    findings = doc.rows.get("findings", [])
    out["errors"] = sum(1 for f in findings if f["severity"] == "error")
    out["warnings"] = sum(1 for f in findings if f["severity"] == "warning")
    return out


def _in_yuan(value: tuple[Decimal, str, dict] | None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(value[2]["amount_yuan"])


def _level1(doc: Doc, table: str, column_leaf: re.Pattern) -> tuple[list[tuple[str, Decimal]], str]:
    """Top-level (类) rows of a table and their amount in its total column."""
    facts = [f for f in doc.rows.get("facts", []) if f["table"] == table]
    res = doc.resource(table)
    if not facts or res is None:
        return [], ""
    levels = {r["row_number"]: r.get("level", "") for r in doc.rows.get(table, [])}
    first_col = next((f["column"] for f in facts if column_leaf.search(_leaf(f["column"]))), facts[0]["column"])
    items = []
    for f in facts:
        if f["column"] != first_col or TOTAL.match(re.sub(r"\s+", "", f["row_label"])):
            continue
        level = levels.get(f["row_number"], "")
        if (f["row_code"] and len(f["row_code"]) == 3) or (not f["row_code"] and level == "1"):
            items.append((f["row_label"], Decimal(f["amount"])))
    return items, res.get("unit", "")


# ---------------------------------------------------------------- HTML pieces


class Glossary:
    """Glossary terms explained where they appear (a tooltip on the first mention)."""

    def __init__(self, terms: dict[str, str]):
        self.terms = {t: d for t, d in terms.items() if 2 <= len(t) <= 12}
        keys = sorted(self.terms, key=len, reverse=True)
        self.pattern = re.compile("|".join(re.escape(k) for k in keys)) if keys else None

    def mark(self, text: str) -> str:
        escaped = html.escape(text)
        if self.pattern is None:
            return escaped
        out, pos, done = [], 0, set()
        for m in self.pattern.finditer(text):
            if m.group(0) in done:
                continue
            done.add(m.group(0))
            out.append(html.escape(text[pos:m.start()]))
            out.append(f'<abbr class="term" title="{html.escape(self.terms[m.group(0)])}">'
                       f"{html.escape(m.group(0))}</abbr>")
            pos = m.end()
        out.append(html.escape(text[pos:]))
        return "".join(out)


def resource_to_html(resource: dict, rows: list[dict], glossary: Glossary | None = None,
                     compact: bool = False) -> str:
    """A table for reading: every field with its printed title, amounts right-aligned with
    thousands separators, the row label indented by its level. A compact one is folded away."""
    fields = resource["schema"]["fields"]
    label = next((f["name"] for f in fields if f["type"] == "string" and not NOT_LABEL.match(f["name"])), None)
    mark = glossary.mark if glossary else html.escape
    head = "".join(
        f'<th data-field="{html.escape(f["name"])}" class="{"num" if f["type"] in ("number", "integer") else ""}">'
        f'{mark(f.get("title") or f["name"])}</th>'
        for f in fields
    )
    body = []
    for r in rows:
        tds = []
        level = r.get("level", "")
        for f in fields:
            v = r.get(f["name"], "") or ""
            if f["type"] == "number":
                # numbers stay out of the search index: it is for words, and it stays small
                tds.append(f'<td class="num" data-search-exclude>{html.escape(fmt_amount(v))}</td>')
            elif f["type"] == "integer":
                tds.append(f'<td class="num" data-search-exclude>{html.escape(v)}</td>')
            elif f["name"] == label and level.isdigit():
                tds.append(f'<td class="label level-{level}" style="padding-left:{0.4 + int(level) * 1.2:.1f}em">'
                           f"{html.escape(v)}</td>")
            else:
                tds.append(f"<td>{html.escape(v)}</td>")
        cls = ' class="total"' if level == "0" else ""
        body.append(f"<tr{cls}>" + "".join(tds) + "</tr>")
    table = (
        f'<div class="table-wrap"><table class="budget-table" data-resource="{html.escape(resource["name"])}">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )
    if compact:
        return f'<details class="data" data-search-exclude><summary>数据表（{len(rows)} 行）</summary>{table}</details>'
    return table


def data_dictionary(resource: dict) -> str:
    rows = "".join(
        f"<tr><td><code>{html.escape(f['name'])}</code></td><td>{html.escape(f.get('title', ''))}</td>"
        f"<td>{html.escape(f['type'])}</td><td>{html.escape(f.get('description', ''))}</td></tr>"
        for f in resource["schema"]["fields"]
    )
    return (
        '<details class="dictionary" data-search-exclude><summary>数据字典（字段说明）</summary>'
        '<table><thead><tr><th>字段</th><th>中文标题</th><th>类型</th><th>说明</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></details>"
    )


def _page_link(doc: Doc, page: str | int, has_pdf: bool) -> str:
    return f'<a href="../sources/{doc.ident}.pdf#page={page}">第{page}页</a>' if has_pdf else f"第{page}页"


def _downloads(doc: Doc, resource: dict) -> str:
    base = f"../data/{doc.ident}"
    return (f'下载 <a href="{base}/{resource["path"]}">CSV</a> · '
            f'<a href="{base}/{doc.ident}.xlsx" title="整份文件的 Excel 工作簿，本表在工作表 {resource["name"][:31]}">'
            f"Excel（工作表 {html.escape(resource['name'][:31])}）</a>")


# ---------------------------------------------------------------- pages


def doc_page(doc: Doc, has_pdf: bool, glossary: Glossary) -> str:
    pkg, ident = doc.pkg, doc.ident
    figures = doc_figures(doc)
    lines = [f"# {pkg['title']}", ""]
    meta = [
        f"**发布单位**：{html.escape(pkg['publisher'])}",
        f"**年度**：{pkg['fiscal_year']}",
        f"**类型**：{TYPE_NAMES.get(pkg['document_type'], pkg['document_type'])}",
        f"**原文页数**：{pkg.get('pages', '')}",
    ]
    lines += [" · ".join(meta), ""]
    source = f'<a href="../sources/{ident}.pdf">原文 PDF</a> · ' if has_pdf else ""
    lines += [
        '<div class="downloads" markdown="0">下载整份数据：'
        f'{source}<a href="../data/{ident}/{ident}.xlsx">Excel 工作簿（每表一页）</a> · '
        f'<a href="../data/{ident}/{ident}.zip">数据包 ZIP</a> · '
        f'<a href="../data/{ident}/datapackage.json">datapackage.json</a></div>',
        "",
    ]
    if pkg.get("disclosure_part") == "explanation_only":
        lines += ['!!! note "只有情况说明"', "", f"    {pkg['description']}", ""]

    lines += ["## 概览", ""]
    overview = []
    names = (("income", "收入总计"), ("expenditure", "支出总计"), ("basic", "基本支出"), ("project", "项目支出"))
    for key, name in names:
        if key in figures:
            value, unit, fact = figures[key]
            overview.append(f"<li>{glossary.mark(name)}：<strong>{fmt_amount(fact['amount'])}</strong> {unit}"
                            f"（{_page_link(doc, fact['page'], has_pdf)}）</li>")
    overview.append(f"<li>核对发现：{figures['errors']} 处错误，{figures['warnings']} 处尾差提示</li>")
    lines += ['<ul class="overview">' + "".join(overview) + "</ul>", ""]

    duties, units = doc.rows.get("responsibilities", []), doc.rows.get("departments", [])
    if duties or units:
        lines += ["## 职责与机构", ""]
        if duties:
            lines += ["<ol class=\"duties\">" + "".join(f"<li>{html.escape(d['text'])}</li>" for d in duties)
                      + "</ol>", ""]
        if units:
            stated = doc.resource("departments").get("stated_count")
            note = f"（文件称 {stated} 个）" if stated is not None else ""
            lines += [f"<p>内设机构 {len(units)} 个{note}："
                      + "、".join(html.escape(u["name"]) for u in units) + "</p>", ""]

    charts = []
    if "basic" in figures and "project" in figures:
        unit = figures["basic"][1]
        charts.append(split_bar("基本支出与项目支出", [("基本支出", figures["basic"][0]),
                                                    ("项目支出", figures["project"][0])], unit))
    gpe, unit = _level1(doc, "general_public_expenditure", re.compile(r"合计|总计|小计|金额|预算数"))
    if gpe:
        charts.append(bar_chart("一般公共预算支出结构（按功能分类）", gpe, unit))
    spend, unit = _level1(doc, "expenditure", re.compile(r"合计|总计|小计|金额|预算数"))
    if spend:
        charts.append(bar_chart("支出按功能分类（类）", spend, unit))
    econ, unit = _level1(doc, "basic_expenditure_economic", re.compile(r"合计|总计|小计|金额|预算数"))
    if econ:
        charts.append(bar_chart("基本支出按经济分类", econ, unit))
    if charts:
        lines += ["## 图表", ""] + [f'<figure class="chart" data-search-exclude>{c}</figure>' for c in charts if c]
        lines += [""]

    findings = doc.rows.get("findings", [])
    lines += ["## 核对发现", ""]
    if findings:
        rows = "".join(
            f'<tr class="{html.escape(f["severity"])}"><td>{"错误" if f["severity"] == "error" else "尾差"}</td>'
            f"<td>{html.escape(f['table'])}</td><td>{html.escape(f['row_code'])} {html.escape(f['row_label'])}</td>"
            f"<td>{html.escape(f['column'])}</td><td class=\"num\">{fmt_amount(f['printed'])}</td>"
            f"<td class=\"num\">{fmt_amount(f['expected'])}</td><td class=\"num\">{fmt_amount(f['difference'])}</td>"
            f"<td>{_page_link(doc, f['page'], has_pdf)}</td><td>{html.escape(f['message'])}</td></tr>"
            for f in findings
        )
        lines += [
            '<div class="table-wrap"><table class="findings"><thead><tr><th>级别</th><th>表</th><th>行</th>'
            '<th>栏目</th><th class="num">印刷数</th><th class="num">应为</th><th class="num">差额</th><th>页</th>'
            f"<th>说明</th></tr></thead><tbody>{rows}</tbody></table></div>",
            "",
        ]
    else:
        lines += ["各项核对均相符。", ""]

    lines += ["## 报表", ""]
    tables = doc.table_resources()
    if not tables:
        lines += ["本文件不含预算报表。", ""]
    for r in tables:
        rows = doc.rows[r["name"]]
        pages = "、".join(_page_link(doc, p, has_pdf) for p in r.get("pages") or [])
        lines += [
            f"### {html.escape(r['title'])}",
            "",
            f'<p class="table-meta">资源 <code>{r["name"]}</code> · 单位：{r.get("unit", "")} · 原文 {pages} · '
            f"{_downloads(doc, r)}</p>",
            "",
        ]
        if not rows:
            lines += [f'<p class="empty">本表无数据。{html.escape(r.get("description", ""))}</p>', ""]
        lines += [resource_to_html(r, rows, glossary), data_dictionary(r), ""]

    targets = doc.rows.get("performance_targets", [])
    if targets:
        lines += ["## 项目绩效目标", ""]
        indicators = doc.rows.get("performance_indicators", [])
        for t in targets:
            mine = [i for i in indicators if i["project_name"] == t["project_name"] and i["page"] == t["page"]]
            funds = fmt_amount(t.get("funds_year_total", "")) or "—"
            lines += [
                f"### {html.escape(t['project_name'])}",
                "",
                f'<p class="table-meta">年度资金总额 {funds} 元 · {html.escape(t.get("project_type", ""))} · '
                f"原文 {_page_link(doc, t['page'], has_pdf)}</p>",
                "",
                f"<p>{html.escape(t.get('goal_year') or t.get('goal_period') or '')}</p>",
                "",
            ]
            if mine:
                r = doc.resource("performance_indicators")
                lines += [resource_to_html(r, mine), ""]
    for name, heading in (("narrative_figures", "情况说明中的数字"), ("performance_targets", "绩效目标表数据"),
                          ("performance_indicators", "绩效指标数据"), ("responsibilities", "职责数据"),
                          ("departments", "内设机构数据"), ("glossary", "名词解释"), ("facts", "全部金额（facts）"),
                          ("findings", "核对发现数据")):
        r = doc.resource(name)
        if r is None:
            continue
        lines += [
            f"## {heading}",
            "",
            f'<p class="table-meta">资源 <code>{r["name"]}</code> · {len(doc.rows[name])} 行 · '
            f"{_downloads(doc, r)}</p>",
            "",
        ]
        if name not in ("facts", "findings"):
            if not doc.rows[name]:
                lines += ['<p class="empty">本文件没有这部分内容。</p>', ""]
            lines += [resource_to_html(r, doc.rows[name], compact=name not in ("glossary", "narrative_figures")), ""]
        lines += [data_dictionary(r), ""]
    return "\n".join(lines)


def _catalogue_row(doc: Doc) -> str:
    f = doc_figures(doc)
    pkg = doc.pkg
    cells = [
        ("text", html.escape(pkg["publisher"]), f'<a href="{doc.ident}/index.md">{html.escape(pkg["publisher"])}</a>'),
        ("num", str(pkg["fiscal_year"]), str(pkg["fiscal_year"])),
        ("text", pkg["document_type"], TYPE_NAMES.get(pkg["document_type"], pkg["document_type"])),
    ]
    for key in ("income", "expenditure"):
        yuan = _in_yuan(f.get(key))
        shown = f"{yuan / 10000:,.2f}" if yuan is not None else "—"
        cells.append(("num", str(yuan) if yuan is not None else "", shown))
    cells.append(("num", str(f["errors"]), f"{f['errors']} / {f['warnings']}"))
    return "<tr>" + "".join(
        f'<td data-sort="{html.escape(key)}" class="{"num" if kind == "num" else ""}">{shown}</td>'
        for kind, key, shown in cells
    ) + "</tr>"


def home_page(docs: list[Doc], corpus_links: list[str] | None = None) -> str:
    rows = "".join(_catalogue_row(d) for d in docs)
    corpus = ("下载全部：" + " · ".join(corpus_links)) if corpus_links else ""
    return "\n".join([
        "# 预算公开数据",
        "",
        "政府部门和单位每年以 PDF 公开预算、决算。本站把这些文件转换为经过校验的开放数据："
        "每份文件的每张报表都可以在线阅读、下载（CSV、Excel），每个数字都链接回原文所在页；"
        "报表自身加总不一致之处列为“核对发现”。",
        "",
        f"共 {len(docs)} 份文件。点击表头排序，在下框输入文字筛选。",
        "",
        f'<p class="downloads">{corpus}</p>' if corpus else "",
        "",
        '<input id="catalogue-filter" type="search" placeholder="筛选：单位、年度、类型……" aria-label="筛选文件">',
        "",
        '<div class="table-wrap"><table id="catalogue" class="catalogue"><thead><tr>'
        '<th data-type="text">发布单位</th><th data-type="num" class="num">年度</th><th data-type="text">类型</th>'
        '<th data-type="num" class="num">收入总计（万元）</th><th data-type="num" class="num">支出总计（万元）</th>'
        '<th data-type="num" class="num">核对发现（错误/尾差）</th>'
        f"</tr></thead><tbody>{rows}</tbody></table></div>",
        "",
        "另见：[名词解释](glossary.md) · [数据说明与下载](about.md)",
        "",
    ])


def glossary_page(entries: list[tuple[str, str, Doc]]) -> str:
    lines = ["# 名词解释", "", "各公开文件“名词解释”部分的汇总，按名词排列；同一名词的不同解释分别列出。", ""]
    by_term: dict[str, list[tuple[str, Doc]]] = {}
    for term, definition, doc in entries:
        by_term.setdefault(term, []).append((definition, doc))
    for term in sorted(by_term):
        lines += [f"## {html.escape(term)}", ""]
        seen: dict[str, list[Doc]] = {}
        for definition, doc in by_term[term]:
            seen.setdefault(definition, []).append(doc)
        for definition, docs in seen.items():
            sources = "、".join(f'<a href="{d.ident}/index.md">{html.escape(d.pkg["title"])}</a>' for d in docs)
            lines += [html.escape(definition), "", f'<p class="source">来源：{sources}</p>', ""]
    return "\n".join(lines)


ABOUT = """# 数据说明与下载

每份公开文件对应一个 [Frictionless 数据包](https://datapackage.org/)：`datapackage.json` 描述每个
CSV 文件的字段（英文字段名、原表中文标题、类型）。CSV 为 UTF-8 编码；用 Excel 打开请下载 `.xlsx`。

- `facts`：每个印刷金额一行（表、科目编码、项目、栏目、金额、单位、折合元、页码）；
- 每张报表一个资源，每个印刷行一行；
- `findings`：报表自身不一致之处（规则、位置、印刷数、应为、差额）；
- `glossary`：文件的名词解释。

用 pandas 读取一份文件的全部金额：

```python
import pandas as pd
facts = pd.read_csv("data/<文件编号>/data/facts.csv", dtype={"row_code": str})
```

数据由程序从 PDF 原文自动提取，金额保持原样，不作更正。
"""


# ---------------------------------------------------------------- downloads


def _zip_package(doc: Doc, path: Path) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for f in sorted(p for p in doc.folder.rglob("*") if p.is_file()):
            name = f"{doc.ident}/{f.relative_to(doc.folder).as_posix()}"
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, f.read_bytes())


def _sheet(wb, resource: dict, rows: list[dict], title: str) -> None:
    ws = wb.create_sheet(title=title)
    fields = resource["schema"]["fields"]
    ws.append([f.get("title") or f["name"] for f in fields])
    ws.append([f["name"] for f in fields])
    for r in rows:
        out = []
        for f in fields:
            v = r.get(f["name"], "")
            if f["type"] == "number" and v not in ("", None):
                out.append(float(v))
            elif f["type"] == "integer" and v not in ("", None) and v.lstrip("-").isdigit():
                out.append(int(v))
            else:
                out.append(v)
        ws.append(out)



def _sheet_title(name: str, used: set[str]) -> str:
    title = name[:31]
    n = 2
    while title in used:
        title = f"{name[:28]}_{n}"
        n += 1
    used.add(title)
    return title


def write_downloads(doc: Doc, out: Path) -> None:
    """The package as a zip, and one Excel workbook with a sheet per resource (Excel on Chinese
    Windows garbles UTF-8 CSV; a workbook opens as it is)."""
    from openpyxl import Workbook

    _zip_package(doc, out / f"{doc.ident}.zip")
    book = Workbook(write_only=True)
    used: set[str] = set()
    for r in doc.pkg["resources"]:
        _sheet(book, r, doc.rows[r["name"]], _sheet_title(r["name"], used))
    book.save(out / f"{doc.ident}.xlsx")


# ---------------------------------------------------------------- the whole docs folder


def _write_if_changed(path: Path, text: str) -> None:
    """Leave unchanged pages alone so that their timestamps (and Make) stay quiet."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for f in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(f.relative_to(folder).as_posix().encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def _corpus_downloads(packages: Path, docs: Path, corpus_sqlite: Path | None) -> list[str]:
    """Publish the corpus package (zip) and its SQLite export; returns the links for the home page."""
    corpus = packages / "corpus"
    links = []
    if (corpus / "datapackage.json").exists():
        target = docs / "data" / "corpus"
        target.mkdir(parents=True, exist_ok=True)
        doc = load_doc(corpus)
        _zip_package(doc, target / "corpus.zip")
        shutil.copyfile(corpus / "datapackage.json", target / "datapackage.json")
        links += ['<a href="data/corpus/corpus.zip">全部文件数据包（ZIP）</a>',
                  '<a href="data/corpus/datapackage.json">datapackage.json</a>']
    if corpus_sqlite is not None and corpus_sqlite.exists():
        (docs / "data" / "corpus").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(corpus_sqlite, docs / "data" / "corpus" / "corpus.sqlite")
        links.append('<a href="data/corpus/corpus.sqlite">SQLite 数据库</a>')
    return links


def packages_to_docs(packages: Path, docs: Path, sources: Path | None = None,
                     corpus_sqlite: Path | None = None) -> int:
    """Write the docs folder for every package under `packages`; returns the count.
    A document whose package and source did not change keeps its files untouched."""
    folders = sorted(p.parent for p in packages.glob("*/datapackage.json")
                     if not p.parent.name.startswith(".") and p.parent.name != "corpus")
    docs.mkdir(parents=True, exist_ok=True)
    loaded = [load_doc(f) for f in folders]
    idents = {d.ident for d in loaded} | {"corpus"}
    for stale in [p for p in (docs / "data").glob("*") if p.name not in idents] if (docs / "data").exists() else []:
        shutil.rmtree(stale)
        shutil.rmtree(docs / stale.name, ignore_errors=True)
        (docs / "sources" / f"{stale.name}.pdf").unlink(missing_ok=True)

    terms: dict[str, str] = {}
    entries: list[tuple[str, str, Doc]] = []
    for d in loaded:
        for g in d.rows.get("glossary", []):
            terms.setdefault(g["term"], g["definition"])
            entries.append((g["term"], g["definition"], d))
    glossary = Glossary(terms)

    for d in loaded:
        pdf = (sources / d.pkg["sources"][0]["title"]) if sources else None
        has_pdf = bool(pdf and pdf.exists())
        stamp = docs / "data" / d.ident / ".digest"
        digest = _digest(d.folder) + (" with pdf" if has_pdf else "")
        if not (stamp.exists() and stamp.read_text() == digest):
            target = docs / "data" / d.ident
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(d.folder, target)
            write_downloads(d, target)
            if has_pdf:
                (docs / "sources").mkdir(exist_ok=True)
                shutil.copyfile(pdf, docs / "sources" / f"{d.ident}.pdf")
            stamp.write_text(digest)
        _write_if_changed(docs / d.ident / "index.md", doc_page(d, has_pdf, glossary))

    loaded.sort(key=lambda d: (d.pkg["publisher"], d.pkg["fiscal_year"], d.ident))
    corpus_links = _corpus_downloads(packages, docs, corpus_sqlite)
    _write_if_changed(docs / "index.md", home_page(loaded, corpus_links))
    _write_if_changed(docs / "glossary.md", glossary_page(entries))
    _write_if_changed(docs / "about.md", ABOUT)
    assets = docs / "assets"
    assets.mkdir(exist_ok=True)
    for f in ASSETS.iterdir():
        _write_if_changed(assets / f.name, f.read_text(encoding="utf-8"))
    userdict = "".join(f"{t} 100 n\n" for t in sorted(terms) if " " not in t)
    _write_if_changed(assets / "jieba_userdict.txt", userdict)
    return len(loaded)
