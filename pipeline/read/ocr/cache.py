"""What the recognition engine returned, cached by the content of the page image it read.

The key is a hash of the image's pixels and of everything else that decides the engine's output
(engine and model versions, detection settings: `engine.fingerprint`), and an entry holds that
output exactly as the engine gave it (everything made of it is made again on every build), so a
cached entry is what reading the image again would give: output depends on the PDF alone, and a
rebuild skips recognition. Entries are written whole (temp file, then rename), so workers
building in parallel never read half an entry.

The cache lives in build/ocr-cache/ of the checkout, or where PIPELINE_OCR_CACHE says;
PIPELINE_OCR_CACHE=off turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import numpy as np

from ...files import write_atomic
from ..grids.settings import OCR_SETTINGS, OcrSettings
from .engine import OcrLine, fingerprint, run_engine, to_lines

ENV = "PIPELINE_OCR_CACHE"
DEFAULT = Path(__file__).resolve().parents[3] / "build" / "ocr-cache"
FORMAT = "2"  # bump when the entry layout changes


def cache_dir() -> Path | None:
    value = os.environ.get(ENV)
    if value is None:
        return DEFAULT
    return None if value.strip().lower() in ("", "off", "0", "none") else Path(value)


def image_key(gray: np.ndarray, settings: OcrSettings = OCR_SETTINGS) -> str:
    h = hashlib.sha256()
    h.update(f"{FORMAT};{fingerprint(settings)};{gray.shape};{gray.dtype}".encode())
    h.update(np.ascontiguousarray(gray).tobytes())
    return h.hexdigest()


def _load(path: Path) -> list[dict] | None:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return raw if isinstance(raw, list) else None
    except (OSError, ValueError):
        return None  # absent or unreadable: read the image again


def _store(path: Path, raw: list[dict]) -> None:
    try:
        write_atomic(path, json.dumps(raw, ensure_ascii=False))
    except OSError:
        pass  # a read-only or full disk only costs the next build its time


def recognise_cached(gray: np.ndarray, settings: OcrSettings = OCR_SETTINGS) -> list[OcrLine]:
    """`engine.recognise`, with the engine's output from the cache where this image was read before."""
    folder = cache_dir()
    if folder is None:
        return to_lines(run_engine(gray, settings))
    key = image_key(gray, settings)
    path = folder / key[:2] / f"{key}.json"
    raw = _load(path)
    if raw is None:
        raw = run_engine(gray, settings)
        _store(path, raw)
    return to_lines(raw)
