"""Command line: argument parsing only; the work happens in build, corpus, exports, site and makerules."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _build(args: argparse.Namespace) -> int:
    from .package.write import clean_stale
    from .run.batch import ClusterError, copy_outcome, default_jobs, distinct_files, run_batch

    # stderr: with `make`, stdout is the status file, whose first line must be the document's
    for name in clean_stale(Path(args.out)):
        print(f"removed {Path(args.out) / name}: left by a build that did not finish", file=sys.stderr)
    paths, copies = distinct_files(args.inputs)
    jobs = args.jobs or default_jobs(len(paths))
    outcomes = run_batch(paths, args.out, jobs=jobs, scheduler=args.scheduler)
    try:
        done = _with_progress(outcomes, len(paths)) if sys.stdout.isatty() and len(paths) > 1 else _plain(outcomes)
    except ClusterError as e:
        print(f"FAILED: {e}", flush=True)
        return 1
    by_path = {o.path: o for o in done}
    for path, original in copies.items():
        o = copy_outcome(path, by_path[original])
        print(o.line, flush=True)
        done.append(o)
    failed = [o for o in done if not o.ok]
    if len(done) > 1:
        print(f"summary: {len(done) - len(failed)} packaged, {len(failed)} failed; findings: "
              f"{sum(o.errors for o in done)} errors, {sum(o.warnings for o in done)} warnings")
        for o in failed:
            print(f"  failed {o.path}: {o.failure}")
    return 1 if failed else 0


def _plain(outcomes) -> list:
    """One line per document, as it finishes (CI, logs, pipes)."""
    done = []
    for o in outcomes:
        print(o.line, flush=True)
        done.append(o)
    return done


def _with_progress(outcomes, total: int) -> list:
    """A progress bar on a terminal: done / total, current file, rate, time left."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    done = []
    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]:.2f} docs/s"), TimeRemainingColumn(), TextColumn("{task.fields[last]}")]
    with Progress(*columns) as progress:
        task = progress.add_task("building", total=total, rate=0.0, last="")
        for o in outcomes:
            done.append(o)
            if not o.ok:
                progress.console.print(o.line, markup=False, highlight=False)
            elapsed = progress.tasks[0].elapsed or 1e-9
            progress.update(task, advance=1, rate=len(done) / elapsed, last=Path(o.path).name[:40])
    return done


def _site(args: argparse.Namespace) -> int:
    from .publish.site import packages_to_docs

    sqlite = Path(args.corpus_sqlite) if args.corpus_sqlite else None
    status = Path(args.status) if args.status else None
    n = packages_to_docs(Path(args.packages), Path(args.docs), sources=Path(args.sources), corpus_sqlite=sqlite,
                         status=status)
    print(f"site pages for {n} documents in {args.docs}")
    return 0


def _html(args: argparse.Namespace) -> int:
    from mkdocs.exceptions import Abort

    from .publish.site.html import docs_to_html

    try:
        dirty = docs_to_html(Path(args.config), full=args.full)
    except Abort as e:  # a warning in strict mode, or mkdocs' own error: already said, with its page
        print(f"site not built: {e}", file=sys.stderr)
        return 1
    print("site built (only the pages that changed)" if dirty else "site built (every page)")
    return 0


def _inspect(args: argparse.Namespace) -> int:
    from .model import column_to_text
    from .package.build import assign_keys, identify_tables
    from .read.pdf import pdf_to_pages
    from .tables.locate import PERFORMANCE_LIST, pages_to_tables
    from .vocabulary import load_vocabulary

    vocab = load_vocabulary()
    pages = pdf_to_pages(Path(args.input))
    tables = [t for t in pages_to_tables(pages, vocab) if t.grids]
    layouts, found = identify_tables(tables, vocab)
    report = [t for t in tables if t.key != PERFORMANCE_LIST]
    keys = iter(assign_keys(report))
    for t, layout, how in zip(tables, layouts, found, strict=True):
        key = t.key if t.key == PERFORMANCE_LIST else next(keys)
        suggests = f" (content suggests {how.content_suggests})" if how.content_suggests else ""
        print(f"[{key}] {t.title} unit={t.unit} pages={t.pages} rows={len(layout.rows)} "
              f"identified by {how.by}{suggests}")
        for c in layout.columns:
            print(f"    {c.index:2d} side={c.side} {c.role:6s} {column_to_text(c.path)}")
        for r in layout.rows[: args.rows]:
            print("      ", r.page, r.cells)
    return 0


def _review(args: argparse.Namespace) -> int:
    from .publish.review import review

    if Path(args.out).resolve() == Path(args.input).resolve():
        print(f"FAILED {args.input}: the review must not overwrite its input", flush=True)
        return 1
    outcome = review(args.input, args.out)
    print(outcome.line, flush=True)
    return 0 if outcome.ok else 1


def _corpus(args: argparse.Namespace) -> int:
    from .model import InputError
    from .publish.corpus import packages_to_corpus

    try:
        folder, n = packages_to_corpus(Path(args.packages), Path(args.packages))
    except InputError as e:  # the corpus written would not validate: nothing is replaced
        print(f"FAILED corpus: {e}", file=sys.stderr)
        return 1
    print(f"corpus package {folder}: {n} facts")
    return 0


