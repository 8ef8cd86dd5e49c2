"""What tests hand to worker processes in place of the real build: tasks that die or hang, keyed
by the input's file name. Never used by the pipeline; a module of its own so a worker process can
import it by name."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path


def misbehave(path: str, out: str):
    """Die as the file name says (killed, exits, spins, hangs); build any other file for real."""
    name = Path(path).name
    if name.startswith("killed"):
        os.kill(os.getpid(), signal.SIGKILL)  # what the kernel's out-of-memory killer does
    if name.startswith("exits"):
        os._exit(3)  # an extension module aborting the interpreter
    if name.startswith("spins"):
        if "tables" in name:  # stuck in a stage of the build, which it has entered
            from pipeline.read.limits import enter

            enter("tables")
        while True:  # a parser in an endless loop
            pass
    if name.startswith("hangs"):
        time.sleep(3600)  # waiting for ever, without using the CPU
    from pipeline.run.batch import build_one

    return build_one(path, out)


def report_settings(path: str, out: str) -> dict[str, str]:
    """The pipeline's settings (PIPELINE_*) the worker building `path` sees."""
    from pipeline.run.workers import SETTINGS_PREFIX

    return {k: v for k, v in os.environ.items() if k.startswith(SETTINGS_PREFIX)}
