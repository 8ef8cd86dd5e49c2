"""The site is generated from the packages and shows every resource and field."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from conftest import PAYLOADS, ROOT, SAMPLE_ID

from pipeline.model import BOX_NAMES


class PageParts(HTMLParser):
    """What a reader finds on a page: its text, each readable table's column titles (by
    resource and field) and the data dictionary's (field, title) pairs."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.columns: dict[str, dict[str, str]] = {}
        self.dictionary: set[tuple[str, str]] = set()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self._resource: str | None = None
        self._th: str | None = None
        self._cells: list[str] | None = None
        self._in_dictionary = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        a = dict(attrs)
        if tag == "table" and "budget-table" in (a.get("class") or ""):
            self._resource = a.get("data-resource")
            self.columns.setdefault(self._resource, {})
        elif tag == "th" and self._resource is not None and "data-field" in a:
            self._th = a["data-field"]
            self.columns[self._resource][self._th] = ""
        elif tag == "details" and "dictionary" in (a.get("class") or ""):
            self._in_dictionary = True
        elif tag == "tr" and self._in_dictionary:
            self._cells = []
        elif tag == "td" and self._cells is not None:
            self._cells.append("")

    def handle_endtag(self, tag):
        if tag == "table":
            self._resource = None
        elif tag == "th":
            self._th = None
        elif tag == "details":
            self._in_dictionary = False
        elif tag == "tr" and self._cells is not None:
            if len(self._cells) >= 2:
                self.dictionary.add((self._cells[0], self._cells[1]))
            self._cells = None

    def handle_data(self, data):
        self.text.append(data)
        if self._th is not None:
            self.columns[self._resource][self._th] += data
        if self._cells:
            self._cells[-1] += data


def missing_from_page(pkg: dict, html: str) -> list[str]:
    """Every resource and field of a package that the document page does not show."""
    parts = PageParts(html)
    missing = []
    for r in pkg["resources"]:
        if r["name"] not in ("facts", "findings") and r["name"] not in parts.columns:
            missing.append(f"table {r['name']}")
        for f in r["schema"]["fields"]:
            title = f.get("title") or f["name"]
            if (f["name"], f.get("title", "")) not in parts.dictionary:
                missing.append(f"dictionary {r['name']}.{f['name']}")
            if r["name"] not in ("facts", "findings") and f["name"] not in BOX_NAMES \
                    and parts.columns.get(r["name"], {}).get(f["name"]) != title:
                missing.append(f"column {r['name']}.{f['name']} ({title})")
    return missing


def test_every_resource_and_field_is_on_the_document_page(built_site):
    for folder in (ROOT / "datapackages").glob("*/datapackage.json"):
        if folder.parent.name == "corpus":
            continue  # the corpus package is published as downloads on the home page
        pkg = json.loads(folder.read_text(encoding="utf-8"))
        page = (built_site / pkg["name"] / "index.html").read_text(encoding="utf-8")
        assert missing_from_page(pkg, page) == []
        for r in pkg["resources"]:
            assert f"数据文件 <code>{r['name']}.csv</code>" in page, r["name"]
            assert f'data/{pkg["name"]}/{r["path"]}' in page, r["path"]
            for f in r["schema"]["fields"]:
                # the data dictionary names every field of every resource
                assert f"<td><code>{f['name']}</code></td>" in page, (r["name"], f["name"])
                if r["name"] not in ("facts", "findings"):
                    # a figure's box is where the page viewer marks it: in the link, not a column
                    assert (f'data-field="{f["name"]}"' in page) != (f["name"] in BOX_NAMES), (r["name"], f["name"])


def test_a_missing_resource_would_be_noticed(built_site):
    """The checks above are not vacuous: a resource or a field title that is not on the page is reported."""
    page = (built_site / SAMPLE_ID / "index.html").read_text(encoding="utf-8")
    assert "数据文件 <code>no_such_table.csv</code>" not in page
    assert "数据文件 <code>income.csv</code>" in page
    pkg = json.loads((ROOT / "datapackages" / SAMPLE_ID / "datapackage.json").read_text(encoding="utf-8"))
    extra = {"name": "no_such_table", "path": "data/no_such_table.csv",
             "schema": {"fields": [{"name": "x", "type": "string", "title": "没有的栏目"}]}}
    pkg["resources"].append(extra)
    pkg["resources"][1]["schema"]["fields"][2]["title"] = "改过的标题"
    missing = missing_from_page(pkg, page)
    assert "table no_such_table" in missing and "dictionary no_such_table.x" in missing
    assert any(m.startswith(f"column {pkg['resources'][1]['name']}.") for m in missing)


