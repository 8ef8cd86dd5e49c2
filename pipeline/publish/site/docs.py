"""The whole docs folder: pages, package copies with their downloads, source PDFs, assets.
A document whose package and source did not change keeps its files untouched (and Make quiet)."""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from pathlib import Path

from markupsafe import Markup

from ...files import write_atomic
from ...run.deps import PACKAGE, code_files
from ..packages import readable_packages
from .classifications import classification_codes
from .downloads import sheet_titles
from .glossary import Glossary, glossary_entries, site_glossary
from .links import VIEWER, DocLinks, url
from .load import Doc, load_doc
from .pages import (
    about_page,
    code_page,
    codes_page,
    doc_page,
    downloads_page,
    glossary_page,
    home_page,
    publisher_page,
    publishers_page,
    viewer_page,
)
from .publish import publish_all, publish_corpus, publish_doc, publish_sqlite, remove_stale
from .publishers import publishers
from .search_index import cache_folder
from .status import failed_inputs
from .viewer import copy_viewer

ASSETS = Path(__file__).resolve().parent.parent / "site_assets"
# What the pages about all documents read of each (catalogue, publishers, glossary; the code
# pages read the corpus): the rest of a document is let go once its own page is written.
CORPUS_PAGE_ROWS = {"indicators", "findings", "glossary"}


