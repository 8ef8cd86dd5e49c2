"""What one document may cost, so that a hostile or broken PDF fails alone and says why.

Each limit is a named setting with the reason for its value, and each can be changed by an
environment variable (a bigger machine, a cluster worker) without touching code; 0 turns a
limit off. The reasons a document fails on a limit are one-line English, like every other
FAILED reason.
"""

from __future__ import annotations

import os
import resource
import signal
from collections.abc import Mapping
from dataclasses import dataclass, fields

MB = 1 << 20
# A worker still running after this many times its CPU allowance in wall-clock time is stuck
# without using the CPU (waiting on a lock, a lost network file system) and is stopped too.
WALL_FACTOR = 3
# Seconds between the CPU limit's warning signal (SIGXCPU, which ends the worker) and SIGKILL.
CPU_GRACE_SECONDS = 5

# The environment variable for each field of Limits.
ENV = {
    "max_stream_mb": "PIPELINE_MAX_STREAM_MB",
    "worker_memory_mb": "PIPELINE_WORKER_MEMORY_MB",
    "document_seconds": "PIPELINE_DOCUMENT_SECONDS",
}


@dataclass(frozen=True)
class Limits:
    # The largest stream in the corpus inflates to 6 MB (a scanned page; page text is under 1 MB).
    # Ten times that is room for any real page, and stops a decompression bomb (1 MB of zlib can
    # inflate to 1 GiB) before the inflated data is held in memory.
    max_stream_mb: int = 64
    # Address space (RLIMIT_AS) of the process that reads one document. The corpus' documents
    # stay under 400 MB; 3 GiB is room for a large real document, and keeps two workers within
    # a small machine: past it, that document fails with MemoryError instead of the kernel's
    # out-of-memory killer choosing a process.
    worker_memory_mb: int = 3072
    # CPU time for one document (RLIMIT_CPU: a busy machine does not count against a document).
    # The corpus' slowest takes under a minute; a 2,000-page text file about ten (pdfplumber
    # reads a dense page in a quarter of a second). A document still busy after 30 minutes is
    # hanging (a parser loop, an endless content stream): it is stopped and reported, so the
    # batch finishes.
    document_seconds: int = 1800

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Limits:
        values = {}
        for f in fields(cls):
            text = env.get(ENV[f.name], "").strip()
            if text:
                try:
                    values[f.name] = max(0, int(text))
                except ValueError:
                    raise ValueError(f"{ENV[f.name]} must be a whole number, not {text!r}") from None
        return cls(**values)

    @property
    def max_stream_bytes(self) -> int:
        return self.max_stream_mb * MB

    @property
    def worker_memory_bytes(self) -> int:
        return self.worker_memory_mb * MB


# The limits a worker was started with: a worker forked from the fork server has the server's
# environment, not the command's, so the command hands its limits over (pipeline/run/workers.py).
_given: Limits | None = None


def current() -> Limits:
    """This process's limits: the ones it was given, else the environment's."""
    return _given if _given is not None else Limits.from_env()


def use(limits: Limits) -> None:
    """Make `limits` this process's own (a worker's, never the command's): its memory and CPU
    time are capped, and current() returns them."""
    global _given
    _given = limits
    cap_memory(limits.worker_memory_bytes)
    if limits.document_seconds:
        seconds = limits.document_seconds
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + CPU_GRACE_SECONDS))
        signal.signal(signal.SIGXCPU, _out_of_time)


def stream_reason(limit: int) -> str:
    return f"too large: a content stream inflates beyond {limit // MB} MB ({ENV['max_stream_mb']})"


def memory_reason() -> str:
    """Why a document failed with MemoryError: the worker's cap when one is set, else the machine."""
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY:
        return "too large: reading it ran out of memory"
    return f"too large: reading it needs more than the worker's {soft // MB} MB of memory ({ENV['worker_memory_mb']})"


# The stages of a document's build, in order, as a stopped worker's reason names them (English for
# the command line, Chinese for the site): a limit's message says where the time went.
STAGES = {"read": ("reading the pages", "读取页面"), "tables": ("reading the tables", "识读报表"),
          "text": ("reading the words", "识读文字"), "checks": ("checking the figures", "核对数字"),
          "indicators": ("reading the headline figures", "汇总主要指标"),
          "package": ("assembling the package", "组装数据包"), "write": ("writing the package", "写出数据包")}
# A worker stopped at its CPU time exits with this status plus its stage's place in STAGES (0: none
# entered), so that the command can say which stage was running.
EXIT_OUT_OF_TIME = 64
_stage = ""


def enter(stage: str) -> None:
    """The stage this process is in now (a key of STAGES): a CPU-time stop reports it."""
    global _stage
    _stage = stage


def _out_of_time(signum: int, frame: object) -> None:
    # SIGXCPU at the soft limit: exit at once with the stage in the status (the pipe may be mid-write)
    os._exit(EXIT_OUT_OF_TIME + (list(STAGES).index(_stage) + 1 if _stage in STAGES else 0))


def stage_of_exit(code: int | None) -> str | None:
    """The stage a worker's exit status says it was stopped in: '' for none, None for no such stop."""
    if code is None or not EXIT_OUT_OF_TIME <= code <= EXIT_OUT_OF_TIME + len(STAGES):
        return None
    return ["", *STAGES][code - EXIT_OUT_OF_TIME]


def time_reason(seconds: int, stage: str = "") -> str:
    where = f" while {STAGES[stage][0]}" if stage in STAGES else ""
    return (f"too slow: stopped after {seconds} s of CPU time ({ENV['document_seconds']}){where}; a hang or a very "
            "large document")


def stuck_reason(seconds: int) -> str:
    return f"stuck: no result after {seconds} s while hardly using the CPU ({ENV['document_seconds']} × {WALL_FACTOR})"


def cap_memory(limit_bytes: int) -> None:
    """Cap this process's address space: an allocation past it raises MemoryError in this process only."""
    if limit_bytes <= 0:
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = limit_bytes if hard == resource.RLIM_INFINITY else min(limit_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