def test_document_page_shows_total_and_downloads_exist(built_site):
    page = (built_site / SAMPLE_ID / "index.html").read_text(encoding="utf-8")
    assert "1,564.72" in page
    for rel in ("datapackage.json", "data/income.csv", f"{SAMPLE_ID}.xlsx", f"{SAMPLE_ID}.zip"):
        assert (built_site / "data" / SAMPLE_ID / rel).is_file(), rel
    assert (built_site / "sources" / f"{SAMPLE_ID}.pdf").is_file()
    assert f"viewer.html?doc={SAMPLE_ID}&amp;page=8&amp;box=" in page  # tables link to their page
    assert (built_site / "viewer.html").is_file() and (built_site / "assets" / "pdfjs" / "pdf.worker.min.js").is_file()


def test_document_page_says_how_much_of_the_document_was_read(built_site):
    """Issue 24: each document page states its self-audit, and `documents` carries it."""
    page = (built_site / SAMPLE_ID / "index.html").read_text(encoding="utf-8")
    pkg = json.loads((built_site / "data" / SAMPLE_ID / "datapackage.json").read_text(encoding="utf-8"))
    c = pkg["coverage"]
    said = f"本文件印刷的金额中有 <strong>100.0%</strong> 已读入（{c['amounts_printed']} 个中的 {c['amounts_read']} 个"
    assert said in page
    with (built_site / "data" / "corpus" / "data" / "documents.csv").open(encoding="utf-8") as f:
        row = next(r for r in csv.DictReader(f) if r["doc_id"] == SAMPLE_ID)
    assert (row["amounts_printed"], row["amounts_read"], row["coverage_share"]) == (
        str(c["amounts_printed"]), str(c["amounts_read"]), str(c["share"]))


def test_hierarchy_indented_and_amounts_formatted(built_site):
    page = (built_site / SAMPLE_ID / "index.html").read_text(encoding="utf-8")
    assert ('class="label sticky level-3" style="padding-left:4.0em"><span class="code-in-label" data-search-ignore>'
            '2010301</span>行政运行</td>') in page
    # the amount opens the page viewer at its sheet (10), named by the number the page prints (7),
    # its box on the page marked
    assert (f'<td class="num amount"><a href="../viewer.html?doc={SAMPLE_ID}&amp;page=10'
            '&amp;box=362.2%2C169.6%2C393.7%2C178.6" title="原文第7页">1,300.26</a></td>' in page)


