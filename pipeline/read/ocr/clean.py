"""Ink and dust: which pixels are printed, and the specks a scanner adds that are not."""

from __future__ import annotations

import cv2
import numpy as np

from ..grids.settings import OCR_SETTINGS, OcrSettings


def px(points: float, dpi: float) -> int:
    """A length in points as a whole number of pixels at this resolution (at least one)."""
    return max(1, round(points * dpi / 72))


def ink(gray: np.ndarray, dpi: float, settings: OcrSettings = OCR_SETTINGS) -> np.ndarray:
    """255 where the page is printed, 0 on paper."""
    window = px(settings.ink_window, dpi) | 1  # odd, as the filter needs
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, window,
                                 settings.ink_contrast)


def remove_specks(gray: np.ndarray, dpi: float, settings: OcrSettings = OCR_SETTINGS) -> np.ndarray:
    """The page with isolated dust erased: blobs no larger than speck_max_size with no other
    ink within speck_isolation. A decimal point, a colon's dots or a comma's head sits close to
    the characters beside it and stays; dust beside print is left to `numbers.stray_marks`."""
    mask = ink(gray, dpi, settings)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    limit = settings.speck_max_size * dpi / 72
    small = (stats[:, cv2.CC_STAT_WIDTH] <= limit) & (stats[:, cv2.CC_STAT_HEIGHT] <= limit)
    small[0] = False  # the background
    if not small.any():
        return gray
    is_small = small[labels]
    others = np.where(is_small, 0, mask).astype(np.uint8)
    reach = 2 * px(settings.speck_isolation, dpi) + 1
    near = cv2.dilate(others, np.ones((reach, reach), np.uint8)) > 0
    kept = set(np.unique(labels[is_small & near]).tolist())
    height, width = gray.shape
    out = gray.copy()
    for i in np.flatnonzero(small):
        if int(i) in kept:
            continue
        x, y, w, h = (int(v) for v in stats[i, :4])
        out[max(0, y - 1): min(height, y + h + 1), max(0, x - 1): min(width, x + w + 1)] = 255
    return out
