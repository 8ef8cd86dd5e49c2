"""Levelling a scanned page: the skew of a sheet fed askew, and quarter turns.

Skew is found by projection profiles: rotated by the right angle, the page's text lines and
rules fall into few rows and columns, so the row and column sums of its ink vary most. Turning
is judged from the recognised text (`scan`): here are only the image operations."""

from __future__ import annotations

import cv2
import numpy as np

from ..grids.settings import OCR_SETTINGS, OcrSettings


def _profile_score(mask: np.ndarray) -> float:
    rows = mask.sum(axis=1, dtype=np.float64)
    cols = mask.sum(axis=0, dtype=np.float64)
    return float(rows.var() + cols.var())


def rotated(image: np.ndarray, degrees: float, fill: int) -> np.ndarray:
    """The image turned counter-clockwise by `degrees` about its centre, same size, corners
    filled with `fill`."""
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(image, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                          borderValue=fill)


def skew_angle(ink: np.ndarray, settings: OcrSettings = OCR_SETTINGS) -> float:
    """Degrees to turn the page counter-clockwise so its lines run level (0 when it is level
    within min_skew). Works on text and rules alike, and on pages turned a quarter."""
    scale = settings.skew_measure_side / max(ink.shape)
    small = cv2.resize(ink, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else ink
    steps = round(settings.max_skew / settings.skew_step)
    angles = [k * settings.skew_step for k in range(-steps, steps + 1)]
    scores = [_profile_score(rotated(small, a, 0)) for a in angles]
    best = angles[int(np.argmax(scores))]
    return 0.0 if abs(best) < settings.min_skew else best


def deskew(gray: np.ndarray, degrees: float) -> np.ndarray:
    """The page levelled by `degrees` (from skew_angle); white where the corners come in."""
    return gray if degrees == 0 else rotated(gray, degrees, 255)


def quarter_turns(image: np.ndarray, turns: int) -> np.ndarray:
    """The image turned counter-clockwise by `turns` quarters."""
    return np.ascontiguousarray(np.rot90(image, turns % 4))
