"""The whole docs folder: pages, package copies with their downloads, source PDFs, assets.
A document whose package and source did not change keeps its files untouched (and Make quiet)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from markupsafe import Markup

from .downloads import write_downloads, zip_package
from .glossary import glossary_entries, site_glossary
from .links import url
from .load import load_doc
from .pages import about_page, doc_page, glossary_page, home_page

ASSETS = Path(__file__).resolve().parent.parent / "site_assets"


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


def _source_pdf(sources: Path | None, pkg: dict) -> Path | None:
    """The document's PDF in `sources`, named by the package. The name comes from the PDF's
    own file name, so only a plain file name in that folder is looked up."""
    name = str((pkg.get("sources") or [{}])[0].get("title", ""))
    if sources is None or not name or Path(name).name != name or name in (".", ".."):
        return None
    pdf = sources / name
    return pdf if pdf.is_file() else None


def _corpus_downloads(packages: Path, docs: Path, corpus_sqlite: Path | None) -> list[tuple[str, Markup]]:
    """Publish the corpus package (zip) and its SQLite export; returns (label, href) for the home page."""
    corpus = packages / "corpus"
    target = docs / "data" / "corpus"
    links = []
    if (corpus / "datapackage.json").exists():
        target.mkdir(parents=True, exist_ok=True)
        zip_package(load_doc(corpus), target / "corpus.zip")
        shutil.copyfile(corpus / "datapackage.json", target / "datapackage.json")
        links += [("全部文件数据包（ZIP）", url("data", "corpus", "corpus.zip")),
                  ("datapackage.json", url("data", "corpus", "datapackage.json"))]
    if corpus_sqlite is not None and corpus_sqlite.exists():
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(corpus_sqlite, target / "corpus.sqlite")
        links.append(("SQLite 数据库", url("data", "corpus", "corpus.sqlite")))
    return links


def packages_to_docs(packages: Path, docs: Path, sources: Path | None = None,
                     corpus_sqlite: Path | None = None) -> int:
    """Write the docs folder for every package under `packages`; returns the count."""
    folders = sorted(p.parent for p in packages.glob("*/datapackage.json")
                     if not p.parent.name.startswith(".") and p.parent.name != "corpus")
    docs.mkdir(parents=True, exist_ok=True)
    loaded = [load_doc(f) for f in folders]
    idents = {d.ident for d in loaded} | {"corpus"}
    for stale in [p for p in (docs / "data").glob("*") if p.name not in idents] if (docs / "data").exists() else []:
        shutil.rmtree(stale)
        shutil.rmtree(docs / stale.name, ignore_errors=True)
        (docs / "sources" / f"{stale.name}.pdf").unlink(missing_ok=True)

    entries = glossary_entries(loaded)
    glossary = site_glossary(entries)

    for d in loaded:
        pdf = _source_pdf(sources, d.pkg)
        stamp = docs / "data" / d.ident / ".digest"
        digest = _digest(d.folder) + (" with pdf" if pdf else "")
        if not (stamp.exists() and stamp.read_text() == digest):
            target = docs / "data" / d.ident
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(d.folder, target)
            write_downloads(d, target)
            if pdf:
                (docs / "sources").mkdir(exist_ok=True)
                shutil.copyfile(pdf, docs / "sources" / f"{d.ident}.pdf")
            stamp.write_text(digest)
        _write_if_changed(docs / d.ident / "index.md", doc_page(d, pdf is not None, glossary))

    loaded.sort(key=lambda d: (d.pkg["publisher"], d.pkg["fiscal_year"], d.ident))
    corpus_links = _corpus_downloads(packages, docs, corpus_sqlite)
    _write_if_changed(docs / "index.md", home_page(loaded, corpus_links))
    _write_if_changed(docs / "glossary.md", glossary_page(entries))
    _write_if_changed(docs / "about.md", about_page())
    assets = docs / "assets"
    assets.mkdir(exist_ok=True)
    for f in ASSETS.iterdir():
        _write_if_changed(assets / f.name, f.read_text(encoding="utf-8"))
    # one term a line: a term with white space in it would not be one word (or one line)
    terms = sorted({term for term, _, _ in entries if term and term.split() == [term]})
    userdict = "".join(f"{t} 100 n\n" for t in terms)
    _write_if_changed(assets / "jieba_userdict.txt", userdict)
    return len(loaded)