def _sqlite(args: argparse.Namespace) -> int:
    from .publish.exports import corpus_to_sqlite

    corpus_to_sqlite(Path(args.corpus), Path(args.out))
    print(f"SQLite export {args.out}")
    return 0


def _duckdb(args: argparse.Namespace) -> int:
    from .publish.exports import corpus_to_duckdb

    corpus_to_duckdb(Path(args.corpus), Path(args.out))
    print(f"DuckDB export {args.out}")
    return 0


def _parquet(args: argparse.Namespace) -> int:
    from .publish.exports import corpus_to_parquet

    files = corpus_to_parquet(Path(args.corpus), Path(args.out))
    print(f"Parquet export {args.out}: {len(files)} files")
    return 0


def _rules(args: argparse.Namespace) -> int:
    from .run.makerules import forget_removed, sources_to_rules

    for gone in forget_removed(Path(args.sources)):
        print(f"removed {gone}: its source is gone", file=sys.stderr)
    sys.stdout.write(sources_to_rules(Path(args.sources), args.out))
    return 0


def _deps(args: argparse.Namespace) -> int:
    from .run.deps import make_deps

    sys.stdout.write(make_deps(Path.cwd()))
    return 0


def _summary(args: argparse.Namespace) -> int:
    from .run.makerules import summarize

    text, failed = summarize(Path(args.status))
    sys.stdout.write(text)
    return 1 if failed else 0


def _retire(args: argparse.Namespace) -> int:
    from .run.makerules import retire

    gone = retire(Path(args.status), Path(args.out))
    if gone:
        print(f"removed {args.out}/{gone}: its source now builds another package or fails")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description="Budget disclosure PDFs to data packages")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="package PDFs: one folder DIR/<doc-id>/ per input")
    b.add_argument("inputs", nargs="+", metavar="INPUT.pdf")
    b.add_argument("--out", required=True, metavar="DIR")
    b.add_argument("--jobs", type=int, default=0, help="worker processes (default: one per core)")
    b.add_argument("--scheduler", metavar="ADDRESS", help="run on this Dask cluster (the output folder must be shared)")
    b.set_defaults(func=_build)
    s = sub.add_parser("site", help="generate the site's Markdown pages from packages")
    s.add_argument("--packages", default="datapackages")
    s.add_argument("--docs", default="build/docs")
    s.add_argument("--sources", default="sources")
    s.add_argument("--corpus-sqlite", help="the SQLite export to publish with the site")
    s.add_argument("--status", metavar="DIR", help="Make's status files (build/status): failed inputs are listed")
    s.set_defaults(func=_site)
    h = sub.add_parser("html", help="build the HTML site from the site pages (mkdocs, strict; only what changed)")
    h.add_argument("--config", default="mkdocs.yml")
    h.add_argument("--full", action="store_true", help="rebuild every page")
    h.set_defaults(func=_html)
    m = sub.add_parser("make-rules", help="print Makefile rules: one package per source PDF")
    m.add_argument("--sources", default="sources")
    m.add_argument("--out", default="datapackages")
    m.set_defaults(func=_rules)
    md = sub.add_parser("make-deps", help="print Make variables: the code files each target depends on")
    md.set_defaults(func=_deps)
    ms = sub.add_parser("make-summary", help="(Make) how many sources were packaged and failed; exit 1 if any failed")
    ms.add_argument("status", help="the folder of status files (build/status)")
    ms.set_defaults(func=_summary)
    r = sub.add_parser("make-retire",
                       help="(Make) drop the package a source's previous build wrote, when no longer built")
    r.add_argument("status", help="the source's status file; its new report is STATUS.tmp")
    r.add_argument("--out", default="datapackages")
    r.set_defaults(func=_retire)
    c = sub.add_parser("corpus", help="build the corpus package from all document packages")
    c.add_argument("--packages", default="datapackages")
    c.set_defaults(func=_corpus)
    q = sub.add_parser("sqlite", help="export the corpus package as one SQLite file")
    q.add_argument("--corpus", default="datapackages/corpus")
    q.add_argument("--out", default="build/corpus.sqlite")
    q.set_defaults(func=_sqlite)
    d = sub.add_parser("duckdb", help="export the corpus package as one DuckDB file (money as DECIMAL)")
    d.add_argument("--corpus", default="datapackages/corpus")
    d.add_argument("--out", default="build/corpus.duckdb", metavar="FILE")
    d.set_defaults(func=_duckdb)
    pq = sub.add_parser("parquet", help="export the corpus package as Parquet files, one per resource")
    pq.add_argument("--corpus", default="datapackages/corpus")
    pq.add_argument("--out", default="build/parquet", metavar="DIR")
    pq.set_defaults(func=_parquet)
    rv = sub.add_parser("review", help="write a copy of a PDF with its findings annotated on their pages")
    rv.add_argument("input", metavar="INPUT.pdf")
    rv.add_argument("--out", required=True, metavar="REVIEW.pdf")
    rv.set_defaults(func=_review)
    i = sub.add_parser("inspect", help="show the tables found in one PDF and how they were read")
    i.add_argument("input")
    i.add_argument("--rows", type=int, default=3)
    i.set_defaults(func=_inspect)
    args = parser.parse_args(argv)
    return args.func(args)
