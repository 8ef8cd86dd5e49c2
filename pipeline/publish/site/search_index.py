"""The site's search index: static files of which one query loads only the few it needs.

Chinese has no spaces, and word segmenters disagree: pagefind (1.5.2) cuts the index with jieba
and the query with the browser's ICU, so 经费 missed every page where jieba had kept
机关运行经费 whole (9 of the ~30 pages that print it were found). Here every CJK character and
every pair of adjacent characters is a token, so any word or part of a word a reader types is
found, glossary terms included, with no dictionary to agree on; Latin words and numbers (codes,
years) are tokens whole. A page matches when it holds every token of the query; the browser
then checks the exact phrase in the page's text and shows the sections that print it.

Files under search/ (assets/search.js reads them):
  index.json            {"version", "shards", "pages"}
  t/<shard>.json.gz     token → [page-id delta, weight, …] for the tokens hashing to that shard
  p/<page-id>.json.gz   a page: url, title, kind, and its sections [anchor, heading, text]

Postings are per page (a common pair like 支出 lists each page once, however often it appears),
so a shard stays small as the site grows; shards are sized to about SHARD_POSTINGS postings.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
from array import array
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ...files import write_atomic
from .links import VIEWER

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# Quotation marks inside a term (“三公”经费) do not part its words: they are dropped before tokens are made.
QUOTES = re.compile(r"[“”‘’\"'「」『』]")
WORD = re.compile(r"[a-z0-9]+")
FOLDER = "search"
NOT_RESULTS = {"404.html", VIEWER}  # pages with no words of their own
SHARD_POSTINGS = 2500  # about 8 KB of JSON, 3 KB gzipped
HEADING_WEIGHT = 10  # a word in a heading counts as much as ten in the text
# Left out of the index: figures (the index is for words), header rows every table repeats,
# charts, folded data tables and dictionaries, download lines, a table's level and parent columns.
SKIP_CLASSES = {"num", "chart", "data", "dictionary", "downloads", "table-meta", "jump", "aux", "hint"}
SKIP_TAGS = {"script", "style", "thead", "nav", "header", "footer", "svg", "template", "select", "button"}
BLOCK_TAGS = {"p", "div", "li", "tr", "td", "th", "ul", "ol", "table", "section", "figure", "details", "summary",
              "dt", "dd", "blockquote", "pre", "br", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption"}
VOID_TAGS = {"br", "img", "input", "wbr", "hr", "meta", "link", "source", "col", "area", "base", "embed"}
HEADINGS = {"h1", "h2", "h3"}
# html.parser is pure Python and most tags of a document page are amounts and folded tables the
# index leaves out anyway: they are cut before parsing (an amount cell holds no other cell, a
# folded table no other <details>), which makes the index several times faster to build.
PRECUT = re.compile(r'<td class="num[^"]*">.*?</td>|<details class="(?:data|dictionary)"[^>]*>.*?</details>'
                    r"|<thead>.*?</thead>", re.DOTALL)
KINDS = [("publishers/", "发布单位"), ("codes/", "支出科目"), ("glossary.html", "名词解释"),
         ("about.html", "关于本站"), ("downloads.html", "下载与使用")]


def cache_folder(docs_dir: Path) -> Path:
    """What one site build keeps for the next (html.py): beside the docs folder, never inside
    the site, which is published."""
    return docs_dir.parent / ".site-cache"


def shard_of(token: str, shards: int) -> int:
    """FNV-1a over the token's characters (all in the Basic Multilingual Plane, so the same as
    over UTF-16 code units in assets/search.js)."""
    h = 2166136261
    for ch in token:
        h = ((h ^ ord(ch)) * 16777619) & 0xFFFFFFFF
    return h % shards


def tokens(text: str) -> Counter:
    """Every CJK character and adjacent pair, every Latin word or number (lowercase)."""
    text = QUOTES.sub("", text)
    found: Counter = Counter()
    for run in CJK.findall(text):
        found.update(run)
        found.update(run[i:i + 2] for i in range(len(run) - 1))
    found.update(WORD.findall(text.lower()))
    return found


@dataclass
class Section:
    anchor: str
    heading: str
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        lines = (re.sub(r"[ \t\u3000\xa0]+", " ", line).strip() for line in "".join(self.parts).split("\n"))
        return "\n".join(line for line in lines if line)


class ArticleText(HTMLParser):
    """The words of a page's <article>, split into sections at its h1–h3 headings, one line per
    block (a table row's cells on separate lines, so that a snippet never runs them together)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[Section] = [Section("", "")]
        self.title = ""
        self._in_article = 0
        self._skip: list[str] = []  # the tag that started skipping, nested copies of it
        self._heading: tuple[str, str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self._in_article += 1
            return
        if not self._in_article or tag in VOID_TAGS:
            if self._in_article and tag == "br" and not self._skip:
                self._add("\n")
            return
        if self._skip:
            if tag == self._skip[0]:
                self._skip.append(tag)
            return
        a = dict(attrs)
        classes = set((a.get("class") or "").split())
        if tag in SKIP_TAGS or classes & SKIP_CLASSES or "data-search-ignore" in a:
            self._skip = [tag]
            return
        if tag in HEADINGS:
            self._heading = (tag, a.get("id") or "", [])
        if tag in BLOCK_TAGS:
            self._add("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_article -= 1
            return
        if self._skip:
            if tag == self._skip[0]:
                self._skip.pop()
            return
        if not self._in_article:
            return
        if self._heading and tag == self._heading[0]:
            level, anchor, words = self._heading
            heading = re.sub(r"\s+", " ", "".join(words)).strip()
            self._heading = None
            if level == "h1" and not self.title:
                self.title = heading
                self.sections[0].heading = heading
            else:
                self.sections.append(Section(anchor, heading))
            return
        if tag in BLOCK_TAGS:
            self._add("\n")

    def handle_data(self, data: str) -> None:
        if not self._in_article or self._skip:
            return
        if self._heading:
            self._heading[2].append(data)
        else:
            self._add(data)

    def _add(self, text: str) -> None:
        self.sections[-1].parts.append(text)


def kind_of(url: str) -> str:
    for prefix, name in KINDS:
        if url.startswith(prefix):
            return name
    return "文件" if url.endswith("/index.html") else ""


def _page(html: str, url: str) -> tuple[dict, Counter]:
    parser = ArticleText()
    start, end = html.find("<article"), html.rfind("</article>")
    if start >= 0 and end > start:
        html = html[start:end + len("</article>")]
    parser.feed(PRECUT.sub("", html))
    parser.close()
    sections = [(s.anchor, s.heading, s.text) for s in parser.sections]
    sections = [s for i, s in enumerate(sections) if i == 0 or s[1] or s[2]]
    weights: Counter = Counter()
    for _, heading, text in sections:
        weights.update(tokens(text))
        for token, n in tokens(heading).items():
            weights[token] += n * HEADING_WEIGHT
    title = parser.title or url
    return {"u": url, "t": title, "k": kind_of(url), "s": [list(s) for s in sections]}, weights


def _write_gz(path: Path, data: object) -> None:
    path.write_bytes(_gz(data))


def pages_of(site: Path) -> list[Path]:
    """The site's pages in a stable order; the 404 page and the page viewer are not results."""
    return sorted((p for p in site.rglob("*.html") if p.relative_to(site).as_posix() not in NOT_RESULTS
                   and FOLDER not in p.relative_to(site).parts), key=lambda p: p.relative_to(site).as_posix())


def _gz(data: object) -> bytes:
    return gzip.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
                         compresslevel=9, mtime=0)


def _indexed_page(html: bytes, url: str, entry: Path | None) -> tuple[bytes, dict[str, int]]:
    """A page's search/p file and its token weights; from the cache `entry` when a page of this
    address with these same bytes was indexed before (most pages of a large site, when one is added)."""
    if entry is not None and entry.with_suffix(".p").is_file() and entry.with_suffix(".w").is_file():
        return entry.with_suffix(".p").read_bytes(), json.loads(gzip.decompress(entry.with_suffix(".w").read_bytes()))
    fragment, counted = _page(html.decode("utf-8"), url)
    data, weights = _gz(fragment), dict(counted)
    if entry is not None:
        write_atomic(entry.with_suffix(".p"), data)
        write_atomic(entry.with_suffix(".w"), gzip.compress(json.dumps(weights).encode(), compresslevel=1, mtime=0))
    return data, weights


def build_search_index(site: Path, cache: Path | None = None) -> dict:
    """Write site/search/ for every page of the built site; returns its index.json. `cache` (a
    folder outside the site) keeps each page's entries by its address and bytes, for the next build."""
    out = site / FOLDER
    if out.exists():
        shutil.rmtree(out)
    (out / "p").mkdir(parents=True)
    (out / "t").mkdir()
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        unused = {p.stem for p in cache.iterdir()}
    postings: dict[str, array] = {}
    pages = pages_of(site)
    for page_id, path in enumerate(pages):
        url, html = path.relative_to(site).as_posix(), path.read_bytes()
        key = hashlib.sha256(url.encode() + b"\0" + html).hexdigest()
        data, weights = _indexed_page(html, url, cache / key if cache is not None else None)
        if cache is not None:
            unused.discard(key)
        (out / "p" / f"{page_id}.json.gz").write_bytes(data)
        for token, weight in weights.items():
            postings.setdefault(token, array("I")).extend((page_id, weight))
    count = sum(len(p) // 2 for p in postings.values())
    shards = 1
    while count / shards > SHARD_POSTINGS and shards < 8192:
        shards *= 2
    grouped: list[dict[str, list[int]]] = [{} for _ in range(shards)]
    for token, pairs in postings.items():
        encoded, last = [], 0
        for i in range(0, len(pairs), 2):
            encoded += [pairs[i] - last, pairs[i + 1]]
            last = pairs[i]
        grouped[shard_of(token, shards)][token] = encoded
    for n, shard in enumerate(grouped):
        _write_gz(out / "t" / f"{n}.json.gz", shard)
    if cache is not None:  # entries of pages that changed or are gone
        for stem in unused:
            for suffix in (".p", ".w"):
                (cache / stem).with_suffix(suffix).unlink(missing_ok=True)
    index = {"version": 1, "shards": shards, "pages": len(pages)}
    (out / "index.json").write_text(json.dumps(index), encoding="utf-8")
    return index
