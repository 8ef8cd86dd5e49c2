"""What pdfminer may inflate: a cap on every stream it decodes, and a count of streams it could not.

pdfminer decodes a stream whole (`zlib.decompress`, `lzwdecode`) with no bound, so 1 MB of
zlib in a file becomes 1 GiB in memory before one glyph is read. It looks its decoders up as
globals of `pdfminer.pdftypes`; `install()` puts bounded ones in their place, which give the
same bytes for any stream under the cap and raise StreamTooLarge past it.

pdfminer also swallows a stream it cannot inflate at all (corrupt zlib data): the page just
comes out empty, and a damaged file would pass for a scanned one or lose a page's numbers.
Inside `watching()` such streams are counted, so the reader can say the file is damaged.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from pdfminer import pdftypes
from pdfminer.lzw import LZWDecoder

from .limits import current, stream_reason


class StreamTooLarge(Exception):
    """A stream inflates beyond the limit; the message is the document's FAILED reason."""

    def __init__(self, limit: int) -> None:
        super().__init__(stream_reason(limit))


@dataclass
class StreamRecord:
    """What happened to the streams of the document being read."""

    limit: int
    lost: int = 0  # streams whose compressed data could not be inflated at all


# Per thread of work (a Dask worker reads several documents at once in threads).
_record: ContextVar[StreamRecord | None] = ContextVar("stream_record", default=None)


def _limit() -> int:
    record = _record.get()
    return record.limit if record is not None else current().max_stream_bytes


def _check(size: int, limit: int) -> None:
    if limit and size > limit:
        raise StreamTooLarge(limit)


class _Decompressor:
    """zlib.decompressobj that stops at the limit. Output is asked for at most one byte past what
    is left, so a bomb never inflates further; below the limit all input is consumed, as before."""

    def __init__(self, *args: Any) -> None:
        self._d = zlib.decompressobj(*args)
        self._limit = _limit()
        self._size = 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        if self._limit:
            room = self._limit - self._size + 1
            max_length = min(max_length, room) if max_length else room
        out = self._d.decompress(data, max_length)
        self._size += len(out)
        _check(self._size, self._limit)
        return out

    def flush(self, *args: Any) -> bytes:
        out = self._d.flush(*args)
        self._size += len(out)
        _check(self._size, self._limit)
        return out

    def __getattr__(self, name: str) -> Any:  # eof, unused_data, unconsumed_tail
        return getattr(self._d, name)


class _BoundedZlib:
    """The zlib module as pdfminer sees it: decompress and decompressobj bounded, the rest as is."""

    error = zlib.error

    @staticmethod
    def decompress(data: bytes, wbits: int = zlib.MAX_WBITS, bufsize: int = zlib.DEF_BUF_SIZE) -> bytes:
        d = _Decompressor(wbits)
        out = d.decompress(data)
        if not d.eof:  # what zlib.decompress says of a cut-off stream (pdfminer then tries harder)
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out

    decompressobj = _Decompressor

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


def _lzwdecode(data: bytes) -> bytes:
    limit, size, parts = _limit(), 0, []
    for part in LZWDecoder(BytesIO(data)).run():
        size += len(part)
        _check(size, limit)
        parts.append(part)
    return b"".join(parts)


_corrupted = pdftypes.decompress_corrupted


def _decompress_corrupted(data: bytes) -> bytes:
    """pdfminer's second try at a stream zlib refused; when that fails too, the stream's data is lost."""
    try:
        return _corrupted(data)
    except zlib.error:
        record = _record.get()
        if record is not None:
            record.lost += 1
        raise


def install() -> None:
    """Bound every stream pdfminer decodes in this process (idempotent)."""
    if isinstance(pdftypes.zlib, _BoundedZlib):
        return
    pdftypes.zlib = _BoundedZlib()  # type: ignore[assignment]
    pdftypes.lzwdecode = _lzwdecode
    pdftypes.decompress_corrupted = _decompress_corrupted


@contextmanager
def watching(limit: int) -> Iterator[StreamRecord]:
    """Streams decoded in this block are bounded by `limit` (0: none) and counted when lost."""
    install()
    record = StreamRecord(limit)
    token = _record.set(record)
    try:
        yield record
    finally:
        _record.reset(token)
