"""Each document in a process of its own, with a memory cap and a CPU-time limit (and a
wall-clock one, for a worker stuck without using the CPU), so that a document that exhausts
memory, kills its interpreter or hangs fails alone, with its reason, and every other document is
still packaged. The limits are pipeline/read/limits.py's.

A process pool would not do: when one of its workers dies the pool is broken
(BrokenProcessPool) and every pending document fails with it, and a task that hangs cannot be
stopped. Processes come from a fork server that has imported the pipeline once, so a process
per document costs a fork, not an import; the server itself is forked from no thread but its
own, so a progress bar's thread in the command cannot leave a lock held in a worker.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from ..read.limits import WALL_FACTOR, Limits, stage_of_exit, stuck_reason, time_reason, use

# How long a finished worker may take to exit after sending its outcome before it is killed.
EXIT_GRACE_SECONDS = 5


@dataclass
class _Running:
    path: str
    process: BaseProcess
    reader: Connection
    deadline: float  # time.monotonic() past which the worker is stuck (its CPU time is capped); inf for none


def _context() -> Any:
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["pipeline.run.preload"])
    return ctx


# The settings the pipeline reads from the environment (PIPELINE_OCR_CACHE, …). A worker is forked
# from the fork server, whose environment is the command's when the server started: a setting
# changed since (a test's, a notebook's) would not reach it, so each worker is given the
# command's settings as they are when its document starts.
SETTINGS_PREFIX = "PIPELINE_"


def _settings() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k.startswith(SETTINGS_PREFIX)}


def _work(task: Callable[[str, str], Any], path: str, out: str, limits: Limits, settings: dict[str, str],
          writer: Connection) -> None:
    """In the worker: take on the command's limits and settings, build one document, send its
    outcome back."""
    for name in set(_settings()) - set(settings):
        del os.environ[name]
    os.environ.update(settings)
    use(limits)
    writer.send(task(path, out))
    writer.close()


def _died(process: BaseProcess, limits: Limits) -> str:
    code = process.exitcode
    if code == -signal.SIGXCPU:  # past its CPU time (RLIMIT_CPU)
        return time_reason(limits.document_seconds)
    if (stage := stage_of_exit(code)) is not None:  # the same, said by the worker with its stage
        return time_reason(limits.document_seconds, stage)
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"worker died (killed by {name}: out of memory?)"
    return f"worker died (exit status {code}) before reporting"


class _Workers:
    """The documents being built: one process each, with the pipe it reports on and its deadline."""

    def __init__(self, out: str, limits: Limits, task: Callable[[str, str], Any],
                 failed: Callable[[str, str], Any]) -> None:
        self.ctx = _context()
        self.out, self.limits, self.task, self.failed = out, limits, task, failed
        self.running: dict[Connection, _Running] = {}

    def start(self, path: str) -> None:
        reader, writer = self.ctx.Pipe(duplex=False)
        process = self.ctx.Process(target=_work, args=(self.task, path, self.out, self.limits, _settings(), writer),
                                   name=f"pipeline worker {path}", daemon=True)
        process.start()
        writer.close()  # the worker holds the other end: when it dies, reading gives EOF
        seconds = self.limits.document_seconds * WALL_FACTOR
        deadline = time.monotonic() + seconds if seconds else float("inf")
        self.running[reader] = _Running(path, process, reader, deadline)

    def wait(self) -> list[Any]:
        """The pipes with something to read (an outcome, or EOF from a dead worker), waiting at
        most until the next deadline."""
        soonest = min(r.deadline for r in self.running.values())
        timeout = None if soonest == float("inf") else max(0.0, soonest - time.monotonic())
        return wait(list(self.running), timeout)

    def finished(self, reader: Connection) -> Any:
        r = self.running.pop(reader)
        try:
            outcome = reader.recv()
        except (EOFError, OSError):
            r.process.join()
            outcome = self.failed(r.path, _died(r.process, self.limits))
        else:
            r.process.join(EXIT_GRACE_SECONDS)
        self._stop(r)
        return outcome

    def overdue(self) -> Iterator[Any]:
        now = time.monotonic()
        for reader, r in list(self.running.items()):
            if now >= r.deadline:
                del self.running[reader]
                self._stop(r)
                yield self.failed(r.path, stuck_reason(self.limits.document_seconds * WALL_FACTOR))

    def stop_all(self) -> None:
        for r in self.running.values():
            self._stop(r)
        self.running.clear()

    @staticmethod
    def _stop(r: _Running) -> None:
        if r.process.is_alive():
            r.process.kill()
        r.process.join()
        r.reader.close()


def run_isolated(paths: list[str], out: str, jobs: int, limits: Limits,
                 task: Callable[[str, str], Any], failed: Callable[[str, str], Any]) -> Iterator[Any]:
    """`task(path, out)` for each path, at most `jobs` at a time, each in a fresh process;
    outcomes in the order they finish. A worker that dies or overruns the time limit gives
    `failed(path, reason)` instead."""
    workers = _Workers(out, limits, task, failed)
    waiting = deque(paths)
    try:
        while waiting or workers.running:
            while waiting and len(workers.running) < max(1, jobs):
                workers.start(waiting.popleft())
            for reader in workers.wait():
                yield workers.finished(reader)
            yield from workers.overdue()
    finally:  # the caller stopped early (an error, Ctrl-C): no worker outlives the command
        workers.stop_all()
