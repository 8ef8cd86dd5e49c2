"""The site is generated from the packages and shows every resource and field."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from urllib.parse import unquote, urlparse

from conftest import PAYLOADS, ROOT, SAMPLE_ID


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
            if r["name"] not in ("facts", "findings") and parts.columns.get(r["name"], {}).get(f["name"]) != title:
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
            assert f"资源 <code>{r['name']}</code>" in page, r["name"]
            assert f'data/{pkg["name"]}/{r["path"]}' in page, r["path"]
            for f in r["schema"]["fields"]:
                # the data dictionary names every field of every resource
                assert f"<td><code>{f['name']}</code></td>" in page, (r["name"], f["name"])
                if r["name"] not in ("facts", "findings"):
                    assert f'data-field="{f["name"]}"' in page, (r["name"], f["name"])


def test_a_missing_resource_would_be_noticed(built_site):
    """The checks above are not vacuous: a resource or a field title that is not on the page is reported."""
    page = (built_site / SAMPLE_ID / "index.html").read_text(encoding="utf-8")
    assert "资源 <code>no_such_table</code>" not in page
    assert "资源 <code>income</code>" in page
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
    assert f"sources/{SAMPLE_ID}.pdf#page=8" in page  # tables link to their page


def test_hierarchy_indented_and_amounts_formatted(built_site):
    page = (built_site / SAMPLE_ID / "index.html").read_text(encoding="utf-8")
    assert 'class="label level-3" style="padding-left:4.0em">行政运行</td>' in page
    assert '<td class="num" data-search-exclude>1,300.26</td>' in page


def test_home_glossary_and_charts(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "大同市行政审批服务管理局" in home and 'id="catalogue"' in home
    glossary = (built_site / "glossary.html").read_text(encoding="utf-8")
    assert "机关运行经费" in glossary and "财政专户管理资金" in glossary
    page = (built_site / SAMPLE_ID / "index.html").read_text(encoding="utf-8")
    assert page.count('<svg class="budget-chart"') >= 3
    assert '<abbr class="term" title="指在基本支出之外' in page  # glossary tooltips where terms appear


def test_search_index_is_segmented_chinese_with_glossary_terms(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(d["text"] for d in index["docs"])
    assert "\u200b行政\u200b运行" in text or "\u200b行政运行\u200b" in text
    assert index["config"]["lang"] == ["zh"]
    userdict = (built_site / "assets" / "jieba_userdict.txt").read_text(encoding="utf-8")
    assert "财政专户管理资金 100 n" in userdict


def test_corpus_downloads_on_the_home_page(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="data/corpus/corpus.zip"' in home
    assert (built_site / "data" / "corpus" / "corpus.zip").is_file()


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
    index = (hostile_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "<img src=x" not in index and "<svg/onload" not in index  # the search UI renders it as HTML

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
    from pipeline.site.docs import _source_pdf

    (tmp_path / "sources").mkdir()
    (tmp_path / "secret.pdf").write_bytes(b"%PDF")
    (tmp_path / "sources" / "a b.pdf").write_bytes(b"%PDF")
    assert _source_pdf(tmp_path / "sources", {"sources": [{"title": "a b.pdf"}]}) == tmp_path / "sources" / "a b.pdf"
    for name in ("../secret.pdf", str(tmp_path / "secret.pdf"), "..", ""):
        assert _source_pdf(tmp_path / "sources", {"sources": [{"title": name}]}) is None, name


def test_every_link_between_pages_resolves(built_site):
    """Links written in raw HTML are not rewritten by mkdocs: each must name a built file."""
    broken = []
    for path in sorted(built_site.rglob("*.html")):
        for tag, attrs in PageParts(path.read_text(encoding="utf-8")).tags:
            for name, value in attrs:
                if name not in ("href", "src") or not value:
                    continue
                url = urlparse(value)
                if url.scheme or url.netloc or not url.path:
                    continue  # another site, or a place on this page
                base = built_site if url.path.startswith("/") else path.parent
                if not (base / unquote(url.path).lstrip("/")).resolve().exists():
                    broken.append(f"{path.relative_to(built_site)}: <{tag} {name}={value}>")
    assert broken == []


def test_templates_mark_nothing_safe():
    """Only Python marks text safe (links, chart SVG); a template prints every value escaped."""
    for template in (ROOT / "pipeline" / "templates").iterdir():
        text = template.read_text(encoding="utf-8")
        for unsafe in ("|safe", "| safe", "autoescape false", "|format", "| format"):
            assert unsafe not in text, (template.name, unsafe)


def test_workbook_keeps_text_that_looks_like_a_formula(tmp_path):
    """A cell printed as '=HYPERLINK(...)' stays text in the Excel download, never a formula."""
    from openpyxl import load_workbook

    from pipeline.site.downloads import write_downloads
    from pipeline.site.load import load_doc

    doc = load_doc(ROOT / "datapackages" / SAMPLE_ID)
    payload = '=HYPERLINK("http://example.invalid","x")'
    doc.rows["income"][1]["name"] = payload
    doc.rows["glossary"][0]["term"] = "=1+1"
    write_downloads(doc, tmp_path)
    book = load_workbook(tmp_path / f"{SAMPLE_ID}.xlsx")
    label = book["income"].cell(row=4, column=3)  # title row, name row, then the rows
    assert (label.value, label.data_type) == (payload, "s")
    term = book["glossary"].cell(row=3, column=1)
    assert (term.value, term.data_type) == ("=1+1", "s")
    assert book["income"].cell(row=4, column=4).data_type == "n"  # amounts stay numbers
