"""Benchmark: peak memory of building hostile and huge inputs (not a test: it prints numbers).

usage: python scripts/bench_memory.py [--pages N]

Makes, in a temporary folder, a decompression bomb (about 1 MB of PDF whose one content stream
inflates to 1 GiB) and an N-page text PDF (default 2,000 pages, made with reportlab), and builds
each with `python -m pipeline build` as the command line does: a worker process per document,
with the default limits. Each build runs in a fresh process, so the peaks are its own; the peak
is the largest resident set (max RSS) of any process of the build: the command, the fork server
and the document's worker. The issue's bound is 1 GiB for each.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOUND_MB = 1024

# Run in a fresh interpreter: build one file, stop the fork server (so the workers it reaped
# count among this process's children), report the peaks.
_ONE = """
import json, multiprocessing.forkserver, resource, sys, time
from pipeline.cli import main
t = time.perf_counter()
rc = main(["build", sys.argv[1], "--out", sys.argv[2]])
seconds = time.perf_counter() - t
multiprocessing.forkserver._forkserver._stop()
mb = lambda who: resource.getrusage(who).ru_maxrss / 1024
print(json.dumps({"rc": rc, "seconds": seconds, "command_mb": mb(resource.RUSAGE_SELF),
                  "workers_mb": mb(resource.RUSAGE_CHILDREN)}))
"""


def many_pages_pdf(path: Path, pages: int) -> Path:
    """A text PDF of `pages` pages: a disclosure's title, then numbered paragraphs of 情况说明."""
    sys.path.insert(0, str(ROOT / "tests"))
    from pdfs import text_pdf

    body = [f"（{i}）2026年一般公共预算财政拨款支出{1000 + i}.00万元，主要用于机构运行和业务工作。" for i in range(38)]
    return text_pdf(path, [["某市某局", "2026年部门预算", "一、收入预算情况说明", *body[:35]]]
                    + [[f"第 {n} 页", *body] for n in range(2, pages + 1)])


def build(pdf: Path, out: Path, env: dict[str, str] | None = None) -> dict:
    r = subprocess.run([sys.executable, "-c", _ONE, str(pdf), str(out)], cwd=ROOT, capture_output=True, text=True,
                       env={**os.environ, **(env or {})})
    *lines, last = r.stdout.strip().splitlines()
    result = json.loads(last)
    result["line"] = lines[0] if lines else r.stderr.strip()[-200:]
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "tests"))
    from pdfs import bomb_pdf

    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        t = time.perf_counter()
        bomb = bomb_pdf(d / "bomb.pdf")
        big = many_pages_pdf(d / "many-pages.pdf", args.pages)
        print(f"made in {time.perf_counter() - t:.0f} s: bomb.pdf {bomb.stat().st_size / 1e6:.2f} MB "
              f"(inflates to 1 GiB), many-pages.pdf {args.pages} pages, {big.stat().st_size / 1e6:.1f} MB")
        cases = [
            ("bomb, default limits", bomb, {}),
            ("bomb, no stream limit, 1 GiB memory cap", bomb,
             {"PIPELINE_MAX_STREAM_MB": "0", "PIPELINE_WORKER_MEMORY_MB": str(BOUND_MB)}),
            (f"{args.pages} pages, default limits", big, {}),
        ]
        for name, pdf, env in cases:
            r = build(pdf, d / "out", env)
            peak = max(r["command_mb"], r["workers_mb"])
            verdict = "within" if peak <= BOUND_MB else "OVER"
            print(f"{name}: {r['seconds']:.1f} s, peak RSS {peak:.0f} MiB ({verdict} {BOUND_MB} MiB; command "
                  f"{r['command_mb']:.0f} MiB, largest worker {r['workers_mb']:.0f} MiB)\n    {r['line'][:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
