"""Write a Frictionless data package atomically: build in a temp folder, then rename."""

from __future__ import annotations

import csv
import fcntl
import io
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from .model import Resource

LICENSE = {
    "name": "ODC-PDDL-1.0",
    "path": "https://opendatacommons.org/licenses/pddl/",
    "title": "Open Data Commons Public Domain Dedication and License v1.0",
}


def _csv_bytes(resource: Resource) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([f.name for f in resource.fields])
    w.writerows(resource.table())
    return buf.getvalue().encode("utf-8")


def resource_descriptor(resource: Resource) -> dict:
    schema: dict = {"fields": [f.descriptor() for f in resource.fields]}
    if resource.primary_key:
        schema["primaryKey"] = resource.primary_key
    if resource.foreign_keys:
        schema["foreignKeys"] = resource.foreign_keys
    d = {
        "name": resource.name,
        "path": f"data/{resource.name}.csv",
        "type": "table",
        "scheme": "file",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": resource.title,
        "description": resource.description,
    }
    d.update(resource.extra)
    d["schema"] = schema
    return d


@contextmanager
def _locked(folder: Path):
    """Hold the folder's lock: two processes may publish the same package at once (one PDF
    under two names, built by `make -j2`), and swapping folders is two renames."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def write_package(descriptor: dict, resources: list[Resource], out_dir: Path) -> Path:
    """Write DIR/<name>/ as a whole or not at all; returns the package folder."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    final = out_dir / descriptor["name"]
    tmp = Path(tempfile.mkdtemp(prefix=f".{descriptor['name']}.", suffix=".tmp", dir=out_dir))
    try:
        (tmp / "data").mkdir()
        descriptor = dict(descriptor)
        descriptor["resources"] = []
        for r in resources:
            (tmp / "data" / f"{r.name}.csv").write_bytes(_csv_bytes(r))
            descriptor["resources"].append(resource_descriptor(r))
        text = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
        (tmp / "datapackage.json").write_text(text, encoding="utf-8")
        os.chmod(tmp, 0o755)
        old = None
        with _locked(out_dir):
            if final.exists():
                old = Path(tempfile.mkdtemp(prefix=f".{descriptor['name']}.", suffix=".old", dir=out_dir))
                os.replace(final, old / "pkg")
            os.replace(tmp, final)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return final
