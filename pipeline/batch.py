"""Many documents at once: in this process, in a process pool, or on a Dask cluster.

The per-document stage is a pure function of the PDF (build_one), so any of these can run it;
each call reports back a plain, picklable outcome and never raises."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from .build import build_document, sha256_of
from .ocr.engine import set_threads
from .pdf import InputError


@dataclass(frozen=True)
class Outcome:
    path: str
    line: str  # the one line the command prints for this input
    doc_id: str = ""
    failure: str = ""
    errors: int = 0
    warnings: int = 0

    @property
    def ok(self) -> bool:
        return not self.failure


def build_one(path: str, out: str) -> Outcome:
    """Package one PDF; bad input and bugs alike become a failed outcome with its reason."""
    try:
        r = build_document(Path(path), Path(out))
    except InputError as e:
        return Outcome(path, f"FAILED {path}: {e}", failure=str(e))
    except Exception as e:  # a bug must not stop a batch of thousands; it is still reported
        reason = f"internal error ({type(e).__name__}: {e}); please report it"
        return Outcome(path, f"FAILED {path}: {reason}", failure=reason)
    c = r.consistency
    extra = f"; unrecognised tables: {', '.join(r.other_tables)}" if r.other_tables else ""
    line = (f"{r.doc_id}\t{len(r.tables)} tables, {r.facts} facts, checks {c['passed']}/{c['checks']} passed, "
            f"findings: {c['errors']} errors, {c['warnings']} warnings{extra}")
    return Outcome(path, line, r.doc_id, errors=c["errors"], warnings=c["warnings"])


def distinct_files(paths: list[str]) -> tuple[list[str], dict[str, str]]:
    """The inputs to build, and each later copy of an identical file mapped to the first: one PDF
    given twice (under any names) is one document with one doc-id, so it is packaged once, from
    the first name, whatever the workers' order."""
    first: dict[str, str] = {}
    unique: list[str] = []
    copies: dict[str, str] = {}
    for p in paths:
        try:
            digest = sha256_of(Path(p))
        except OSError:  # unreadable or missing: the build says why
            digest = ""
        if digest in first:
            copies[p] = first[digest]
            continue
        if digest:
            first[digest] = p
        unique.append(p)
    return unique, copies


def copy_outcome(path: str, original: Outcome) -> Outcome:
    """What a copy reports: the original's doc-id, or the original's failure."""
    same = f"与 {original.path} 是同一份文件（内容相同）"
    if original.ok:
        return Outcome(path, f"{original.doc_id}\t{same}，只打包一次", original.doc_id)
    return Outcome(path, f"FAILED {path}: {same}: {original.failure}", failure=original.failure)


def default_jobs(n_inputs: int) -> int:
    return max(1, min(n_inputs, os.cpu_count() or 1))


def run_batch(paths: list[str], out: str, jobs: int = 1, scheduler: str | None = None) -> Iterator[Outcome]:
    """Outcomes in the order they finish."""
    if scheduler:
        from dask.distributed import Client
        from dask.distributed import as_completed as dask_completed

        with Client(scheduler) as client:
            futures = client.map(build_one, paths, out=out, pure=False)
            for future in dask_completed(futures):
                yield future.result()
        return
    if jobs <= 1 or len(paths) <= 1:
        for p in paths:
            yield build_one(p, out)
        return
    # each worker's OCR engine gets its share of the cores (the reading is the same with any number)
    with ProcessPoolExecutor(max_workers=jobs, initializer=set_threads,
                             initargs=(max(1, (os.cpu_count() or 1) // jobs),)) as pool:
        futures = [pool.submit(build_one, p, out) for p in paths]
        for future in as_completed(futures):
            yield future.result()
