"""The site's own page viewer: pdf.js (installed by npm from package-lock.json, see the Makefile)
copied into the docs folder, so that an amount's link opens the source PDF at its page on a phone
as on a desktop, from this site and no other host. Only the files the browser loads are copied:
the legacy build (older phone browsers), its worker, the character maps Chinese fonts that are
not embedded need, the standard fonts, and the licence."""

from __future__ import annotations

from pathlib import Path

from ...files import write_atomic
from ...run.deps import PACKAGE

PDFJS = PACKAGE.parent / "node_modules" / "pdfjs-dist"
# source in the npm package → name in assets/pdfjs/ ('.js': every server gives it a JavaScript
# type, which a module script needs; not every server knows '.mjs')
FILES = {"legacy/build/pdf.min.mjs": "pdf.min.js", "legacy/build/pdf.worker.min.mjs": "pdf.worker.min.js",
         "LICENSE": "LICENSE.txt"}  # '.txt': shown by a browser, not downloaded
FOLDERS = {"cmaps": "cmaps", "standard_fonts": "standard_fonts"}


class ViewerMissing(RuntimeError):
    """pdf.js is not installed where the site build looks for it."""


def pdfjs_files(pdfjs: Path = PDFJS) -> dict[str, Path]:
    """Every file the viewer needs: its path under assets/pdfjs/ → the installed file."""
    if not (pdfjs / "package.json").is_file():
        raise ViewerMissing(f"站点的页面阅读器需要 pdf.js，但 {pdfjs} 中没有：请先运行 make（它执行 npm ci）")
    files = {name: pdfjs / source for source, name in FILES.items()}
    for source, name in FOLDERS.items():
        files.update({f"{name}/{f.name}": f for f in sorted((pdfjs / source).iterdir()) if f.is_file()})
    return files


def copy_viewer(assets: Path, pdfjs: Path = PDFJS) -> None:
    """assets/pdfjs/ as installed, and nothing else (a file an older pdf.js had is removed); a
    file already the same is left alone (Make and mkdocs' dirty build stay quiet)."""
    files = pdfjs_files(pdfjs)
    folder = assets / "pdfjs"
    if folder.is_dir():
        for old in [f for f in folder.rglob("*") if f.is_file() and f.relative_to(folder).as_posix() not in files]:
            old.unlink()
    for name, source in files.items():
        target = assets / "pdfjs" / name
        data = source.read_bytes()
        if target.exists() and target.stat().st_size == len(data) and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
