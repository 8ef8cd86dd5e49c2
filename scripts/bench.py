"""Benchmark: bare pdfplumber parsing against the whole pipeline, 1 and 2 workers, peak memory;
and scanned documents (pages read by OCR, with the OCR cache off) in pages/s beside text pages/s.

usage: python scripts/bench.py [--per-document] [PDF ...]
       (default: sources/*.pdf, ../shared/corpus/*.pdf and the scanned sample in ../shared/samples)

--per-document: one line per PDF (built in this process, one after another): seconds, pages,
facts, seconds per page, bare pdfplumber's seconds for the same PDF and the pipeline's multiple
of it, and the slowest stage; then the slowest document's seconds per page against the sample's
(the target: within 3x), and the largest multiple of bare parsing against the sample's. A page
dense with characters costs pdfplumber itself more than a sparse one: the multiple says what the
pipeline adds, whatever the page holds.

Not a test: it prints numbers for the closing notes and for regressions to be seen.
"""

from __future__ import annotations

import multiprocessing.forkserver
import os
import resource
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pdfplumber

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.read.ocr.cache import ENV as OCR_CACHE  # noqa: E402
from pipeline.read.pdf import needs_ocr  # noqa: E402
from pipeline.run.batch import build_one, run_batch  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def bare_parse(path: str) -> int:
    """What any tool reading these PDFs must do at least: every page's text."""
    n = 0
    try:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                n += 1
    except Exception:
        pass
    return n


def ocr_pages(path: str) -> int:
    """Pages of the PDF that are read by OCR (no text layer, an image)."""
    try:
        with pdfplumber.open(path) as pdf:
            return sum(1 for page in pdf.pages if needs_ocr(page))
    except Exception:
        return 0


def timed(fn):
    t = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - t


def per_document(pdfs: list[str]) -> None:
    """Each document's cost, stage by stage: a stage that grows faster than the document shows
    up as a seconds-per-page far above the sample's."""
    from pipeline.model import InputError
    from pipeline.package.build import build_document

    build_document(Path(pdfs[0]), Path(tempfile.mkdtemp()))  # one-time loading (jieba, fonts) not counted
    import pipeline.run.preload  # noqa: F401  # and this process set up as a document's worker is
    rows = []
    print(f"{'seconds':>8} {'pages':>5} {'facts':>6} {'s/page':>7} {'bare s':>7} {'x bare':>6}  slowest stage"
          "        document")
    for p in pdfs:
        _, bare = timed(lambda p=p: bare_parse(p))
        with tempfile.TemporaryDirectory() as out:
            try:
                r, t = timed(lambda p=p, out=out: build_document(Path(p), Path(out)))
            except InputError as e:
                print(f"{'':>8} {'':>5} {'':>6} {'':>7} {'':>7} {'':>6}  {'failed':20} {Path(p).name}: {e}")
                continue
        stage, s = max(r.seconds.items(), key=lambda kv: kv[1])
        # a scanned document's words are recognised, not parsed: bare parsing is no measure of it
        rows.append((p, t / max(r.pages, 1), 0.0 if ocr_pages(p) else t / bare))
        print(f"{t:8.2f} {r.pages:5d} {r.facts:6d} {t / max(r.pages, 1):7.3f} {bare:7.2f} {t / bare:6.2f}  "
              f"{stage:9} {s:6.2f} s    {Path(p).name}")
    sample = next((row for row in rows if Path(row[0]).name.startswith("datong")), None)
    if sample and rows:
        worst = max(rows, key=lambda x: x[1])
        print(f"slowest seconds per page: {worst[1]:.3f} ({Path(worst[0]).name}), "
              f"{worst[1] / sample[1]:.1f}x the sample's {sample[1]:.3f}")
        most = max(rows, key=lambda x: x[2])
        print(f"largest multiple of bare pdfplumber (text documents): {most[2]:.2f} ({Path(most[0]).name}), "
              f"{most[2] / sample[2]:.1f}x the sample's {sample[2]:.2f}")


