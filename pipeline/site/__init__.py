"""Generate the site's Markdown pages from the published packages (never from PDFs).

Layout of the generated docs folder:
  index.md                      home: what this is, a sortable, filterable catalogue
  glossary.md                   名词解释 merged from all documents
  about.md                      how to use the data
  <doc-id>/index.md             one page per document: overview, charts, findings, every table
  data/<doc-id>/...             the package itself, plus <doc-id>.zip, <doc-id>.xlsx
  sources/<doc-id>.pdf          the source PDF, when it is available
  assets/                       the catalogue script, styles, the jieba dictionary of glossary terms

Modules: load (packages read back), figures (totals and chart data), glossary (tooltips),
links (every href), escape and templates (printing untrusted text), pages (one function per
page kind; the structure is in pipeline/templates), downloads (zip, Excel), docs (the folder).
"""

from .docs import packages_to_docs

__all__ = ["packages_to_docs"]
