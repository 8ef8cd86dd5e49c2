"""A document's downloads besides its package's own files: the package as a zip, an Excel
workbook with a sheet per resource, and each CSV again with a byte order mark for Excel.

Excel on Chinese Windows reads a CSV without a BOM as GBK and garbles it; a BOM makes it read
UTF-8. The package's own CSVs stay as they are (their bytes and sha256 are in datapackage.json,
and programs that read them would see the BOM as part of the first field's name), so the
copies for Excel sit beside the package, in excel-csv/, with the fields' Chinese titles as
their header row (the rows are the package's bytes; its own files keep the field names). A
`page` is the PDF's page, counted from the first sheet; where the document prints other numbers
on its pages (the descriptor's `page_labels`), the copies for Excel and the workbook say so in the
header (PDF页码) and add the number printed on the page beside it (印刷页码), as the site names
pages."""

from __future__ import annotations

import csv
import io
import re
import struct
import zipfile
from pathlib import Path

from ...files import atomic_path
from ..spreadsheet import FORMULA_PREFIXES
from ..spreadsheet import text_cell as _text  # PDF text is never a formula
from .load import Doc

EXCEL_CSV = "excel-csv"
BOM = b"\xef\xbb\xbf"
# Characters Excel refuses in a sheet name; it also refuses a name starting or ending with '.
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_MAX = 31
CONTENTS_SHEET = "目录"
PDF_PAGE, PRINTED_PAGE = "PDF页码", "印刷页码"


def _printed_after_page(fields: list[dict], labels: dict) -> int | None:
    """The index after a resource's `page` field, where the printed page number goes; None when
    it has no page field or the document prints no page numbers of its own."""
    names = [f["name"] for f in fields]
    return names.index("page") + 1 if labels and "page" in names else None


def _zip_info(name: str) -> zipfile.ZipInfo:
    """A fixed timestamp: the same package gives the same zip."""
    info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def add_folder(z: zipfile.ZipFile, folder: Path, prefix: str) -> None:
    for f in sorted(p for p in folder.rglob("*") if p.is_file()):
        z.writestr(_zip_info(f"{prefix}/{f.relative_to(folder).as_posix()}"), f.read_bytes())


def zip_package(doc: Doc, path: Path) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        add_folder(z, doc.folder, doc.ident)


def zip_folders(folders: list[tuple[Path, str]], path: Path) -> None:
    """Several package folders in one zip, each under its name; written under a temporary name."""
    with atomic_path(path) as tmp, zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for folder, prefix in folders:
            add_folder(z, folder, prefix)


def join_zips(zips: list[Path], path: Path) -> None:
    """One zip holding every member of several, each member's compressed bytes copied as they are:
    the zip of every package is the packages' own zips joined, never compressed again (remade
    whenever one package changes, it would otherwise cost a compression of them all).

    zipfile writes only members it compresses itself, so the copied members are written to its
    file and listed in its directory the way its own writestr does (ZipFile.fp, filelist,
    NameToInfo, start_dir): the zip it closes has the same layout."""
    with atomic_path(path) as tmp, zipfile.ZipFile(tmp, "w") as out:
        for source in zips:
            with zipfile.ZipFile(source) as z, source.open("rb") as raw:
                for info in z.infolist():
                    if info.filename in out.NameToInfo:
                        raise ValueError(f"{source}: {info.filename} is in another of the zips joined")
                    raw.seek(info.header_offset)
                    name_length, extra_length = struct.unpack("<HH", raw.read(30)[26:30])
                    raw.seek(info.header_offset + 30 + name_length + extra_length)
                    info.header_offset = out.fp.tell()
                    info.flag_bits &= ~0x08  # sizes and CRC in the local header, as written here
                    info.extra = zipfile._strip_extra(info.extra, (1,))  # type: ignore[attr-defined]  # zip64: FileHeader adds its own
                    out.fp.write(info.FileHeader())
                    left = info.compress_size
                    while left:  # in pieces: the corpus' largest member is tens of MB
                        piece = raw.read(min(left, 1 << 20))
                        out.fp.write(piece)
                        left -= len(piece)
                    out.filelist.append(info)
                    out.NameToInfo[info.filename] = info
        out.start_dir = out.fp.tell()
        out._didModify = True