def _write_if_changed(path: Path, text: str) -> None:
    """Leave unchanged pages alone so that their timestamps (and Make) stay quiet."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    write_atomic(path, text)


def _write_pages(folder: Path, pages: dict[str, str]) -> None:
    """A folder of generated pages: these, and none left from an earlier build."""
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.md"):
        if stale.name not in pages:
            stale.unlink()
    for name, text in pages.items():
        _write_if_changed(folder / name, text)


def _source_pdf(sources: Path | None, pkg: dict) -> Path | None:
    """The document's PDF in `sources`, named by the package. The name comes from the PDF's
    own file name, so only a plain file name in that folder is looked up."""
    name = str((pkg.get("sources") or [{}])[0].get("title", ""))
    if sources is None or not name or Path(name).name != name or name in (".", ".."):
        return None
    pdf = sources / name
    return pdf if pdf.is_file() else None


def site_code_version(cache: Path | None = None) -> str:
    """A digest of every file the site's code reads (the list Make rebuilds the site on,
    pipeline/run/deps.py): a page kept from an earlier build was made by this same code. Finding
    that list parses every module; with `cache` (a folder) it is kept, and found again only when
    some file of the package has another size or time."""
    files = sorted(f for f in PACKAGE.rglob("*") if f.is_file() and "__pycache__" not in f.parts)
    stats = hashlib.sha256("\n".join(
        f"{f.relative_to(PACKAGE).as_posix()} {st.st_size} {st.st_mtime_ns} {st.st_ctime_ns} {st.st_ino}"
        for f in files for st in [f.stat()]).encode()).hexdigest()
    kept = cache / "code-version" if cache is not None else None
    if kept is not None and kept.exists() and (parts := kept.read_text(encoding="utf-8").split()) \
            and parts[0] == stats and len(parts) == 2:
        return parts[1]
    h = hashlib.sha256()
    for path in code_files(["pipeline.publish.site"]):
        h.update(path.relative_to(PACKAGE).as_posix().encode())
        h.update(path.read_bytes())
    if kept is not None:
        write_atomic(kept, f"{stats} {h.hexdigest()}")
    return h.hexdigest()


def _doc_texts(d: Doc) -> list[str]:
    """Every word of a package a document page can print: its descriptor and its data files, as
    they are (read, not parsed: a page that is not remade needs no rows)."""
    return [json.dumps(d.pkg, ensure_ascii=False),
            *((d.folder / r["path"]).read_text(encoding="utf-8") for r in d.pkg["resources"])]


def _write_doc_page(d: Doc, docs: Path, links: DocLinks, glossary: Glossary, package: str, code: str) -> None:
    """docs/<doc-id>/index.md, remade only when what it is made of changed: the package and its
    PDF (`package`, publish_doc's digest), the site's code, and the definitions of the glossary
    terms its words hold. Adding a document to a site of thousands leaves the others' pages alone."""
    page = docs / d.ident / "index.md"
    stamp = docs / d.ident / ".page-key"
    terms = json.dumps(glossary.used_in(_doc_texts(d)), ensure_ascii=False, sort_keys=True)
    key = hashlib.sha256("\n".join((package, code, terms)).encode()).hexdigest()
    if page.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == key:
        return
    _write_if_changed(page, doc_page(d, links, glossary))
    write_atomic(stamp, key)


def packages_to_docs(packages: Path, docs: Path, sources: Path | None = None,
                     corpus_sqlite: Path | None = None, status: Path | None = None) -> int:
    """Write the docs folder for every package under `packages`; returns the count. `status` is
    Make's folder of per-source status files: the inputs that failed are listed on the about page."""
    folders, skipped = readable_packages(packages, verified=cache_folder(docs) / "verified.json")
    docs.mkdir(parents=True, exist_ok=True)
    loaded = []
    for f in folders:
        try:
            loaded.append(load_doc(f))
        except (OSError, ValueError, KeyError, TypeError, csv.Error) as e:  # one bad package never stops the site
            print(f"SKIPPED {f}: unreadable package: {e}", file=sys.stderr)
            skipped.append((f.name, f"unreadable package: {e}"))
    remove_stale(docs, {d.ident for d in loaded})

    entries = glossary_entries(loaded)
    glossary = site_glossary(entries)
    links: dict[str, DocLinks] = {}
    digests, zipped = [], []
    code = site_code_version(cache_folder(docs))
    for d in loaded:
        pdf = _source_pdf(sources, d.pkg)
        digests.append(publish_doc(d, docs, pdf))
        zipped.append(docs / "data" / d.ident / f"{d.ident}.zip")
        links[d.ident] = DocLinks(d.ident, pdf is not None, d.pkg.get("page_labels") or {},
                                  sheet_titles(d.pkg["resources"]), origins=d.pkg.get("page_origins") or {})
        _write_doc_page(d, docs, links[d.ident], glossary, digests[-1], code)
        d.forget(CORPUS_PAGE_ROWS)

    loaded.sort(key=lambda d: (d.pkg.get("publisher_name") or d.pkg["publisher"], d.pkg["fiscal_year"], d.ident))
    found = publishers(loaded, links)
    _write_pages(docs / "publishers", {"index.md": publishers_page(found),
                                       **{f"{p.ident}.md": publisher_page(p) for p in found}})
    corpus = packages / "corpus"
    codes = classification_codes(corpus, loaded, links)
    _write_pages(docs / "codes", {"index.md": codes_page(codes),
                                  **{f"{c.scheme}-{c.code}.md": code_page(c) for c in codes}})

    corpus_links: list[tuple[str, Markup, str]] = []
    corpus_files = []
    if (corpus / "datapackage.json").exists():
        corpus_files, corpus_digest = publish_corpus(corpus, docs)
        digests.append(corpus_digest)
        zipped.append(docs / "data" / "corpus" / "corpus.zip")
        corpus_links += [
            ("汇总数据包（ZIP）", url("data", "corpus", "corpus.zip"),
             "全部文件合在一起的各表：documents、facts、indicators、findings……"),
            ("汇总数据包 datapackage.json", url("data", "corpus", "datapackage.json"),
             "其中列出的每个 CSV 都可在本站直接下载"),
        ]
    has_sqlite = corpus_sqlite is not None and corpus_sqlite.exists()
    if has_sqlite:
        publish_sqlite(corpus_sqlite, docs)
        corpus_links.append(("SQLite 数据库", url("data", "corpus", "corpus.sqlite"), "汇总数据包的全部表，一个文件"))
    corpus_links.insert(0, ("全部数据（ZIP）", publish_all(zipped, digests, docs),
                            f"每份文件的数据包（{len(loaded)} 个）和汇总数据包，一个文件"))

    _write_if_changed(docs / "index.md", home_page(loaded))
    _write_if_changed(docs / "glossary.md", glossary_page(entries))
    _write_if_changed(docs / "about.md", about_page(loaded, links, failed_inputs(status) + skipped))
    _write_if_changed(docs / "downloads.md", downloads_page(corpus_links, corpus_files, has_sqlite))
    _write_if_changed(docs / VIEWER.replace(".html", ".md"), viewer_page())
    assets = docs / "assets"
    assets.mkdir(exist_ok=True)
    for f in ASSETS.iterdir():
        _write_if_changed(assets / f.name, f.read_text(encoding="utf-8"))
    copy_viewer(assets)
    return len(loaded)
