"""The site is generated from the packages and shows every resource and field."""

from __future__ import annotations

import json

from conftest import ROOT, SAMPLE_ID


def test_every_resource_and_field_is_on_the_document_page(built_site):
    for folder in (ROOT / "datapackages").glob("*/datapackage.json"):
        if folder.parent.name == "corpus":
            continue  # the corpus package is published as downloads on the home page
        pkg = json.loads(folder.read_text(encoding="utf-8"))
        page = (built_site / pkg["name"] / "index.html").read_text(encoding="utf-8")
        for r in pkg["resources"]:
            assert f"资源 <code>{r['name']}</code>" in page, r["name"]
            assert f'data/{pkg["name"]}/{r["path"]}' in page, r["path"]
            for f in r["schema"]["fields"]:
                # the data dictionary names every field of every resource
                assert f"<td><code>{f['name']}</code></td>" in page, (r["name"], f["name"])
                if r["name"] not in ("facts", "findings"):
                    assert f'data-field="{f["name"]}"' in page, (r["name"], f["name"])


def test_a_missing_resource_would_be_noticed(built_site):
    """The check above is not vacuous: a resource name that is not on the page is absent."""
    page = (built_site / SAMPLE_ID / "index.html").read_text(encoding="utf-8")
    assert "资源 <code>no_such_table</code>" not in page
    assert "资源 <code>income</code>" in page


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
