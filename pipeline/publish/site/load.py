"""A published package read back for the site: its descriptor, every resource's rows, its facts."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ...model import Box, Fact, box_of_row
from ..packages import DOC_ID  # the id becomes a folder of the site and part of every link to the document

TEXT_RESOURCES = ("responsibilities", "departments", "narrative_figures", "performance_targets",
                  "performance_indicators", "performance_execution")
NOT_REPORT_TABLES = {"facts", "findings", "indicators", "glossary", *TEXT_RESOURCES}
NOT_LABEL = re.compile(r"^(row_number|page|level|parent_label|code.*|.*_code|line)$")


class Rows(Mapping[str, list[dict]]):
    """A package's rows by resource, each resource read from its CSV the first time it is asked
    for: the site's corpus-level pages read a few small resources of every document, and a
    document whose page is not remade needs no more (docs.py)."""

    def __init__(self, paths: dict[str, Path]):
        self._paths = paths
        self._read: dict[str, list[dict]] = {}

    def __getitem__(self, name: str) -> list[dict]:
        if name not in self._read:
            with self._paths[name].open(encoding="utf-8", newline="") as f:
                self._read[name] = list(csv.DictReader(f))
        return self._read[name]

    def __setitem__(self, name: str, rows: list[dict]) -> None:
        """Rows given rather than read (a package changed in memory, as a test does)."""
        self._read[name] = rows
        self._paths.setdefault(name, Path())

    def forget(self, keep: set[str]) -> None:
        """Drop what was read, but `keep` (read again if asked for)."""
        self._read = {k: v for k, v in self._read.items() if k in keep or not self._paths[k].name}

    def __contains__(self, name: object) -> bool:
        return name in self._paths

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


@dataclass
class Doc:
    folder: Path
    pkg: dict
    rows: Mapping[str, list[dict]] = field(default_factory=dict)

    @property
    def ident(self) -> str:
        return self.pkg["name"]

    def resource(self, name: str) -> dict | None:
        return next((r for r in self.pkg["resources"] if r["name"] == name), None)

    def table_resources(self) -> list[dict]:
        return [r for r in self.pkg["resources"] if r["name"] not in NOT_REPORT_TABLES]

    @cached_property
    def facts(self) -> list[Fact]:
        return [Fact.from_row(r) for r in self.rows.get("facts", [])]

    @cached_property
    def cell_boxes(self) -> dict[tuple[str, str, str], Box]:
        """Where each amount of a report table is printed, by (resource, row number, column
        title): a fact's column is the title of its field."""
        return {(f["table"], f["row_number"], f["column"]): box for f in self.rows.get("facts", [])
                if (box := box_of_row(f))}

    @cached_property
    def cell_confidence(self) -> dict[tuple[str, str, str], str]:
        """How sure OCR was of each amount of a report table (a document read by OCR), keyed as
        cell_boxes."""
        return {(f["table"], f["row_number"], f["column"]): f["confidence"] for f in self.rows.get("facts", [])
                if f.get("confidence")}

    def forget(self, keep: set[str]) -> None:
        """Let go of the rows read for this document's own page, but those in `keep`: a site of
        thousands of documents holds only the little each corpus-level page needs."""
        if isinstance(self.rows, Rows):
            self.rows.forget(keep)
        for kept in ("facts", "cell_boxes", "cell_confidence"):
            self.__dict__.pop(kept, None)

    def printed_page(self, page: str | int) -> int | None:
        """The number the document prints on a PDF page (pipeline/read/page_labels.py), if any."""
        labels = self.pkg.get("page_labels") or {}
        return labels.get(str(page))

    def title_of(self, name: str) -> str:
        """A resource's printed title (findings name tables by key), the key when it has none."""
        r = self.resource(name)
        return str(r.get("title") or name) if r else name


def load_doc(folder: Path) -> Doc:
    pkg = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    if not DOC_ID.fullmatch(str(pkg.get("name", ""))):
        raise ValueError(f"{folder}: package name {pkg.get('name')!r} is not a document id")
    paths = {}
    inside = folder.resolve()
    for r in pkg["resources"]:
        path = (folder / r["path"]).resolve()
        if not path.is_relative_to(inside):
            raise ValueError(f"{folder}: resource {r['name']!r} points outside its package")
        paths[r["name"]] = path
    return Doc(folder, pkg, Rows(paths))


def label_field(resource: dict) -> str | None:
    """The field that names a row (indented by its level on the page)."""
    return next((f["name"] for f in resource["schema"]["fields"]
                 if f["type"] == "string" and not NOT_LABEL.match(f["name"])), None)


def read_resource(folder: Path, name: str) -> list[dict]:
    """One resource's rows of a package, without reading the others (the corpus' facts are large)."""
    pkg = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    resource = next((r for r in pkg["resources"] if r["name"] == name), None)
    if resource is None:
        return []
    path = (folder / resource["path"]).resolve()
    if not path.is_relative_to(folder.resolve()):
        raise ValueError(f"{folder}: resource {name!r} points outside its package")
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))
