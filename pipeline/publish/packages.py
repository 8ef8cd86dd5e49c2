"""The document packages a publishing stage reads: every package folder under a folder, and which
of them can be read. One package that cannot be read is reported and left out; the others are
still published (the corpus, the exports and the site never stop at one)."""

from __future__ import annotations

import hashlib
import json
import re
import sys
import time
from pathlib import Path

CORPUS_NAME = "corpus"
DOC_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def package_folders(packages: Path) -> list[Path]:
    """Every document package folder (one with a datapackage.json) under `packages`, by name; not
    the corpus, not a folder a build is still writing (.tmp, hidden)."""
    return sorted(p.parent for p in packages.glob("*/datapackage.json")
                  if p.parent.name != CORPUS_NAME and not p.parent.name.startswith("."))


class Verified:
    """Each data file's sha256 as last read, by path, size and modification time, kept between
    runs in one JSON file: a site rebuilt after one package changed hashes that package's files,
    not every package's (a file rewritten keeps neither its size and time nor its entry)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.known: dict[str, list] = {}
        self.seen: dict[str, list] = {}
        if path is not None and path.exists():
            try:
                loaded = json.loads(path.read_text(encoding="utf-8"))
                self.known = loaded if isinstance(loaded, dict) else {}
            except (OSError, ValueError):
                self.known = {}

    def size_and_digest(self, path: Path) -> tuple[int, str]:
        stat = path.stat()
        # ctime and inode too: a copy that keeps the time (cp -p, rsync -a) still gets a new ctime
        key = [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]
        hit = self.known.get(str(path))
        if isinstance(hit, list) and len(hit) == 5 and hit[:4] == key:
            self.seen[str(path)] = hit
            return stat.st_size, str(hit[4])
        data = path.read_bytes()
        digest = "sha256:" + hashlib.sha256(data).hexdigest()
        if time.time() - stat.st_mtime > 2:  # a file just written may change again within its time's tick
            self.seen[str(path)] = [*key, digest]
        return len(data), digest

    def save(self) -> None:
        """Keep what this run read (files gone since are forgotten)."""
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(self.path.name + ".tmp")
            tmp.write_text(json.dumps(self.seen), encoding="utf-8")
            tmp.replace(self.path)


def package_fault(folder: Path, verified: Verified | None = None) -> str:
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
            size, digest = (verified or Verified()).size_and_digest(path)
        except OSError:
            return f"unreadable package: {r['path']} is missing"
        if r.get("bytes", size) != size or r.get("hash", digest) != digest:
            return f"unreadable package: {r['path']} is not the file its descriptor describes (changed or cut off)"
    return ""


def readable_packages(packages: Path, quiet: bool = False,
                      verified: Path | None = None) -> tuple[list[Path], list[tuple[str, str]]]:
    """The package folders that read, and (folder name, reason) for each that does not; each one
    left out is reported on stderr unless `quiet`. `verified`: where the files' digests are kept
    from one run to the next (Verified)."""
    memo = Verified(verified)
    good, skipped = [], []
    for folder in package_folders(packages):
        if fault := package_fault(folder, memo):
            skipped.append((folder.name, fault))
            if not quiet:
                print(f"SKIPPED {folder}: {fault}", file=sys.stderr)
        else:
            good.append(folder)
    memo.save()
    return good, skipped
