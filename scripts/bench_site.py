"""Site benchmark: build the site from a folder of packages (optionally each copied N times
under new names and publishers, to stand for a larger corpus), time each stage, and count the
bytes one search fetches in Chromium.

    python scripts/bench_site.py --packages /tmp/pk --sources /work/shared/corpus --copies 30 --work /tmp/bench

Prints one JSON object: documents, pages, seconds per stage (then one more document added and the
site rebuilt as make does: `site_incremental`), site and search-index sizes, and per query the
pages found and the bytes fetched (a fresh page each time: nothing cached)."""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = ["行政运行", "经费", "财政专户管理资金", "一般公共服务支出", "三公经费", "信访", "2010301", "住房公积金"]
CHROMIUM = Path("/usr/bin/chromium")


def copy_packages(packages: Path, sources: Path, out: Path, copies: int) -> tuple[Path, Path]:
    """Every package `copies` times, copy k named <doc-id>-c<k> under publisher <publisher_id>-c<k>
    (copy 0 keeps its names), with its PDF beside it under the new name."""
    pk, src = out / "packages", out / "sources"
    pk.mkdir(parents=True)
    src.mkdir()
    for folder in sorted(p.parent for p in packages.glob("*/datapackage.json") if p.parent.name != "corpus"):
        pkg = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        pdf = sources / pkg["sources"][0]["title"]
        for k in range(copies):
            suffix = f"-c{k}" if k else ""
            target = pk / (pkg["name"] + suffix)
            shutil.copytree(folder, target)
            copy = dict(pkg, name=pkg["name"] + suffix)
            if pkg.get("publisher_id") and k:
                copy["publisher_id"] = pkg["publisher_id"] + suffix
            copy["sources"] = [dict(pkg["sources"][0], title=f"{copy['name']}.pdf")]
            (target / "datapackage.json").write_text(json.dumps(copy, ensure_ascii=False, indent=2), encoding="utf-8")
            if pdf.is_file():
                (src / f"{copy['name']}.pdf").symlink_to(pdf.resolve())
    return pk, src


def timed(seconds: dict, name: str, fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    seconds[name] = round(time.perf_counter() - start, 1)
    return result


def mkdocs_build(docs: Path, site: Path, work: Path) -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^docs_dir:.*$", f"docs_dir: {docs}", config)
    config = re.sub(r"(?m)^site_dir:.*$", f"site_dir: {site}", config)
    hooks = "pipeline/publish/site/mkdocs_hooks.py"
    config = config.replace(f"  - {hooks}", f"  - {ROOT / hooks}")
    (work / "mkdocs.yml").write_text(config, encoding="utf-8")
    # as make runs it: strict, and only the pages that changed when the site was built before
    subprocess.run([sys.executable, "-m", "pipeline", "html", "--config", str(work / "mkdocs.yml")],
                   check=True, cwd=ROOT, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
                   stdout=subprocess.DEVNULL)


def add_one(packages: Path, sources: Path) -> str:
    """One more document in a built site: the first package copied once more, as a new publisher."""
    first = sorted(p for p in packages.iterdir() if (p / "datapackage.json").exists() and p.name != "corpus")[0]
    pkg = json.loads((first / "datapackage.json").read_text(encoding="utf-8"))
    name = f"{pkg['name']}-added"
    shutil.copytree(first, packages / name)
    new = dict(pkg, name=name, sources=[dict(pkg["sources"][0], title=f"{name}.pdf")])
    if pkg.get("publisher_id"):
        new["publisher_id"] = f"{pkg['publisher_id']}-added"
    (packages / name / "datapackage.json").write_text(json.dumps(new, ensure_ascii=False, indent=2), encoding="utf-8")
    pdf = sources / pkg["sources"][0]["title"]
    if pdf.exists():
        (sources / f"{name}.pdf").symlink_to(pdf.resolve())
    return name


def search_bytes(site: Path, queries: list[str]) -> list[dict]:
    """Each query typed into a fresh page: the pages it found and the bytes it fetched."""
    from playwright.sync_api import sync_playwright

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    out = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
            for query in queries:
                page = browser.new_page()
                page.goto(base, wait_until="networkidle")
                fetched: list = []
                page.on("requestfinished", lambda r, fetched=fetched: fetched.append(r))
                start = time.perf_counter()
                page.locator(".site-search input").fill(query)
                page.wait_for_selector(".site-search-results .status[data-total]", timeout=60000)
                page.wait_for_load_state("networkidle")
                found = int(page.get_attribute(".site-search-results .status", "data-total"))
                out.append({"query": query, "pages_found": found, "requests": len(fetched),
                            "bytes": sum(r.sizes()["responseBodySize"] for r in fetched),
                            "seconds": round(time.perf_counter() - start - 0.2, 2)})  # less the input debounce
                page.close()
            browser.close()
    finally:
        httpd.shutdown()
    return out


def size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", required=True, type=Path)
    parser.add_argument("--sources", type=Path, default=ROOT / "sources")
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--work", required=True, type=Path)
    args = parser.parse_args()

    from pipeline.publish.corpus import packages_to_corpus
    from pipeline.publish.site import packages_to_docs

    if args.work.exists():
        shutil.rmtree(args.work)
    args.work.mkdir(parents=True)
    seconds: dict[str, float] = {}
    packages, sources = timed(seconds, "copy_packages", copy_packages, args.packages, args.sources, args.work,
                              args.copies)
    timed(seconds, "corpus", packages_to_corpus, packages, packages)
    docs, site = args.work / "docs", args.work / "site"
    count = timed(seconds, "site_pages", packages_to_docs, packages, docs, sources=sources)
    timed(seconds, "mkdocs_and_search_index", mkdocs_build, docs, site, args.work)
    from pipeline.publish.site.search_index import build_search_index

    index = timed(seconds, "search_index_alone", build_search_index, site)  # no cache: every page parsed
    seconds["site_total"] = round(seconds["site_pages"] + seconds["mkdocs_and_search_index"], 1)
    # the built site, one more document: its corpus, then the site as make would rebuild it
    add_one(packages, sources)
    timed(seconds, "corpus_incremental", packages_to_corpus, packages, packages)
    timed(seconds, "site_pages_incremental", packages_to_docs, packages, docs, sources=sources)
    timed(seconds, "mkdocs_incremental", mkdocs_build, docs, site, args.work)
    seconds["site_incremental"] = round(seconds["site_pages_incremental"] + seconds["mkdocs_incremental"], 1)
    result = {
        "documents": count,
        "seconds_per_document": round(seconds["site_total"] / count, 3),
        "html_pages": index["pages"],
        "search_shards": index["shards"],
        "seconds": seconds,
        # the largest resident set of this process (corpus and site pages; mkdocs runs apart)
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "site_mb": round(size(site) / 1e6, 1),
        "search_index_mb": round(size(site / "search") / 1e6, 1),
        "searches": search_bytes(site, QUERIES) if CHROMIUM.exists() else "chromium not installed",
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
