"""Many documents at once: each in a worker process of its own, or on a Dask cluster.

The per-document stage is a pure function of the PDF (build_one), so any of these can run it;
each call reports back a plain, picklable outcome and never raises. Whatever happens to one
document (bad input, a bug, a worker killed for memory, a hang) is that document's FAILED line,
and the others are still packaged."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ..package.build import build_document, sha256_of
from ..read.limits import Limits, memory_reason
from ..read.ocr.engine import set_threads
from ..read.pdf import InputError
from .workers import run_isolated

CANNOT_IMPORT = ("Dask workers cannot import the 'pipeline' package: install this project on every worker "
                 "(pip install .)")


class ClusterError(Exception):
    """The cluster cannot build any document; the message is the one line to print."""


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
        return failed(path, str(e))
    except MemoryError:  # past the worker's memory cap (pipeline.read.limits): this document only
        return failed(path, memory_reason())
    except Exception as e:  # a bug must not stop a batch of thousands; it is still reported
        return failed(path, f"internal error ({type(e).__name__}: {e}); please report it")
    c = r.consistency
    extra = f"; unrecognised tables: {', '.join(r.other_tables)}" if r.other_tables else ""
    line = (f"{r.doc_id}\t{len(r.tables)} tables, {r.facts} facts, checks {c['passed']}/{c['checks']} passed, "
            f"findings: {c['errors']} errors, {c['warnings']} warnings{extra}")
    return Outcome(path, line, r.doc_id, errors=c["errors"], warnings=c["warnings"])


def failed(path: str, reason: str) -> Outcome:
    return Outcome(path, f"FAILED {path}: {reason}", failure=reason)


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


def run_batch(paths: list[str], out: str, jobs: int = 1, scheduler: str | None = None,
              limits: Limits | None = None, task: Callable[[str, str], Outcome] = build_one) -> Iterator[Outcome]:
    """Outcomes in the order they finish. Locally every document gets a process of its own (even
    with one job: a document that kills its process must still get its line); `task` is what
    runs there (tests hand in one that dies or hangs)."""
    if scheduler:
        yield from _on_cluster(paths, out, scheduler, task)
        return
    # each document's OCR engine gets its share of the cores (the reading is the same with any number)
    threads = max(1, (os.cpu_count() or 1) // max(1, min(jobs, len(paths))))
    yield from run_isolated(paths, out, jobs, limits or Limits.from_env(), partial(_with_threads, threads, task),
                            failed)


def _with_threads(threads: int, task: Callable[[str, str], Outcome], path: str, out: str) -> Outcome:
    set_threads(threads)
    return task(path, out)


def _on_cluster(paths: list[str], out: str, scheduler: str, task: Callable[[str, str], Outcome]) -> Iterator[Outcome]:
    """The same stage on a Dask cluster. Its workers bring their own memory limits (`dask worker
    --memory-limit`); one the nanny kills fails its document after Dask's retries (KilledWorker)."""
    from dask.distributed import Client, KilledWorker
    from dask.distributed import as_completed as dask_completed

    with Client(scheduler) as client:
        # A worker that cannot unpickle a task dies on it (the error never reaches the future) and
        # the batch would wait for ever; so ask every worker first, with a function from importlib.
        found = client.run(importlib.util.find_spec, "pipeline")
        if any(spec is None for spec in found.values()):
            raise ClusterError(CANNOT_IMPORT)
        futures = client.map(task, paths, out=out, pure=False)
        path_of = {f.key: p for f, p in zip(futures, paths, strict=True)}
        for future in dask_completed(futures):
            try:
                yield future.result()
            except ModuleNotFoundError as e:  # a worker that joined later without the project
                if (e.name or "").split(".")[0] != "pipeline":
                    raise
                client.cancel(futures)
                raise ClusterError(CANNOT_IMPORT) from None
            except KilledWorker:
                yield failed(path_of[future.key], "worker died (killed, out of memory?) on every Dask worker tried")
