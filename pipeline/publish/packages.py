"""The document packages a publishing stage reads: every package folder under a folder, and which
of them can be read. One package that cannot be read is reported and left out; the others are
still published (the corpus, the exports and the site never stop at one)."""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

CORPUS_NAME = "corpus"
DOC_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def package_folders(packages: Path) -> list[Path]:
    """Every document package folder (one with a datapackage.json) under `packages`, by name; not
    the corpus, not a folder a build is still writing (.tmp, hidden)."""
    return sorted(p.parent for p in packages.glob("*/datapackage.json")
                  if p.parent.name != CORPUS_NAME and not p.parent.name.startswith("."))


def package_fault(folder: Path) -> str:
    """Why a package cannot be read ('' when it can): its descriptor does not parse or names no
    document id, or a resource's file is missing, outside the folder, or not the bytes its
    descriptor records (size and sha256, as the pipeline wrote them)."""
    try:
        pkg = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as e:
        return f"unreadable package: datapackage.json does not read ({e})"
    if not isinstance(pkg, dict) or not DOC_ID.fullmatch(str(pkg.get("name", ""))):
        return "unreadable package: datapackage.json names no document id"
    resources = pkg.get("resources")
    if not isinstance(resources, list) or not resources:
        return "unreadable package: no resources"
    inside = folder.resolve()
    for r in resources:
        if not isinstance(r, dict) or not isinstance(r.get("path"), str):
            return "unreadable package: a resource has no path"
        path = (folder / r["path"]).resolve()
        if not path.is_relative_to(inside):
            return f"unreadable package: resource {r.get('name')!r} points outside its package"
        try:
            data = path.read_bytes()
        except OSError:
            return f"unreadable package: {r['path']} is missing"
        digest = "sha256:" + hashlib.sha256(data).hexdigest()
        if r.get("bytes", len(data)) != len(data) or r.get("hash", digest) != digest:
            return f"unreadable package: {r['path']} is not the file its descriptor describes (changed or cut off)"
    return ""


def readable_packages(packages: Path, quiet: bool = False) -> tuple[list[Path], list[tuple[str, str]]]:
    """The package folders that read, and (folder name, reason) for each that does not; each one
    left out is reported on stderr unless `quiet`."""
    good, skipped = [], []
    for folder in package_folders(packages):
        if fault := package_fault(folder):
            skipped.append((folder.name, fault))
            if not quiet:
                print(f"SKIPPED {folder}: {fault}", file=sys.stderr)
        else:
            good.append(folder)
    return good, skipped
