"""Publish: packages → the corpus package (`corpus`), its SQLite, DuckDB and Parquet exports
(`exports`), and the site's pages (`site/`, with `templates/`, `site_assets/`, `charts`,
`spreadsheet`). Reads only what the packages hold, never a PDF."""
