"""A PDF page as a grayscale image, at the resolution it was scanned at."""

from __future__ import annotations

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from ..grids.settings import OCR_SETTINGS, OcrSettings


def scan_dpi(page: pdfium.PdfPage, settings: OcrSettings = OCR_SETTINGS) -> float:
    """Pixels per inch of the page's largest image, within the settings' bounds."""
    best: tuple[float, float] | None = None  # (area in points², dpi)
    for image in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE]):
        width_px, _ = image.get_px_size()
        left, bottom, right, top = image.get_bounds()
        area = (right - left) * (top - bottom)
        if width_px > 0 and right - left > 0 and (best is None or area > best[0]):
            best = (area, width_px / ((right - left) / 72))
    if best is None:
        return settings.fallback_dpi
    return min(max(best[1], settings.min_dpi), settings.max_dpi)


def render_gray(page: pdfium.PdfPage, dpi: float) -> np.ndarray:
    """The page as it is displayed (its /Rotate applied), 8-bit gray, white paper."""
    bitmap = page.render(scale=dpi / 72, grayscale=True, may_draw_forms=True)
    image = np.array(bitmap.to_pil().convert("L"))
    bitmap.close()
    return image
