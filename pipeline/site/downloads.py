"""A document's downloads besides its CSV files: the package as a zip, and one Excel workbook
with a sheet per resource (Excel on Chinese Windows garbles UTF-8 CSV; a workbook opens as it is)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..spreadsheet import text_cell as _text  # PDF text is never a formula
from .load import Doc


def zip_package(doc: Doc, path: Path) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for f in sorted(p for p in doc.folder.rglob("*") if p.is_file()):
            name = f"{doc.ident}/{f.relative_to(doc.folder).as_posix()}"
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, f.read_bytes())


def _sheet(wb, resource: dict, rows: list[dict], title: str) -> None:
    ws = wb.create_sheet(title=title)
    fields = resource["schema"]["fields"]
    ws.append([_text(ws, f.get("title") or f["name"]) for f in fields])
    ws.append([_text(ws, f["name"]) for f in fields])
    for r in rows:
        out = []
        for f in fields:
            v = r.get(f["name"], "")
            if f["type"] == "number" and v not in ("", None):
                out.append(float(v))
            elif f["type"] == "integer" and v not in ("", None) and v.lstrip("-").isdigit():
                out.append(int(v))
            else:
                out.append(_text(ws, v) if isinstance(v, str) else v)
        ws.append(out)


def _sheet_title(name: str, used: set[str]) -> str:
    title = name[:31]
    n = 2
    while title in used:
        title = f"{name[:28]}_{n}"
        n += 1
    used.add(title)
    return title


def write_downloads(doc: Doc, out: Path) -> None:
    from openpyxl import Workbook

    zip_package(doc, out / f"{doc.ident}.zip")
    book = Workbook(write_only=True)
    used: set[str] = set()
    for r in doc.pkg["resources"]:
        _sheet(book, r, doc.rows[r["name"]], _sheet_title(r["name"], used))
    book.save(out / f"{doc.ident}.xlsx")
