"""The docs folder to the HTML site: mkdocs in strict mode (any warning fails the build), remaking
only what changed since the last build made by the same configuration and code.

A site of thousands of documents changes by a few pages at a time (a document added or rebuilt,
the corpus-level pages it appears on). docs.py leaves every unchanged page file untouched, so
mkdocs' dirty mode skips the pages, package files and PDFs whose source is not newer than the
site's copy; the search index (search_index.py) reuses each unchanged page's entries. Any change
that could reach every page (mkdocs.yml, the theme, the site's code, mkdocs itself) makes a clean
build, and so does a build after one that failed, so that a page written by a failed strict build
is checked again. What dirty mode does not do is delete: the outputs of documents no longer in
the docs folder are removed here before mkdocs runs.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import sys
from importlib.metadata import version
from pathlib import Path

from ...files import write_atomic
from .docs import site_code_version
from .search_index import FOLDER as SEARCH_FOLDER
from .search_index import cache_folder

# What mkdocs writes that no docs file stands for: the theme's files, its templates, the index.
THEME_OUTPUTS = {"assets", SEARCH_FOLDER, "sitemap.xml", "sitemap.xml.gz", "404.html"}
DIRTY_NOTICE = "A 'dirty' build is being performed"


def build_key(config_file: Path, cache: Path | None = None) -> str:
    """What every page depends on: the configuration, mkdocs and its theme, the site's code."""
    h = hashlib.sha256(config_file.read_bytes())
    for part in (version("mkdocs"), version("mkdocs-material"), site_code_version(cache)):
        h.update(part.encode())
    return h.hexdigest()


def remove_stale_outputs(site: Path, docs: Path, since: float = 0.0) -> list[Path]:
    """Files of the site whose docs file is gone (x.html for x.md, any other file for itself).
    A docs folder whose entries did not change since `since` (its mtime, a time.time()) is not
    looked into: docs.py replaces a changed package folder whole, so that only the folders of
    changed documents (and the folders listing them) are walked, not the whole site."""
    gone: list[Path] = []

    def walk(folder: Path) -> None:
        for path in folder.iterdir():
            rel = path.relative_to(site)
            if rel.parts[0] in THEME_OUTPUTS or path.name.startswith("."):
                continue
            if path.is_dir():
                source = docs / rel
                if not source.is_dir():
                    shutil.rmtree(path)
                    gone.append(rel)
                elif source.stat().st_mtime >= since:
                    walk(path)
                continue
            source = docs / (rel.with_suffix(".md") if rel.suffix == ".html" else rel)
            if not source.exists():
                path.unlink()
                gone.append(rel)

    walk(site)
    return gone


class _NoDirtyNotice(logging.Filter):
    """mkdocs warns that a dirty build may leave navigation stale; this site's navigation is
    fixed (documents are not in it), and strict mode would count the notice as a failure."""

    def filter(self, record: logging.LogRecord) -> bool:
        return DIRTY_NOTICE not in record.getMessage()


def docs_to_html(config_file: Path, full: bool = False) -> bool:
    """Build the site that `config_file` describes; returns True when it was a dirty build.
    Raises mkdocs' Abort on a warning (strict) or an error, after forgetting the build key."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(config_file), strict=True)
    site, docs = Path(config["site_dir"]), Path(config["docs_dir"])
    stamp = cache_folder(docs) / "build-key"
    key = build_key(config_file, cache_folder(docs))
    dirty = not full and (site / "index.html").is_file() and stamp.is_file() and stamp.read_text() == key
    since = stamp.stat().st_mtime - 2 if dirty else 0.0  # a little early: file times are not exact
    stamp.unlink(missing_ok=True)  # a build that fails leaves none: the next one is clean
    if dirty:
        remove_stale_outputs(site, docs, since)
    elif (cache_folder(docs) / "search").exists():
        shutil.rmtree(cache_folder(docs) / "search")
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    notice = _NoDirtyNotice()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logging.getLogger("mkdocs.commands.build").addFilter(notice)
    config.plugins.on_startup(command="build", dirty=dirty)
    try:
        build(config, dirty=dirty)
    finally:
        config.plugins.on_shutdown()
        logger.removeHandler(handler)
        logging.getLogger("mkdocs.commands.build").removeFilter(notice)
    write_atomic(stamp, key)
    return dirty
