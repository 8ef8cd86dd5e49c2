"""An amount read by OCR with low confidence is reported, for a look at the page.

Nothing is corrected: the finding names the cell (table, row, column, page), what the
recogniser read there and how sure it was (its least certain character)."""

from __future__ import annotations

from decimal import Decimal

from ..amounts import format_amount, format_decimal
from ..model import Finding, Outcome
from ..read.grids.settings import OCR_SETTINGS
from .model import Context

RULE = "ocr_low_confidence"
LABEL = "识别置信度低"
DESCRIPTION = "扫描件中识别（OCR）出的金额足够可靠"
POSITION = 220


def check(ctx: Context) -> list[Outcome]:
    out: list[Outcome] = []
    for f in ctx.facts:
        if f.confidence is None or f.confidence >= OCR_SETTINGS.low_confidence:
            continue
        amount = format_decimal(f.amount)
        taken = "" if f.ocr_text in ("", amount) else f"，按 {format_amount(f.amount)} 计"
        message = (f"此格识别为“{f.ocr_text or amount}”{taken}，识别置信度 {f.confidence:.2f}"
                   f"（低于 {OCR_SETTINGS.low_confidence}），请对照原文第 {f.page} 页核对。")
        finding = Finding(RULE, "warning", f.table, f.row_code, f.row_label, f.column, f.page, f.amount, f.amount,
                          Decimal(0), message)
        out.append(Outcome(RULE, False, finding))
    return out
