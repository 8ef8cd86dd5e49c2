"""Generate the site's Markdown pages from the published packages (never from PDFs).

Layout of the generated docs folder:
  index.md                      home: what this is, the catalogue (sort, filter, facets; cards on phones)
  <doc-id>/index.md             one page per document: overview, checks, charts, findings, every table
  publishers/<publisher_id>.md  one page per publisher: documents by year, indicators over the years
  codes/<scheme>-<code>.md      one page per 类/款/项 classification code, comparing documents
  glossary.md, downloads.md, about.md
  data/<doc-id>/...             the package itself, plus <doc-id>.zip, <doc-id>.xlsx, excel-csv/
  data/corpus/...               the corpus package with its data files, corpus.zip, corpus.sqlite
  data/budget-data-all.zip      every package in one zip
  sources/<doc-id>.pdf          the source PDF, when it is available
  assets/                       the catalogue and search scripts, styles

After mkdocs builds the pages, mkdocs_hooks.py writes the search index (search_index.py).

Modules: load (packages read back), figures (totals and chart data), findings (checks said in
Chinese), catalogue, publishers, classifications (what those pages show), glossary (tooltips),
names (Chinese for codes), links (every href), escape and templates (printing untrusted text),
pages (one function per page kind; the structure is in pipeline/publish/templates), downloads (zip,
Excel, CSV for Excel), publish (files copied to the site), status (failed inputs), docs (the folder).
"""

from .docs import packages_to_docs

__all__ = ["packages_to_docs"]
