"""Write a Frictionless Data Package (v2) atomically: build in a temp folder, then rename.

Every descriptor written here declares the v2 profile, a `version`, and for each resource the
byte count and sha256 of its CSV, so that a reader can check a download without trusting us.
Field constraints come from the field names: key fields are required, and fields with a closed
vocabulary (the contract's Comparable figures) carry it as an `enum`.
"""

from __future__ import annotations

import csv
import fcntl
import hashlib
import io
import json
import os
import re
import shutil
import socket
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from ..files import swap_folder
from ..model import Field, InputError, Resource
from ..tables.comparable import measures
from ..tables.indicators import SOURCES, STATUSES

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
# The release of the pipeline that wrote a package (pyproject.toml's version; a test keeps them
# equal): the same PDF and version give the same bytes, so this identifies the package's content.
VERSION = "0.1.0"

LICENSE = {
    "name": "ODC-PDDL-1.0",
    "path": "https://opendatacommons.org/licenses/pddl/",
    "title": "Open Data Commons Public Domain Dedication and License v1.0",
}

# Closed vocabularies, wherever a field of this name occurs (data contract: Package, Comparable
# figures). A new `measure` must be added here and listed in the docs, or validation fails.
FIELD_ENUMS: dict[str, list[str]] = {
    # every value vocabulary.toml [[measure]] can give (the contract's list and the project's additions)
    "measure": measures(),
    "phase": ["approved", "adjusted", "executed"],
    "classification": ["functional", "economic"],
    "severity": ["error", "warning"],
    "document_type": ["unit_budget", "department_budget", "unit_final_account", "department_final_account"],
    "direction": ["income", "expenditure"],
    "status": list(STATUSES),
    "scope": ["department", "department_own", "unit"],
    "source": list(SOURCES),
}

# Descriptor properties first in this order (v2 puts `$schema` first); the rest keep theirs.
_LEADING = ("$schema", "name", "title", "description", "version", "created")


class Written:
    """A CSV file as it was written: its size, sha256 and rows (a binary file that counts and
    hashes what goes through it)."""

    def __init__(self, f) -> None:
        self.f, self.size, self.sha, self.rows = f, 0, hashlib.sha256(), 0

    def write(self, data: bytes) -> None:
        self.f.write(data)
        self.size += len(data)
        self.sha.update(data)


def write_csv(resource: Resource, f) -> Written:
    """The resource as the CSV file the package holds (UTF-8, header row, \\n line ends), written
    to the binary file `f` row by row (`rows` may be any iterable: a corpus streams them)."""
    out = Written(f)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    # with \n line ends the writer leaves a carriage return unquoted, and readers would end the
    # row there: a row holding one is written with every field quoted (read back the same)
    quoted = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_ALL)
    w.writerow([f.name for f in resource.fields])
    for n, row in enumerate(resource.in_order(), 1):
        (quoted if any(isinstance(v, str) and "\r" in v for v in row) else w).writerow(row)
        if n % 1000 == 0:
            out.write(buf.getvalue().encode("utf-8"))
            buf.seek(0)
            buf.truncate()
        out.rows = n
    out.write(buf.getvalue().encode("utf-8"))
    return out


def csv_bytes(resource: Resource) -> bytes:
    """The resource's CSV file as bytes (write_csv)."""
    f = io.BytesIO()
    write_csv(resource, f)
    return f.getvalue()


def _as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def foreign_key(fk: dict) -> dict:
    """A foreign key in the v2 array form; a reference to the resource itself omits `resource`."""
    reference = {"fields": _as_list(fk["reference"]["fields"])}
    if fk["reference"].get("resource"):
        reference = {"resource": fk["reference"]["resource"], **reference}
    return {"fields": _as_list(fk["fields"]), "reference": reference}


def _field_descriptor(field: Field, keys: set[str]) -> dict:
    d = field.descriptor()
    constraints = dict(d.get("constraints", {}))
    if field.name in keys:
        constraints["required"] = True
    if field.name in FIELD_ENUMS and field.type == "string":
        constraints["enum"] = FIELD_ENUMS[field.name]
    if constraints:
        d["constraints"] = constraints
    return d


