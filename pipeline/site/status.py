"""The inputs a build could not read, from Make's status files (build/status/*.txt): each holds
the build's one line for its source, `FAILED <file>: <reason>` when it failed."""

from __future__ import annotations

import re
from pathlib import Path, PurePath

FAILED = re.compile(r"^FAILED (.+?\.pdf): (.+)$", re.IGNORECASE)


def failed_inputs(status: Path | None) -> list[tuple[str, str]]:
    """(file name, reason) for every failed input, by file name. Only the name is shown: the
    folder is the build machine's."""
    if status is None or not status.is_dir():
        return []
    out = set()
    for path in status.glob("*.txt"):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if m := FAILED.match(line.strip()):
                out.add((PurePath(m.group(1)).name, m.group(2)))
    return sorted(out)


# The build's reasons (pipeline/pdf.py, build.py) as a reader is told them; first match wins.
REASONS = [
    ("no text layer", "没有文字层（扫描图像），暂不支持文字识别（OCR）"),
    ("encrypted", "PDF 已加密，需要密码才能打开"),
    ("damaged", "PDF 文件损坏，无法读取"),
    ("not a pdf", "不是 PDF 文件"),
    ("empty file", "空文件"),
    ("not a budget disclosure", "不是预算或决算公开文件"),
    ("no publisher/year/document type", "未能从文字中识别发布单位、年度或文件类型"),
    ("file not found", "文件不存在"),
]


def reason_zh(reason: str) -> str:
    low = reason.lower()
    return next((zh for key, zh in REASONS if key in low), "无法读取")
