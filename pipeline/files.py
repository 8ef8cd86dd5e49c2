"""Writing a file so that no reader ever sees it half-written: one definition, used by every
stage that writes a file (a package folder is swapped whole by package/write.py)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A fresh path beside `path` to write to (it does not exist yet: a database may create it):
    it replaces `path` when the block ends well, and it and its companions (.wal, -journal) are
    removed when it does not."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    tmp.unlink()
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        for left in (tmp, tmp.with_name(tmp.name + ".wal"), tmp.with_name(tmp.name + "-journal")):
            left.unlink(missing_ok=True)


def write_atomic(path: Path, data: str | bytes) -> None:
    """`data` as the whole of `path` (text as UTF-8), all or nothing."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def swap_folder(tmp: Path, final: Path, prefix: str | None = None) -> Path | None:
    """Put the finished folder `tmp` where `final` is, by two renames (the old one moved aside
    first, into a `.old` folder named with `prefix`), so that `final` is never half-written;
    returns that `.old` folder for the caller to remove (outside any lock it holds)."""
    old = None
    if final.exists():
        old = Path(tempfile.mkdtemp(prefix=prefix or f".{final.name}.", suffix=".old", dir=final.parent))
        os.replace(final, old / final.name)
    os.replace(tmp, final)
    return old
