"""The built site in a real headless Chromium (Debian's, driven by Playwright).

Every page loads with no console error and no request to another host; the document page
shows the sample's total and tables; Chinese search finds the page; every download parses.
Screenshots go to build/screenshots for a person to look at."""

from __future__ import annotations

import csv
import io
import json
import threading
import zipfile
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from conftest import PAYLOADS, ROOT, SAMPLE_ID

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "build" / "screenshots"
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@contextmanager
def serve(directory: Path):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(directory)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="module")
def server(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def hostile_server(hostile_site):
    with serve(hostile_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


def open_page(browser, url, **kw):
    page = browser.new_page(**kw)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("request", lambda r: problems.append(f"external request: {r.url}")
            if urlparse(r.url).hostname not in ("127.0.0.1", None) and not r.url.startswith("data:") else None)
    page.goto(url, wait_until="networkidle")
    return page, problems


def test_every_page_loads_cleanly_and_offline(browser, server, built_site):
    pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))
    assert "index.html" in pages and f"{SAMPLE_ID}/index.html" in pages
    for rel in pages:
        page, problems = open_page(browser, urljoin(server, rel))
        page.close()
        assert problems == [], (rel, problems)


def test_document_page_shows_total_tables_and_screenshots(browser, server):
    SHOTS.mkdir(parents=True, exist_ok=True)
    url = urljoin(server, f"{SAMPLE_ID}/index.html")
    page, problems = open_page(browser, url, viewport={"width": 1280, "height": 900})
    assert "1,564.72" in page.inner_text("article")
    assert page.locator("table.budget-table").count() >= 13
    page.screenshot(path=str(SHOTS / "document.png"))
    page.locator("h3", has_text="预算支出总表").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "table.png"))
    page.close()
    home, _ = open_page(browser, server, viewport={"width": 1280, "height": 800})
    home.screenshot(path=str(SHOTS / "home.png"))
    home.close()
    glossary, _ = open_page(browser, urljoin(server, "glossary.html"), viewport={"width": 1280, "height": 800})
    glossary.screenshot(path=str(SHOTS / "glossary.png"))
    glossary.close()
    mobile, _ = open_page(browser, urljoin(server, f"{SAMPLE_ID}/index.html"), viewport={"width": 390, "height": 844})
    mobile.screenshot(path=str(SHOTS / "mobile.png"))
    mobile.close()
    assert problems == []


@pytest.mark.parametrize("query,where", [
    ("经济科目", SAMPLE_ID),        # from the middle of a table title
    ("计划生育", SAMPLE_ID),        # from a row label (其他计划生育事务支出)
    ("财政专户管理资金", "glossary"),  # a glossary term
])
def test_chinese_search_finds_the_page(browser, server, query, where):
    page, problems = open_page(browser, server)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.fill("input.md-search__input", query)
    page.keyboard.press("End")  # the search runs on key events; fill alone types no key
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    links = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    if query == "经济科目":
        page.screenshot(path=str(SHOTS / "search.png"))
    page.close()
    assert any(where in link for link in links), (query, links)
    assert problems == []


def test_catalogue_sorts_and_filters(browser, server):
    page, problems = open_page(browser, server)
    page.fill("#catalogue-filter", "不存在的单位")
    assert page.locator("#catalogue tbody tr:visible").count() == 0
    page.fill("#catalogue-filter", "大同")
    assert page.locator("#catalogue tbody tr:visible").count() == 1
    page.click("#catalogue th:nth-child(2)")
    assert page.get_attribute("#catalogue th:nth-child(2)", "aria-sort") == "ascending"
    page.close()
    assert problems == []


def test_every_download_link_parses(browser, server):
    from openpyxl import load_workbook

    links: set[str] = set()
    for rel in ("index.html", f"{SAMPLE_ID}/index.html"):
        page, _ = open_page(browser, urljoin(server, rel))
        links |= set(page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"))
    links = sorted(links)
    downloads = [u for u in links if "/data/" in u or "/sources/" in u]
    assert len(downloads) > 30
    kinds = set()
    for url in downloads:
        r = page.request.get(url.split("#")[0])
        assert r.ok, url
        body = r.body()
        path = urlparse(url).path
        kind = path.rsplit(".", 1)[-1]
        kinds.add(kind)
        if kind == "csv":
            rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
            assert rows and rows[0], url
        elif kind == "xlsx":
            assert load_workbook(io.BytesIO(body), read_only=True).sheetnames, url
        elif kind == "zip":
            assert any(n.endswith("datapackage.json") for n in zipfile.ZipFile(io.BytesIO(body)).namelist()), url
        elif kind == "json":
            assert json.loads(body)["name"] in (SAMPLE_ID, "corpus")
        elif kind == "pdf":
            assert body.startswith(b"%PDF"), url
        else:
            raise AssertionError(f"unexpected download {url}")
    page.close()
    assert kinds == {"csv", "xlsx", "zip", "json", "pdf"}


def test_hostile_document_text_fires_no_dialog(browser, hostile_server):
    """Payloads in document text (see conftest.PAYLOADS) would call alert(); none does, on the
    pages that print them or in search results that show them."""
    dialogs: list[str] = []
    for rel, shown in ((f"{SAMPLE_ID}/index.html", "img"), ("glossary.html", "img"), ("index.html", "svg")):
        page = browser.new_page()
        page.on("dialog", lambda d, rel=rel: (dialogs.append(f"{rel}: {d.message}"), d.dismiss()))
        page.goto(urljoin(hostile_server, rel), wait_until="networkidle")
        page.keyboard.press("Tab")  # a focus handler would fire on the first focusable element
        assert PAYLOADS[shown] in page.inner_text("article"), rel  # shown as text
        page.close()
    page = browser.new_page()
    page.on("dialog", lambda d: (dialogs.append(f"search: {d.message}"), d.dismiss()))
    page.goto(hostile_server, wait_until="networkidle")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.fill("input.md-search__input", "onerror")
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    page.wait_for_timeout(500)
    page.close()
    assert dialogs == []
