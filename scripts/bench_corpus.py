"""Corpus benchmark: time and peak memory of `pipeline corpus`, `sqlite`, `duckdb` and `parquet`
over a folder of packages, optionally each copied N times under new names (scripts/bench_site.py's
copies), to stand for a larger corpus.

    python scripts/bench_corpus.py --packages /tmp/pk --copies 250 --work /tmp/bench-corpus

Each command runs as `python -m pipeline …` in a fresh process, as make runs it; its peak is that
process's largest resident set (max RSS). Prints one JSON object: documents, rows per resource,
and per command the seconds and the peak in MB."""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

# a fresh interpreter per command: its own peak, read after it ends
_RUN = """
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def measure(*args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", _RUN, sys.executable, "-m", "pipeline", *args], check=True,
                         capture_output=True, text=True, cwd=ROOT).stdout.split()
    return {"seconds": round(float(out[0]), 1), "peak_mb": round(int(out[1]) / 1024)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", required=True, type=Path)
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--work", required=True, type=Path)
    args = parser.parse_args()
    from bench_site import copy_packages

    if args.work.exists():
        shutil.rmtree(args.work)
    args.work.mkdir(parents=True)
    start = time.perf_counter()
    packages, _ = copy_packages(args.packages, args.work / "no-sources", args.work, args.copies)
    copied = round(time.perf_counter() - start, 1)
    corpus = packages / "corpus"
    result: dict = {"documents": sum(1 for p in packages.glob("*/datapackage.json")), "copy_seconds": copied}
    result["corpus"] = measure("corpus", "--packages", str(packages))
    pkg = json.loads((corpus / "datapackage.json").read_text(encoding="utf-8"))
    result["rows"] = {}
    for r in pkg["resources"]:
        with (corpus / r["path"]).open("rb") as f:
            result["rows"][r["name"]] = sum(1 for _ in f) - 1  # no field holds a line break in these
    for command in ("sqlite", "duckdb", "parquet"):
        target = args.work / {"sqlite": "corpus.sqlite", "duckdb": "corpus.duckdb", "parquet": "parquet"}[command]
        result[command] = measure(command, "--corpus", str(corpus), "--out", str(target))
    result["this_process_peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