def sheet_titles(resources: list[dict]) -> dict[str, str]:
    """Each resource's sheet name: its printed title made acceptable to Excel (at most 31
    characters, none of []:*?/\\, no ' at either end, unique regardless of case), else its name."""
    used = {CONTENTS_SHEET.lower()}
    out = {}
    for r in resources:
        base = SHEET_FORBIDDEN.sub("_", str(r.get("title") or r["name"])).strip().strip("'") or r["name"]
        title, n = base[:SHEET_MAX], 2
        while title.lower() in used:
            suffix = f"_{n}"
            title = base[: SHEET_MAX - len(suffix)] + suffix
            n += 1
        used.add(title.lower())
        out[r["name"]] = title
    return out


def _sheet(wb, resource: dict, rows: list[dict], title: str, labels: dict) -> None:
    ws = wb.create_sheet(title=title)
    fields = list(resource["schema"]["fields"])
    at = _printed_after_page(fields, labels)
    if at is not None:
        fields[at - 1] = {**fields[at - 1], "title": PDF_PAGE}
        fields.insert(at, {"name": "printed_page", "title": PRINTED_PAGE, "type": "integer"})
        rows = [{**r, "printed_page": str(labels.get(str(r.get("page", "")), ""))} for r in rows]
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


def _contents(wb, doc: Doc, sheets: dict[str, str]) -> None:
    """The first sheet: which sheet holds which resource, so a reader can find a table by name."""
    ws = wb.create_sheet(title=CONTENTS_SHEET)
    ws.append([_text(ws, str(doc.pkg.get("title", "")))])
    ws.append(["工作表", "资源名", "标题", "单位", "行数"])
    for r in doc.pkg["resources"]:
        ws.append([_text(ws, sheets[r["name"]]), r["name"], _text(ws, str(r.get("title", ""))),
                   _text(ws, str(r.get("unit", ""))), len(doc.rows[r["name"]])])


def write_downloads(doc: Doc, out: Path) -> None:
    from openpyxl import Workbook

    zip_package(doc, out / f"{doc.ident}.zip")
    book = Workbook(write_only=True)
    sheets = sheet_titles(doc.pkg["resources"])
    _contents(book, doc, sheets)
    labels = doc.pkg.get("page_labels") or {}
    for r in doc.pkg["resources"]:
        _sheet(book, r, doc.rows[r["name"]], sheets[r["name"]], labels)
    book.save(out / f"{doc.ident}.xlsx")
    write_excel_csvs(doc.folder, doc.pkg["resources"], out / EXCEL_CSV, labels)


def titled_header(resource: dict, printed_page: bool = False) -> bytes:
    """A resource's header row in Chinese: each field's title (its name where it has none). A
    title can be a header the PDF printed: one Excel would take for a formula gets a space first.
    With `printed_page`, the page is named PDF页码 and 印刷页码 follows it."""
    titles = [str(f.get("title") or f["name"]) for f in resource["schema"]["fields"]]
    if printed_page:
        at = [f["name"] for f in resource["schema"]["fields"]].index("page")
        titles[at: at + 1] = [PDF_PAGE, PRINTED_PAGE]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow([f" {t}" if t.startswith(FORMULA_PREFIXES) else t for t in titles])
    return buf.getvalue().encode("utf-8")


def write_excel_csvs(folder: Path, resources: list[dict], out: Path, labels: dict | None = None) -> None:
    """Each resource's CSV with a BOM and its header row in Chinese, named as in the package
    (data/x.csv → excel-csv/x.csv); the rows after the header are the package's bytes, but for
    the printed page number added after the PDF's page where the document prints its own
    (`labels`, the descriptor's page_labels)."""
    out.mkdir(parents=True, exist_ok=True)
    for r in resources:
        data = (folder / r["path"]).read_bytes().removeprefix(BOM)
        rows = data.split(b"\n", 1)[1] if b"\n" in data else b""  # field names hold no line break
        at = _printed_after_page(r["schema"]["fields"], labels or {})
        if at is not None and rows:
            buf = io.StringIO()
            writer = csv.writer(buf, lineterminator="\n")
            for row in csv.reader(io.StringIO(rows.decode("utf-8"), newline="")):
                page = row[at - 1] if len(row) >= at else ""  # a short row keeps its place
                writer.writerow([*row[:at], str((labels or {}).get(page, "")), *row[at:]])
            rows = buf.getvalue().encode("utf-8")
        (out / Path(r["path"]).name).write_bytes(BOM + titled_header(r, at is not None) + rows)