def resource_descriptor(resource: Resource, written: Written | None = None) -> dict:
    """The resource's descriptor; given its CSV file as written (write_csv), with `bytes` and
    `hash` (sha256:<hex>)."""
    schema: dict = {"fields": [_field_descriptor(f, set(resource.primary_key)) for f in resource.fields]}
    if resource.primary_key:
        schema["primaryKey"] = resource.primary_key
    if resource.foreign_keys:
        schema["foreignKeys"] = [foreign_key(fk) for fk in resource.foreign_keys]
    d = {
        "name": resource.name,
        "path": f"data/{resource.name}.csv",
        "type": "table",
        "scheme": "file",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
    }
    if written is not None:
        d["bytes"] = written.size
        d["hash"] = f"sha256:{written.sha.hexdigest()}"
    d["title"] = resource.title
    d["description"] = resource.description
    d.update(resource.extra)
    d["schema"] = schema
    return d


def package_descriptor(descriptor: dict, resources: list[dict]) -> dict:
    """The whole datapackage.json: v2 profile, version, the given properties, then resources."""
    d = {"$schema": PROFILE, **descriptor, "version": descriptor.get("version", VERSION)}
    ordered = {k: d[k] for k in _LEADING if k in d}
    ordered.update((k, v) for k, v in d.items() if k not in ordered)
    ordered["resources"] = resources
    return ordered


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


# A package is written in seconds, so a temporary folder an hour old was left by a build that was
# killed (or lost its machine) before it could clean up; one whose process is gone on this
# machine is left over at once.
STALE_SECONDS = 3600
_HOST = re.sub(r"[^A-Za-z0-9]", "_", socket.gethostname())[:40] or "host"
_TEMP = re.compile(r"^\..+\.(?P<host>[A-Za-z0-9_]+)-(?P<pid>\d+)\.[^.]+\.(tmp|old)$|^\..+\.(tmp|old)$")


def _temp_prefix(name: str) -> str:
    """Temporary folders name their package, machine and process: `.<name>.<host>-<pid>.<random>.tmp`."""
    return f".{name}.{_HOST}-{os.getpid()}."


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def clean_stale(out_dir: Path, max_age: float = STALE_SECONDS) -> list[str]:
    """Remove the temporary folders (`.<name>.….tmp`, `.….old`) that interrupted builds left in
    out_dir: older than max_age, or made by a process of this machine that is gone. Returns their names."""
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        return []
    removed = []
    now = time.time()
    with _locked(out_dir):
        for p in sorted(out_dir.iterdir()):
            m = _TEMP.match(p.name)
            if not m or not p.is_dir() or p.is_symlink():
                continue
            gone = m["host"] == _HOST and not _running(int(m["pid"]))
            if gone or now - p.stat().st_mtime > max_age:
                shutil.rmtree(p, ignore_errors=True)
                removed.append(p.name)
    return removed


def package_problem(descriptor: Path) -> str:
    """The first thing Frictionless finds wrong with a written package ('' when it is valid): the
    same validation as `frictionless validate`, so that no invalid package is ever published."""
    from frictionless import validate

    report = validate(str(descriptor))
    if report.valid:
        return ""
    errors = report.flatten(["type", "note"])
    return f"{errors[0][0]}: {errors[0][1]}" if errors else "not valid"


def write_package(descriptor: dict, resources: list[Resource], out_dir: Path,
                  describe: Callable[[dict[str, int]], dict] | None = None) -> Path:
    """Write DIR/<name>/ as a whole or not at all; returns the package folder. `describe`, given
    the rows each resource got, returns descriptor properties that say so (a corpus streams its
    rows, and knows how many only once they are written)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    final = out_dir / descriptor["name"]
    tmp = Path(tempfile.mkdtemp(prefix=_temp_prefix(descriptor["name"]), suffix=".tmp", dir=out_dir))
    try:
        (tmp / "data").mkdir()
        described, counts = [], {}
        for r in resources:
            with (tmp / "data" / f"{r.name}.csv").open("wb") as f:
                written = write_csv(r, f)
            described.append(resource_descriptor(r, written))
            counts[r.name] = written.rows
        if describe is not None:
            descriptor = {**descriptor, **describe(counts)}
        text = json.dumps(package_descriptor(descriptor, described), ensure_ascii=False, indent=2) + "\n"
        (tmp / "datapackage.json").write_text(text, encoding="utf-8")
        if problem := package_problem(tmp / "datapackage.json"):
            raise InputError(f"invalid package: {problem}")
        os.chmod(tmp, 0o755)
        with _locked(out_dir):
            old = swap_folder(tmp, final, _temp_prefix(descriptor["name"]))
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return final
