"""mkdocs hooks (mkdocs.yml `hooks:`): the site's own address in its pages, and the search index
once the pages are built.

The address is mkdocs' `site_url` (set by the SITE_URL environment variable, see mkdocs.yml),
so that code snippets name the URLs readers can fetch and the sitemap lists real pages. The
search index (search_index.py) replaces mkdocs' built-in search, which loaded the whole index
on every page."""

from __future__ import annotations

import sys
from pathlib import Path

SITE_URL_MARK = "@@SITEURL@@/"


def site_url(config) -> str:
    url = str(config.get("site_url") or "")
    return url if url.endswith("/") or not url else url + "/"


def on_page_markdown(markdown: str, page, config, files) -> str:
    return markdown.replace(SITE_URL_MARK, site_url(config)) if SITE_URL_MARK in markdown else markdown


def on_post_build(config) -> None:
    # mkdocs loads this file by path: the repository root may not be on sys.path yet
    root = str(Path(__file__).resolve().parents[3])
    if root not in sys.path:
        sys.path.insert(0, root)
    from pipeline.publish.site.search_index import build_search_index, cache_folder

    build_search_index(Path(config["site_dir"]), cache_folder(Path(config["docs_dir"])) / "search")
