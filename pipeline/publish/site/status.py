"""The inputs a build could not read, from Make's status files (build/status/*.txt): each holds
the build's one line for its source, `FAILED <file>: <reason>` when it failed."""

from __future__ import annotations

import re
from pathlib import Path, PurePath

from ...read.limits import STAGES

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


# The build's reasons (pipeline/read/pdf.py, build.py, limits.py, workers.py, textquality.py) as a
# reader is told them; first match wins, so the specific ones come first.
REASONS = [
    ("invalid package", "生成的数据包未通过 Frictionless 校验，未予发布"),
    ("unreadable package", "数据包文件缺失或已损坏，未予发布"),
    ("encrypted", "PDF 已加密，需要密码才能打开"),
    ("incomplete pdf", "PDF 文件不完整（下载或复制时被截断）"),
    ("page tree", "PDF 文件损坏（页面目录错误），可能缺页"),
    ("compressed stream", "PDF 文件损坏（压缩数据无法解开），部分文字缺失"),
    ("damaged or blank", "PDF 文件损坏或为空白页"),
    ("damaged", "PDF 文件损坏，无法读取"),
    ("not a pdf", "不是 PDF 文件"),
    ("empty file", "空文件"),
    ("ocr found none", "各页均为图像，文字识别（OCR）未识别出文字"),
    ("not a budget disclosure", "不是预算或决算公开文件"),
    ("no publisher/year/document type", "未能从文字中识别发布单位、年度或文件类型"),
    ("garbled text", "文字层乱码（字体编码损坏），无法可靠读取"),
    ("content stream inflates", "文件过大：内容流解压后超过限制"),
    ("memory", "文件过大：读取时超出内存限制"),
    ("too slow", "处理超时：超过单个文件的计算时间限制"),
    ("stuck", "处理停滞：长时间没有结果"),
    ("worker died", "处理进程意外终止（可能内存不足）"),
    ("file not found", "文件不存在"),
]


def reason_zh(reason: str) -> str:
    low = reason.lower()
    said = next((zh for key, zh in REASONS if key in low), "无法读取")
    stage = next((zh for en, zh in STAGES.values() if f" while {en}" in low), None)
    return f"{said}（当时正在{stage}）" if stage else said
