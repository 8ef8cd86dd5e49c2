"""Text recognition: rapidocr with the PP-OCR models its wheel ships, on onnxruntime (CPU).

Nothing is downloaded: the model files are named explicitly from the installed package, and a
missing one is an error, never a download. One engine per process, made on first use; the
worker pool gives each worker its share of the cores (`set_threads`). onnxruntime on the CPU
gives the same result with any number of threads, so the thread count never changes output.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import cv2
import numpy as np

from ..grids.settings import OCR_SETTINGS, OcrSettings

MODELS = {"Det": "PP-OCRv6_det_small.onnx", "Rec": "PP-OCRv6_rec_small.onnx"}


@dataclass(frozen=True)
class OcrChar:
    text: str
    confidence: float
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class OcrLine:
    """One recognised text line, in pixels of the image it was read from."""

    text: str
    confidence: float
    x0: float
    top: float
    x1: float
    bottom: float
    chars: tuple[OcrChar, ...]


_engine = None
_engine_pid = 0  # a worker forked from a process that had an engine makes its own (threads do not survive a fork)
_threads: int | None = None


def set_threads(n: int) -> None:
    """Intra-op threads of this process's engine (set before its first use)."""
    global _threads
    _threads = max(1, n)


def model_dir() -> Path:
    import rapidocr

    return Path(rapidocr.__file__).resolve().parent / "models"


def fingerprint(settings: OcrSettings = OCR_SETTINGS) -> str:
    """Everything besides the image that decides what the engine reads (for the cache key)."""
    versions = [f"{p}={metadata.version(p)}" for p in ("rapidocr", "onnxruntime")]
    return ";".join([*versions, *MODELS.values(), f"side={settings.detect_max_side}",
                     f"score={settings.min_line_confidence}"])


def _get_engine(settings: OcrSettings):
    global _engine, _engine_pid
    if _engine is None or _engine_pid != os.getpid():
        from rapidocr import RapidOCR

        paths = {k: model_dir() / name for k, name in MODELS.items()}
        missing = [str(p) for p in paths.values() if not p.is_file()]
        if missing:
            raise RuntimeError(f"OCR model files missing from the rapidocr package: {', '.join(missing)}")
        threads = _threads or os.cpu_count() or 1
        _engine = RapidOCR(params={
            "Global.log_level": "critical",
            "Global.use_cls": False,  # orientation is settled for the whole page (`scan`)
            "Global.text_score": settings.min_line_confidence,
            "Global.max_side_len": 10000,  # recognition reads the full-resolution image
            "Det.model_path": str(paths["Det"]),
            "Det.limit_side_len": settings.detect_max_side,
            "Det.limit_type": "max",
            "Rec.model_path": str(paths["Rec"]),
            "EngineConfig.onnxruntime.intra_op_num_threads": threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        })
        _engine_pid = os.getpid()
    return _engine


def _bgr(gray: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR) if gray.ndim == 2 else gray


def _spread(text: str, confidence: float, x0: float, top: float, x1: float, bottom: float) -> list[OcrChar]:
    """A word boxed as a whole, as characters side by side (narrow ones half as wide)."""
    text = text.replace(" ", "")
    if not text:
        return []
    weights = [0.5 if ch <= "~" else 1.0 for ch in text]  # Latin letters and digits are half as wide as CJK
    unit = (x1 - x0) / sum(weights)
    out, x = [], x0
    for ch, w in zip(text, weights, strict=True):
        out.append(OcrChar(ch, confidence, x, top, x + w * unit, bottom))
        x += w * unit
    return out


def _quad_box(quad) -> tuple[float, float, float, float]:
    xs = [float(p[0]) for p in quad]
    ys = [float(p[1]) for p in quad]
    return min(xs), min(ys), max(xs), max(ys)


def run_engine(gray: np.ndarray, settings: OcrSettings = OCR_SETTINGS) -> list[dict]:
    """What the engine returns for the image, as plain data (what the cache keeps): per text line
    its box, text, score and words (text, score, box)."""
    result = _get_engine(settings)(_bgr(gray), use_det=True, use_cls=False, use_rec=True, return_word_box=True)
    if result.boxes is None or result.txts is None:
        return []
    words = result.word_results if result.word_results and len(result.word_results) == len(result.txts) else None
    return [{"box": [[float(x), float(y)] for x, y in quad], "text": str(text), "score": float(score),
             "words": [[str(w), float(ws), [[float(x), float(y)] for x, y in wq]] for w, ws, wq in words[k]]
             if words else []}
            for k, (quad, text, score) in enumerate(zip(result.boxes, result.txts, result.scores, strict=True))]


def to_lines(raw: list[dict]) -> list[OcrLine]:
    """The engine's output as text lines with a box per character."""
    lines = []
    for item in raw:
        text, score = item["text"], item["score"]
        x0, top, x1, bottom = _quad_box(item["box"])
        chars: list[OcrChar] = []
        for word, word_score, word_quad in item["words"]:
            wx0, _, wx1, _ = _quad_box(word_quad)
            chars += _spread(word, word_score, wx0, top, wx1, bottom)
        if "".join(c.text for c in chars) != text.replace(" ", ""):
            chars = _spread(text, score, x0, top, x1, bottom)  # no usable character boxes
        lines.append(OcrLine(text, score, x0, top, x1, bottom, tuple(_close_gaps(chars, text))))
    return lines


def recognise(gray: np.ndarray, settings: OcrSettings = OCR_SETTINGS) -> list[OcrLine]:
    """Every text line the engine finds in the image, with its characters' boxes."""
    return to_lines(run_engine(gray, settings))


def _close_gaps(chars: list[OcrChar], text: str) -> list[OcrChar]:
    """Characters of one recognised line reach to the next one, except where the recogniser read
    a space: its character boxes are narrower than the type, so letter-spaced or justified print
    would otherwise show gaps wide enough to read as word spaces."""
    spaced, k = set(), 0
    for ch in text:
        if ch == " ":
            spaced.add(k)
        else:
            k += 1
    out = list(chars)
    for i in range(len(out) - 1):
        if i + 1 not in spaced and out[i + 1].x0 > out[i].x1:
            out[i] = dataclasses.replace(out[i], x1=out[i + 1].x0)
    return out


def read_crop(gray: np.ndarray, settings: OcrSettings = OCR_SETTINGS) -> tuple[str, float]:
    """The text of an image holding one line, and the engine's confidence in it."""
    result = _get_engine(settings)(_bgr(gray), use_det=False, use_cls=False, use_rec=True, return_word_box=False)
    if not result.txts:
        return "", 0.0
    return str(result.txts[0]), float(result.scores[0])
