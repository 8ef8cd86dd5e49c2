"""The files the site publishes besides its pages: each package copied with its downloads, the
source PDFs, the corpus package with its data files, the SQLite export, and one zip of every
package. Whatever did not change since the last build is left as it is."""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from .downloads import EXCEL_CSV, join_zips, write_downloads, write_excel_csvs, zip_folders
from .links import url
from .load import Doc

ALL_ZIP = "budget-data-all.zip"


def digest(folder: Path) -> str:
    """What a package is: its descriptor, which records every data file's sha256 (a package the
    site reads has been checked against them, packages.package_fault), so no file is read twice."""
    return hashlib.sha256((folder / "datapackage.json").read_bytes()).hexdigest()


def _stale(stamp: Path, value: str) -> bool:
    return not (stamp.exists() and stamp.read_text() == value)


def publish_doc(d: Doc, docs: Path, pdf: Path | None) -> str:
    """data/<doc-id>/ (the package, its zip, workbook and Excel CSVs) and sources/<doc-id>.pdf;
    returns the package's digest."""
    stamp = docs / "data" / d.ident / ".digest"
    value = digest(d.folder) + (" with pdf" if pdf else "")
    if _stale(stamp, value):
        target = docs / "data" / d.ident
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(d.folder, target)
        write_downloads(d, target)
        if pdf:
            (docs / "sources").mkdir(exist_ok=True)
            shutil.copyfile(pdf, docs / "sources" / f"{d.ident}.pdf")
        stamp.write_text(value)
    return value


@dataclass(frozen=True)
class CorpusFile:
    name: str
    title: str
    size: str
    excel: Markup  # the CSV with a BOM
    csv: Markup  # the package's own file


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(n, 1) / 1024:.0f} KB"


def publish_corpus(corpus: Path, docs: Path) -> tuple[list[CorpusFile], str]:
    """data/corpus/: the corpus package as it is (so that every path its datapackage.json names
    resolves on the site), corpus.zip and the Excel CSVs. Returns its files and its digest."""
    target = docs / "data" / "corpus"
    stamp = docs / "data" / "corpus.digest"
    value = digest(corpus)
    pkg = json.loads((corpus / "datapackage.json").read_text(encoding="utf-8"))
    if _stale(stamp, value) or not target.is_dir():
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(corpus, target)
        zip_folders([(corpus, "corpus")], target / "corpus.zip")
        write_excel_csvs(corpus, pkg["resources"], target / EXCEL_CSV)
        stamp.write_text(value)
    files = [CorpusFile(r["name"], str(r.get("title", "")), _size(int(r.get("bytes") or 0)),
                        url("data", "corpus", EXCEL_CSV, Path(r["path"]).name),
                        url("data", "corpus", *Path(r["path"]).parts)) for r in pkg["resources"]]
    return files, value


def publish_sqlite(sqlite: Path, docs: Path) -> None:
    target = docs / "data" / "corpus" / "corpus.sqlite"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(sqlite, target)


def publish_all(zips: list[Path], digests: list[str], docs: Path) -> Markup:
    """One zip of every package (each document's and the corpus), remade only when one changed,
    from the packages' own zips (join_zips: their members are the ones it holds)."""
    stamp = docs / "data" / f"{ALL_ZIP}.digest"
    stamp.parent.mkdir(parents=True, exist_ok=True)  # no document may have been published
    value = hashlib.sha256("\n".join(digests).encode()).hexdigest()
    if _stale(stamp, value) or not (docs / "data" / ALL_ZIP).exists():
        join_zips(zips, docs / "data" / ALL_ZIP)
        stamp.write_text(value)
    return url("data", ALL_ZIP)


def remove_stale(docs: Path, idents: set[str]) -> None:
    """Folders, downloads and PDFs of documents no longer published."""
    data = docs / "data"
    if not data.exists():
        return
    for stale in [p for p in data.iterdir() if p.is_dir() and p.name not in idents | {"corpus"}]:
        shutil.rmtree(stale)
        shutil.rmtree(docs / stale.name, ignore_errors=True)
        (docs / "sources" / f"{stale.name}.pdf").unlink(missing_ok=True)
