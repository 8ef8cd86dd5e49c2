"""A Markdown table per built corpus: for each package, the keys found (and how each table was
identified), facts, checks passed and every remaining other_<n> table with its printed title.

usage: python scripts/corpus_report.py PACKAGES_DIR
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from pathlib import Path

NOT_TABLES = {"facts", "findings", "indicators", "glossary", "responsibilities", "departments", "narrative_figures",
              "performance_targets", "performance_indicators", "performance_execution"}
SHORT = {"title": "t", "content": "c", "title+content": "tc", "none": "-"}


def main(folder: Path) -> None:
    print("| document | part | tables (key:identified by t=title c=content tc=both) | facts | in other_n | checks "
          "passed | other_n titles |")
    print("|---|---|---|---|---|---|---|")
    total = other = 0
    for descriptor in sorted(folder.glob("*/datapackage.json")):
        d = json.loads(descriptor.read_text(encoding="utf-8"))
        if d["name"] == "corpus":
            continue
        with (descriptor.parent / "data" / "facts.csv").open(encoding="utf-8") as f:
            tables = Counter(r["table"] for r in csv.DictReader(f))
        n = sum(tables.values())
        o = sum(v for k, v in tables.items() if k.startswith("other_"))
        total, other = total + n, other + o
        keys = [f"{r['name']}:{SHORT.get(r.get('identified_by', ''), '?')}" for r in d["resources"]
                if r["name"] not in NOT_TABLES and not r["name"].startswith("other_")]
        others = [f"{r['title']} ({tables.get(r['name'], 0)})" for r in d["resources"]
                  if r["name"].startswith("other_")]
        c = d["consistency"]
        rate = f"{c['passed']}/{c['checks']}" if c["checks"] else "—"
        print(f"| {d['title']} | {d['disclosure_part']} | {' '.join(keys) or '—'} | {n} | {o} | {rate} | "
              f"{'; '.join(others) or '—'} |")
    print(f"\n{total} facts, {other} in other_n tables ({other / max(total, 1):.1%})")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