def main(argv: list[str]) -> int:
    per = "--per-document" in argv
    argv = [a for a in argv if a != "--per-document"]
    inputs = [str(p) for p in map(Path, argv)] if argv else [
        *map(str, sorted((ROOT / "sources").glob("*.pdf"))),
        *map(str, sorted((ROOT.parent / "shared" / "corpus").glob("*.pdf"))),
        *map(str, sorted((ROOT.parent / "shared" / "samples").glob("*scanned*.pdf"))),
    ]
    if per:
        per_document(inputs)
        return 0
    scanned = {p: n for p in inputs if (n := ocr_pages(p))}
    pdfs = [p for p in inputs if p not in scanned]
    if pdfs:
        text_benchmark(pdfs)
    if scanned:
        ocr_benchmark(list(scanned), sum(scanned.values()))
    return 0


def ocr_benchmark(pdfs: list[str], pages: int) -> None:
    """Documents with scanned pages, every page recognised afresh (the OCR cache is off)."""
    old = os.environ.get(OCR_CACHE)
    os.environ[OCR_CACHE] = "off"
    try:
        with tempfile.TemporaryDirectory() as out:
            _, t_one = timed(lambda: [build_one(p, out) for p in pdfs])
        with tempfile.TemporaryDirectory() as out:
            _, t_two = timed(lambda: list(run_batch(pdfs, out, jobs=2)))
    finally:
        if old is None:
            os.environ.pop(OCR_CACHE)
        else:
            os.environ[OCR_CACHE] = old
    print(f"scanned documents: {len(pdfs)}, OCR pages: {pages}")
    print(f"OCR, 1 worker (the engine on every core): {t_one:.1f} s, {pages / t_one:.2f} pages/s, "
          f"{t_one / pages:.1f} s per page")
    print(f"OCR, 2 workers (one core each):          {t_two:.1f} s, {pages / t_two:.2f} pages/s, "
          f"{t_two / pages:.1f} s per page")


def text_benchmark(pdfs: list[str]) -> None:
    # bare parsing and the pipeline take turns, document by document, so that a machine that
    # slows down or speeds up during the run (a shared host does) weighs on both alike; the
    # pipeline as `pipeline build --jobs 1` runs it: each document in a worker of its own, forked
    # from the fork server (started once, before the clock: it loads what every document needs)
    pages, t_bare, t_one = 0, 0.0, 0.0
    with tempfile.TemporaryDirectory() as out:
        list(run_batch(pdfs[:1], out, jobs=1))
    with tempfile.TemporaryDirectory() as out:
        for p in pdfs:
            n, t = timed(lambda p=p: bare_parse(p))
            pages, t_bare = pages + n, t_bare + t
            t_one += timed(lambda p=p: list(run_batch([p], out, jobs=1)))[1]
    with tempfile.TemporaryDirectory() as out:
        _, t_two = timed(lambda: list(run_batch(pdfs, out, jobs=2)))
    with ProcessPoolExecutor(max_workers=2) as pool, tempfile.TemporaryDirectory() as out:
        _, t_bare_two = timed(lambda: sum(pool.map(bare_parse, pdfs)))
    # each document's worker is a child of the fork server (pipeline/run/workers.py): stopping the
    # server (it has reaped them) makes their peaks count among this process's children
    multiprocessing.forkserver._forkserver._stop()
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"text documents: {len(pdfs)}, pages: {pages}")
    print(f"bare pdfplumber (extract_text of every page), 1 process: {t_bare:.1f} s, {pages / t_bare:.1f} pages/s")
    print(f"whole pipeline, 1 worker:  {t_one:.1f} s, {pages / t_one:.1f} text pages/s")
    print(f"pipeline / bare parsing time ratio: {t_one / t_bare:.2f}")
    print(f"whole pipeline, 2 workers: {t_two:.1f} s, {pages / t_two:.1f} text pages/s; "
          f"speed-up from 1 to 2 workers: {t_one / t_two:.2f}x (bare parsing: {t_bare / t_bare_two:.2f}x)")
    print(f"peak memory (max RSS): main process {me:.0f} MiB, largest worker {children:.0f} MiB")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