def test_home_glossary_and_charts(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "大同市行政审批服务管理局" in home and 'id="catalogue"' in home
    glossary = (built_site / "glossary.html").read_text(encoding="utf-8")
    assert "机关运行经费" in glossary and "财政专户管理资金" in glossary
    page = (built_site / SAMPLE_ID / "index.html").read_text(encoding="utf-8")
    captions = re.findall(r"<figcaption>([^<]*)", page)
    # 一般公共预算支出 breaks down exactly like 支出 here: that chart would repeat the other one
    assert captions == ["基本支出与项目支出", "支出按功能分类（类）"]
    assert '<abbr class="term" title="指在基本支出之外' in page  # glossary tooltips where terms appear


def _search_pages(site: Path) -> dict[str, dict]:
    fragments = (json.loads(gzip.decompress(p.read_bytes())) for p in (site / "search" / "p").glob("*.json.gz"))
    return {f["u"]: f for f in fragments}


def _postings(site: Path, token: str) -> set[str]:
    """The pages the search index lists for a token (search_index.py's files, read as search.js does)."""
    from pipeline.publish.site.search_index import shard_of

    index = json.loads((site / "search" / "index.json").read_text(encoding="utf-8"))
    shard_file = site / "search" / "t" / f"{shard_of(token, index['shards'])}.json.gz"
    shard = json.loads(gzip.decompress(shard_file.read_bytes()))
    ids, page = [], 0
    for delta in shard.get(token, [])[::2]:
        page += delta
        ids.append(page)
    urls = {json.loads(gzip.decompress(p.read_bytes()))["u"]: int(p.name.split(".")[0])
            for p in (site / "search" / "p").glob("*.json.gz")}
    return {u for u, i in urls.items() if i in ids}


def test_search_index_finds_words_and_parts_of_words(built_site):
    """Every character pair is a token, so a word inside a longer one is found (经费 in 机关运行经费),
    and so are glossary terms; amounts and header rows are not indexed, page text keeps its lines."""
    doc = f"{SAMPLE_ID}/index.html"
    assert doc in _postings(built_site, "经费") and doc in _postings(built_site, "运行")
    assert "glossary.html" in _postings(built_site, "专户")
    pages = _search_pages(built_site)
    sections = {s[1]: s[2] for s in pages[doc]["s"]}
    assert pages[doc]["t"] == "大同市行政审批服务管理局2026年单位预算" and pages[doc]["k"] == "文件"
    assert "2010301\n行政运行" in sections["2026年预算支出总表"]  # one line per cell, never run together
    assert "1,300.26" not in sections["2026年预算支出总表"]  # amounts are for the tables, not the index
    assert "本年收入" not in sections["2026年预算收入总表"]  # the header row is left out
    glossary = {s[1]: s[2] for s in pages["glossary.html"]["s"]}
    assert "财政专户管理资金" in glossary


def test_corpus_downloads_on_their_page(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="downloads.html"' in home
    downloads = (built_site / "downloads.html").read_text(encoding="utf-8")
    for href in ("data/corpus/corpus.zip", "data/budget-data-all.zip", "data/corpus/datapackage.json",
                 "data/corpus/excel-csv/facts.csv", "data/corpus/data/facts.csv"):
        assert f'href="{href}"' in downloads, href
        assert (built_site / href).is_file(), href


def test_hostile_document_text_is_shown_as_text_never_as_markup(hostile_site):
    """Titles, publisher, description, labels, glossary, project names and the source file name
    carry HTML, attr_list and Markdown payloads; no page turns any of them into markup."""
    problems = []
    for path in sorted(hostile_site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        rel = path.relative_to(hostile_site).as_posix()
        problems += [f"{rel}: {raw}" for raw in ("<img src=x", "<svg/onload", "<strong>bold", "<code>injected")
                     if raw in html]
        for tag, attrs in PageParts(html).tags:
            for name, value in attrs:
                if name.startswith("on") or name == "autofocus":
                    problems.append(f"{rel}: <{tag} {name}={value}>")
                if name in ("href", "src", "action", "formaction", "xlink:href") \
                        and (value or "").strip().lower().startswith("javascript:"):
                    problems.append(f"{rel}: <{tag} {name}={value}>")
    assert problems == []
    # the search index holds page text as text (search.js shows it with textContent, never as HTML)
    fragments = json.dumps(_search_pages(hostile_site), ensure_ascii=False)
    assert PAYLOADS["img"] in fragments

    page = (hostile_site / SAMPLE_ID / "index.html").read_text(encoding="utf-8")
    text = "".join(PageParts(page).text)
    for payload in PAYLOADS.values():
        assert payload in text, payload
    pkg = json.loads((hostile_site.parent / "packages" / SAMPLE_ID / "datapackage.json").read_text(encoding="utf-8"))
    assert missing_from_page(pkg, page) == []
    glossary = "".join(PageParts((hostile_site / "glossary.html").read_text(encoding="utf-8")).text)
    for payload in ("bold", "attr", "code", "svg", "link", "img"):
        assert PAYLOADS[payload] in glossary, payload
    home = "".join(PageParts((hostile_site / "index.html").read_text(encoding="utf-8")).text)
    assert PAYLOADS["svg"] in home


def test_a_source_file_name_is_only_looked_up_in_the_sources_folder(tmp_path):
    from pipeline.publish.site.docs import _source_pdf

    (tmp_path / "sources").mkdir()
    (tmp_path / "secret.pdf").write_bytes(b"%PDF")
    (tmp_path / "sources" / "a b.pdf").write_bytes(b"%PDF")
    assert _source_pdf(tmp_path / "sources", {"sources": [{"title": "a b.pdf"}]}) == tmp_path / "sources" / "a b.pdf"
    for name in ("../secret.pdf", str(tmp_path / "secret.pdf"), "..", ""):
        assert _source_pdf(tmp_path / "sources", {"sources": [{"title": name}]}) is None, name


def broken_links(site: Path) -> list[str]:
    """Links of the site's pages to files it does not hold (other hosts and same-page places aside)."""
    broken = []
    for path in sorted(site.rglob("*.html")):
        for tag, attrs in PageParts(path.read_text(encoding="utf-8")).tags:
            for name, value in attrs:
                if name not in ("href", "src") or not value:
                    continue
                url = urlparse(value)
                if url.scheme or url.netloc or not url.path:
                    continue  # another site, or a place on this page
                base = site if url.path.startswith("/") else path.parent
                if not (base / unquote(url.path).lstrip("/")).resolve().exists():
                    broken.append(f"{path.relative_to(site)}: <{tag} {name}={value}>")
    return broken


def test_every_link_between_pages_resolves(built_site, several_site):
    """Links written in raw HTML are not rewritten by mkdocs: each must name a built file."""
    assert broken_links(built_site) == []
    assert broken_links(several_site) == []


def test_templates_mark_nothing_safe():
    """Only Python marks text safe (links, chart SVG); a template prints every value escaped."""
    for template in (ROOT / "pipeline" / "publish" / "templates").iterdir():
        text = template.read_text(encoding="utf-8")
        for unsafe in ("|safe", "| safe", "autoescape false", "|format", "| format"):
            assert unsafe not in text, (template.name, unsafe)


def test_workbook_keeps_text_that_looks_like_a_formula(tmp_path):
    """A cell printed as '=HYPERLINK(...)' stays text in the Excel download, never a formula."""
    from openpyxl import load_workbook

    from pipeline.publish.site.downloads import write_downloads
    from pipeline.publish.site.load import load_doc

    doc = load_doc(ROOT / "datapackages" / SAMPLE_ID)
    payload = '=HYPERLINK("http://example.invalid","x")'
    doc.rows["income"][1]["name"] = payload
    doc.rows["glossary"][0]["term"] = "=1+1"
    write_downloads(doc, tmp_path)
    book = load_workbook(tmp_path / f"{SAMPLE_ID}.xlsx")
    income = book["2026年预算收入总表"]  # sheets are named by the printed titles
    label = income.cell(row=4, column=3)  # title row, name row, then the rows
    assert (label.value, label.data_type) == (payload, "s")
    term = book["名词解释"].cell(row=3, column=1)
    assert (term.value, term.data_type) == ("=1+1", "s")
    assert income.cell(row=4, column=4).data_type == "n"  # amounts stay numbers


def test_findings_show_each_rules_own_message():
    """The rules write their messages in Chinese; the site shows them as the package holds them
    (an older package's English ones too), tables by their printed titles, and counts 尾差 from the
    rule and severity, or the narrative rule's own rounding words."""
    from decimal import Decimal

    from pipeline.checks.model import ROUNDING, Context
    from pipeline.checks.narrative_matches_table import ROUNDED_IN_TEXT
    from pipeline.checks.narrative_matches_table import check as narrative
    from pipeline.model import Fact
    from pipeline.publish.site import findings
    from pipeline.publish.site.findings import RULES, check_summary, finding_rows, is_rounding
    from pipeline.publish.site.load import load_doc
    from pipeline.text.narrative import Figure
    from pipeline.vocabulary import UNIT_FACTORS

    doc = load_doc(ROOT / "datapackages" / SAMPLE_ID)
    rows = finding_rows(doc)
    # issue 23: errors first, then notes, then rounding differences, each in the package's order
    assert sorted(r.message for r in rows) == sorted(f["message"] for f in doc.rows["findings"])
    assert [r.level for r in rows] == ["提示"] + ["尾差"] * 6
    assert rows[1].table == "2026年预算收入总表" and rows[1].rule == RULES["parent_equals_children"].label
    assert [r.message for r in rows[1:]] == [f["message"] for f in doc.rows["findings"] if f["severity"] == "warning"
                                             and f["rule"] == "parent_equals_children"]
    summary = check_summary(doc)
    assert (summary.errors, summary.rounding, summary.notes) == (0, 6, 1)
    assert not hasattr(findings, "message_zh")  # nothing re-says a rule's message

    english = "x = 1, but the sum of 201+208 = 2: does not add up"  # a package built before
    doc.rows["findings"] = [{**doc.rows["findings"][0], "severity": "error", "message": english}]
    assert finding_rows(doc)[0].message == english

    # the narrative rule's warnings as it writes them: rounded in the text, a last digit apart, or
    # words that may mean another cell
    def said(figure: str, amount: str, unit: str) -> dict:
        table = Fact("expenditure", "210", "卫生健康支出", ("预算数",), Decimal(amount), unit, UNIT_FACTORS[unit])
        (o,) = narrative(Context(facts=(table,), figures=(Figure("三", "卫生健康支出", figure, "万元", 5, ""),)))
        return o.finding.to_row()

    rounded, last_digit, other = said("264.46", "2644612.34", "元"), said("264.47", "264.46", "万元"), said(
        "260.00", "264.46", "万元")
    assert ROUNDED_IN_TEXT in rounded["message"] and is_rounding(rounded)
    assert ROUNDING in last_digit["message"] and is_rounding(last_digit)
    assert other["severity"] == "warning" and not is_rounding(other)
    assert is_rounding({"severity": "warning", "rule": "parent_equals_children", "message": ""})
    # 尾差 are the rounding warnings only: a project name that differs is a note, not a rounding difference
    assert not is_rounding({"severity": "warning", "rule": "form_matches_project", "message": ROUNDING})
    assert not is_rounding({"severity": "warning", "rule": "text_placeholders", "message": ROUNDING})
    assert not is_rounding({"severity": "error", "rule": "parent_equals_children", "message": ""})


def test_sheet_names_are_titles_excel_accepts():
    from pipeline.publish.site.downloads import CONTENTS_SHEET, sheet_titles

    resources = [{"name": "a", "title": "2026年一般公共预算安排基本支出分经济科目表（不含上年结转）"},  # 31 characters
                 {"name": "b", "title": "2026年一般公共预算安排基本支出分经济科目表（不含上年结转）续表"},
                 {"name": "c", "title": "收入[1]:支出*?/\\表"}, {"name": "d", "title": "'引号'"},
                 {"name": "e", "title": CONTENTS_SHEET}, {"name": "f"}]
    names = sheet_titles(resources)
    assert all(len(n) <= 31 and not re.search(r"[\[\]:*?/\\]", n) and not n.startswith("'") for n in names.values())
    assert len({n.lower() for n in names.values()} | {CONTENTS_SHEET}) == len(resources) + 1
    assert names["a"] == resources[0]["title"]
    assert names["b"] == "2026年一般公共预算安排基本支出分经济科目表（不含上年结_2"
    assert names["c"] == "收入_1__支出____表" and names["f"] == "f"


def test_issue_23_excel_downloads_name_the_printed_page_beside_the_pdf_page(built_site):
    """The site names pages as the document numbers them (第7页 for the PDF's 10th sheet); the
    CSV for Excel and the workbook say their page is the PDF's and give the printed one beside it."""
    from openpyxl import load_workbook

    with (built_site / "data" / SAMPLE_ID / "excel-csv" / "expenditure.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    at = rows[0].index("PDF页码")
    assert rows[0][at + 1] == "印刷页码" and "页码" not in rows[0]
    assert {(r[at], r[at + 1]) for r in rows[1:]} == {("10", "7")}
    book = load_workbook(built_site / "data" / SAMPLE_ID / f"{SAMPLE_ID}.xlsx", read_only=True)
    sheet = list(book["2026年预算支出总表"].iter_rows(values_only=True))
    at = sheet[0].index("PDF页码")
    assert sheet[0][at + 1] == "印刷页码" and sheet[1][at + 1] == "printed_page" and sheet[2][at: at + 2] == (10, 7)


def test_downloads_resolve_and_keep_the_packages_bytes(several_site):
    """The corpus package is published with its data files (every path of its datapackage.json
    resolves), one zip holds every package, the package CSVs are byte-identical to the packages'
    and the copies for Excel are the same rows after a BOM and a header row of Chinese titles."""
    import zipfile

    from pipeline.publish.site.downloads import titled_header

    packages = several_site.parent / "packages"
    corpus = json.loads((several_site / "data" / "corpus" / "datapackage.json").read_text(encoding="utf-8"))
    for r in corpus["resources"]:
        published = several_site / "data" / "corpus" / r["path"]
        assert published.read_bytes() == (packages / "corpus" / r["path"]).read_bytes(), r["path"]
        excel = (several_site / "data" / "corpus" / "excel-csv" / Path(r["path"]).name).read_bytes()
        assert excel == b"\xef\xbb\xbf" + titled_header(r) + published.read_bytes().split(b"\n", 1)[1]
    names = zipfile.ZipFile(several_site / "data" / "budget-data-all.zip").namelist()
    for folder in packages.iterdir():
        assert f"{folder.name}/datapackage.json" in names, folder.name
    for r in json.loads((packages / SAMPLE_ID / "datapackage.json").read_text(encoding="utf-8"))["resources"]:
        package_csv = (packages / SAMPLE_ID / r["path"]).read_bytes()
        assert (several_site / "data" / SAMPLE_ID / r["path"]).read_bytes() == package_csv
        excel = several_site / "data" / SAMPLE_ID / "excel-csv" / Path(r["path"]).name
        # issue 23: the copy for Excel has a BOM and the fields' Chinese titles as its header row
        header, rows = excel.read_bytes().removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)
        titles = next(csv.reader([header.decode("utf-8")]))
        expected = [f.get("title") or f["name"] for f in r["schema"]["fields"]]
        if "PDF页码" in titles:  # the printed page added beside the PDF's (the test above)
            at = titles.index("PDF页码")
            expected[at: at + 1] = ["PDF页码", "印刷页码"]
            shown = [row[:at + 1] + row[at + 2:] for row in csv.reader(io.StringIO(rows.decode("utf-8")))]
            assert shown == list(csv.reader(io.StringIO(package_csv.decode("utf-8"))))[1:]
        else:
            assert rows == package_csv.split(b"\n", 1)[1]
        assert titles == expected
        words = header.decode("utf-8").replace("PDF", "")  # a format name
        assert r["name"] not in ("income", "summary") or not re.search(r"[A-Za-z]", words)


def test_snippets_and_sitemap_use_the_site_url(several_site):
    downloads = (several_site / "downloads.html").read_text(encoding="utf-8")
    assert "http://localhost:8000/data/corpus/data/facts.csv" in downloads
    assert "@@SITEURL@@" not in downloads
    assert "<loc>http://localhost:8000/index.html</loc>" in (several_site / "sitemap.xml").read_text(encoding="utf-8")


def test_about_page_says_licence_sources_checks_limits_and_failures(several_site):
    text = "".join(PageParts((several_site / "about.html").read_text(encoding="utf-8")).text)
    for heading in ("许可", "来源", "数字如何核对", "局限", "未能读取的文件"):
        assert heading in text, heading
    assert "Open Data Commons Public Domain Dedication and License" in text
    assert "扫描件.pdf" in text and "PDF 已加密" in text  # the failed input and its reason
    assert "datong-2026-unit-budget.pdf" in text and "上级科目等于下级科目之和" in text


def test_text_only_document_is_not_said_to_agree(several_site):
    page = (several_site / "310107-shanghaishi-putuoqu-ceshiju-2025-unit-budget-explanation-dddddd" / "index.html")
    text = "".join(PageParts(page.read_text(encoding="utf-8")).text)
    assert "没有可核对的报表" in text and "均相符" not in text


def test_issue_23_a_scanned_text_only_document_says_so_and_shows_what_its_words_state(several_site):
    """The text-only part read by OCR: the page says it was read by OCR, gives the totals its words
    state (no table prints them), links every figure of the 情况说明 to its page and shows no
    section of data it does not have."""
    page = (several_site / "310107-shanghaishi-putuoqu-ceshiju-2025-unit-budget-explanation-dddddd" / "index.html")
    html = page.read_text(encoding="utf-8")
    text = "".join(PageParts(html).text)
    assert "本文由扫描件经文字识别（OCR）读取，识别置信度平均 95.0%" in text
    assert "预算收入总计（情况说明所述）：1,564.72 万元" in text and "本年单位预算支出总计（情况说明所述）" in text
    assert "情况说明中的每个数字都链接到原文所在页" in text and "报表中的每个金额" not in text
    figures = html[html.index('data-resource="narrative_figures"'):]
    assert figures[:figures.index("</table>")].count('<a href="../viewer.html?doc=') >= 20
    assert "核对发现数据" not in text and "本文件没有这部分内容" not in text  # findings.csv has no rows


def test_publisher_and_code_pages(several_site):
    publisher = (several_site / "publishers" / "140200-datongshi-xingzheng-shenpi-fuwu-guanliju.html")
    text = "".join(PageParts(publisher.read_text(encoding="utf-8")).text)
    for year in ("2025年预算", "2025年决算", "2026年预算"):
        assert year in text, year
    assert "预算与决算对照" in text and "105.6%" in text  # final (×0.95) ÷ budget (×0.9) of the same figures
    code = "".join(PageParts((several_site / "codes" / "functional-201.html").read_text(encoding="utf-8")).text)
    assert "一般公共服务支出" in code and "上海市普陀区测试局" in code and "大同市行政审批服务管理局" in code
    index = (several_site / "codes" / "index.html").read_text(encoding="utf-8")
    assert 'href="../codes/functional-20103.html"' in index


def test_a_data_tables_english_values_are_shown_in_chinese(built_site):
    """Issue 23: the 主要指标 table showed income_total, approved, printed to readers."""
    page = (built_site / SAMPLE_ID / "index.html").read_text(encoding="utf-8")
    assert "<td>收入总计</td>" in page and "<td>预算</td>" in page
    assert "<td>income_total</td>" not in page and "<td>approved</td>" not in page and "<td>printed</td>" not in page


def test_no_english_footer_for_readers(built_site):
    """Issue 23: "Made with Material for MkDocs" was on every page."""
    assert "Made with" not in (built_site / "index.html").read_text(encoding="utf-8")


def test_the_read_share_is_rounded_down_so_one_amount_unread_never_shows_as_100_percent():
    from pipeline.publish.site.pages import read_share

    assert read_share({"amounts_printed": 15322, "amounts_read": 15321}) == "99.9%"
    assert read_share({"amounts_printed": 305, "amounts_read": 305}) == "100.0%"
    assert read_share({"amounts_printed": 0, "amounts_read": 0}) == "" and read_share(None) == ""


def test_issue_23_the_only_the_text_part_box_says_it_in_chinese_only():
    from pipeline.publish.site.pages import chinese_part

    chinese = "某局2026年部门预算（情况说明部分）：本文件不含预算报表，只有文字部分；报表通常另行公开。"
    assert chinese_part(chinese + " 某局.pdf holds the explanatory text only (情况说明), no report tables.") == chinese
    assert chinese_part("没有句号的说明") == "没有句号的说明"


def test_issue_23_a_computed_figure_in_the_findings_is_shown_as_printed_not_raw():
    """Issue 23: the findings table showed “应为 35.943143, 差额 -0.203143” for a stated 35.74%."""
    from pipeline.publish.site.findings import _amounts

    row = {"printed": "35.74", "expected": "35.943143", "difference": "-0.203143"}
    assert _amounts(row) == ("35.74", "35.94", "-0.20")
    assert _amounts({"printed": "1564.72", "expected": "1564.73", "difference": "-0.01"}) == (
        "1,564.72", "1,564.73", "-0.01")


def test_issue_23_parts_of_one_disclosure_are_one_catalogue_row():
    """江苏省委办公厅 2019 published its 情况说明 and its 报表 as two files: the home page listed two
    identical rows. One row now, led by the part with the tables, naming the other part."""
    from dataclasses import replace

    from pipeline.publish.site.catalogue import catalogue
    from pipeline.publish.site.load import load_doc

    sample = load_doc(ROOT / "datapackages" / SAMPLE_ID)
    text_id = SAMPLE_ID.rsplit("-", 1)[0] + "-explanation-aaaaaa"
    text = replace(sample, pkg={**sample.pkg, "name": text_id, "disclosure_part": "explanation_only",
                                "related_packages": [{"name": SAMPLE_ID, "disclosure_part": "tables_only"}]},
                   rows={})
    tables = replace(sample, pkg={**sample.pkg, "disclosure_part": "tables_only",
                                  "related_packages": [{"name": text_id, "disclosure_part": "explanation_only"}]})
    rows, _ = catalogue([text, tables])
    assert len(rows) == 1
    assert rows[0].doc.ident == SAMPLE_ID and [(name, d.ident) for name, d in rows[0].parts] == [
        ("情况说明部分", text_id)]
    alone, _ = catalogue([text, replace(tables, pkg={**tables.pkg, "related_packages": []})])
    assert len(alone) == 2  # documents not tied by related_packages stay apart


FORMAT_NAMES = {"CSV", "Excel", "PDF", "UTF", "ZIP", "JSON", "SQLite", "BOM", "OCR", "SHA", "MB", "KB"}
FILE_NAME = re.compile(r"[\w.-]+\.(?:csv|pdf|json|xlsx|zip|sqlite)\b", re.IGNORECASE)


def english_words(html: str) -> list[str]:
    """The Latin words a reader sees on a page: its visible text outside <code> (identifiers are
    shown as code), less file names and the names of formats."""

    class Visible(HTMLParser):
        def __init__(self):
            super().__init__()
            self.skip, self.parts = 0, []

        def handle_starttag(self, tag, attrs):
            if tag in ("script", "style", "code", "pre", "template"):
                self.skip += 1

        def handle_endtag(self, tag):
            if tag in ("script", "style", "code", "pre", "template"):
                self.skip -= 1

        def handle_data(self, data):
            if not self.skip:
                self.parts.append(data)

    v = Visible()
    v.feed(html)
    text = FILE_NAME.sub(" ", " ".join(v.parts))
    return [w for w in re.findall(r"[A-Za-z_]{2,}", text) if w not in FORMAT_NAMES]


def test_issue_23_no_english_on_a_document_page_but_file_and_format_names(built_site):
    """767 English words on 11 pages: the data dictionary's types and English descriptions among them."""
    page = (built_site / SAMPLE_ID / "index.html").read_text(encoding="utf-8")
    assert english_words(page) == []
    assert english_words("<p>amount 数据 <code>amount</code> summary.csv PDF</p>") == ["amount"]  # it can fail


def test_issue_23_a_document_page_gives_the_pdfs_date_and_file_name(built_site):
    """Readers asked where and when a document came from: the date the PDF records and its file name."""
    pkg = json.loads((ROOT / "datapackages" / SAMPLE_ID / "datapackage.json").read_text(encoding="utf-8"))
    page = (built_site / SAMPLE_ID / "index.html").read_text(encoding="utf-8")
    assert f"<strong>PDF 生成日期</strong>：{pkg['created'][:10]}" in page
    assert f"<strong>原文件名</strong>：{pkg['sources'][0]['title']}" in page


def test_issue_23_the_viewer_files_are_copied_as_installed_and_nothing_else(tmp_path):
    """assets/pdfjs/ holds what the browser loads of the installed pdf.js and nothing an older one
    left; without pdf.js installed the site build says so in Chinese."""
    from pipeline.publish.site.viewer import ViewerMissing, copy_viewer

    pdfjs = tmp_path / "pdfjs-dist"
    for rel in ("package.json", "LICENSE", "legacy/build/pdf.min.mjs", "legacy/build/pdf.worker.min.mjs",
                "cmaps/UniGB-UCS2-H.bcmap", "standard_fonts/FoxitSans.pfb", "legacy/build/pdf.mjs.map"):
        (pdfjs / rel).parent.mkdir(parents=True, exist_ok=True)
        (pdfjs / rel).write_text(rel, encoding="utf-8")
    assets = tmp_path / "assets"
    (assets / "pdfjs" / "cmaps").mkdir(parents=True)
    (assets / "pdfjs" / "cmaps" / "Old-H.bcmap").write_text("old", encoding="utf-8")
    copy_viewer(assets, pdfjs)
    copied = sorted(f.relative_to(assets / "pdfjs").as_posix() for f in (assets / "pdfjs").rglob("*") if f.is_file())
    assert copied == ["LICENSE.txt", "cmaps/UniGB-UCS2-H.bcmap", "pdf.min.js", "pdf.worker.min.js",
                      "standard_fonts/FoxitSans.pfb"]
    assert (assets / "pdfjs" / "pdf.min.js").read_text(encoding="utf-8") == "legacy/build/pdf.min.mjs"
    with pytest.raises(ViewerMissing, match="请先运行 make"):
        copy_viewer(assets, tmp_path / "missing")


def test_review_a_box_on_a_cropped_page_is_marked_where_the_viewer_shows_it(tmp_path):
    """Found in review (session 24): boxes are on the page's sheet (its MediaBox, as pdfplumber
    gives them) but a viewer draws its CropBox: a page cropped away from the sheet's corner got
    its mark shifted by as much as the crop."""
    from pdfs import EXPLANATION, text_pdf
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import RectangleObject
    from reportlab.lib.pagesizes import A4

    from pipeline.cli import main
    from pipeline.publish.site import packages_to_docs

    sources = tmp_path / "sources"
    sources.mkdir()
    writer = PdfWriter(clone_from=text_pdf(tmp_path / "sheet.pdf", [EXPLANATION]))
    writer.pages[0].cropbox = RectangleObject([50, 100, 545, 742])  # 50 pt off the left, 100 off the top
    pdf = sources / "某市某局2026年部门预算.pdf"
    with pdf.open("wb") as f:
        writer.write(f)
    assert PdfReader(pdf).pages[0].cropbox.left == 50
    assert main(["build", str(pdf), "--out", str(tmp_path / "out")]) == 0
    (package,) = (tmp_path / "out").iterdir()
    origins = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))["page_origins"]
    assert origins == {"1": [50.0, round(A4[1] - 742, 2)]}  # the sheet is A4, 841.89 pt tall
    with (package / "data" / "narrative_figures.csv").open(encoding="utf-8") as f:
        figure = next(r for r in csv.DictReader(f) if r["figure"] == "100.00")
    x0, top = float(figure["x0"]), float(figure["top"])
    assert x0 > 72 and top > 100  # on the sheet: the text is drawn 72 pt from its left edge
    packages_to_docs(tmp_path / "out", tmp_path / "docs", sources=sources)
    page = (tmp_path / "docs" / package.name / "index.md").read_text(encoding="utf-8")
    boxes = {tuple(float(v) for v in unquote(b).split(",")) for b in re.findall(r"box=([\d.%C,-]+)", page)}
    dy = A4[1] - 742
    assert any(abs(b[0] - (x0 - 50)) < 0.06 and abs(b[1] - (top - dy)) < 0.06 for b in boxes), boxes
