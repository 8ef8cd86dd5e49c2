"""The site is generated from the packages and shows every resource and field."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE_ID

from pipeline.site import packages_to_docs


@pytest.fixture(scope="module")
def built_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("site")
    docs = tmp / "docs"
    assert packages_to_docs(ROOT / "datapackages", docs, sources=ROOT / "sources") >= 1
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^docs_dir:.*$", f"docs_dir: {docs}", config)
    config = re.sub(r"(?m)^site_dir:.*$", f"site_dir: {tmp / 'site'}", config)
    (tmp / "mkdocs.yml").write_text(config, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(tmp / "mkdocs.yml")],
                   check=True, cwd=ROOT, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    return tmp / "site"


def test_every_resource_and_field_is_on_the_document_page(built_site):
    for folder in (ROOT / "datapackages").glob("*/datapackage.json"):
        pkg = json.loads(folder.read_text(encoding="utf-8"))
        page = (built_site / pkg["name"] / "index.html").read_text(encoding="utf-8")
        for r in pkg["resources"]:
            assert f"资源 <code>{r['name']}</code>" in page, r["name"]
            assert f'data/{pkg["name"]}/{r["path"]}' in page, r["path"]
            for f in r["schema"]["fields"]:
                if r["name"] == "facts":
                    assert f"<code>{f['name']}</code>" in page, (r["name"], f["name"])
                else:
                    assert f'data-field="{f["name"]}"' in page, (r["name"], f["name"])


def test_document_page_shows_total_and_downloads_exist(built_site):
    page = (built_site / SAMPLE_ID / "index.html").read_text(encoding="utf-8")
    assert "1,564.72" in page
    assert (built_site / "data" / SAMPLE_ID / "datapackage.json").is_file()
    assert (built_site / "data" / SAMPLE_ID / "data" / "income.csv").is_file()
    assert (built_site / "sources" / f"{SAMPLE_ID}.pdf").is_file()


def test_home_and_glossary(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "大同市行政审批服务管理局" in home
    glossary = (built_site / "glossary.html").read_text(encoding="utf-8")
    assert "机关运行经费" in glossary and "财政专户管理资金" in glossary


def test_search_index_is_segmented_chinese(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(d["text"] for d in index["docs"])
    # jieba puts zero-width spaces between words so that a word inside a row label can be found
    assert "\u200b行政\u200b运行" in text or "\u200b行政运行\u200b" in text
    assert index["config"]["lang"] == ["zh"]
