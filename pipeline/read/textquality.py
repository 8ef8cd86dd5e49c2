"""Text that decodes to garbage: glyphs whose font maps them to no character.

pdfminer prints such a glyph as `(cid:N)`; other fonts map their glyphs to U+FFFD or to
private-use code points (U+E000–U+F8FF) that mean nothing outside that font. Titles, codes and
amounts read from such text are wrong, so a document whose text is mostly garbage is refused
(FAILED), and one with some is packaged with a `garbled_text` warning finding and a
`garbled_text` descriptor property saying how much and where.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..model import Finding, Outcome, Page

RULE = "garbled_text"
GARBAGE = re.compile(r"\(cid:\d+\)|[\ufffd\ue000-\uf8ff]")
# More than half of the characters unreadable: what is left cannot give a document's title,
# tables or amounts with any confidence, so it is refused rather than packaged half right.
FAILED_SHARE = 0.5


@dataclass(frozen=True)
class Garbled:
    characters: int  # unreadable characters (a `(cid:N)` counts as one)
    total: int  # every non-space character, unreadable ones included
    pages: tuple[int, ...]  # pages with any

    @property
    def share(self) -> float:
        return self.characters / self.total if self.total else 0.0

    def summary(self) -> str:
        pages = ", ".join(map(str, self.pages[:10])) + (" …" if len(self.pages) > 10 else "")
        return (f"{self.characters} of {self.total} characters ({self.share:.1%}) map to no Unicode character "
                f"((cid:N), U+FFFD or private-use glyphs; the font has no usable ToUnicode map), on pages {pages}")

    def summary_zh(self) -> str:
        """The summary as a finding says it to a reader."""
        pages = "、".join(map(str, self.pages[:10])) + (" 等" if len(self.pages) > 10 else "")
        return (f"第 {pages} 页共有 {self.characters} 个字符（占全部 {self.total} 个字符的 {self.share:.1%}）"
                f"无法对应到任何文字：字体缺少可用的字符映射，印出的是字形编号或私用区字符")


def _texts(page: Page) -> Iterator[str]:
    for line in page.lines:
        yield line.text
    for grid in page.grids:
        for cell in grid.cells:
            yield cell.text


def measure(pages: Sequence[Page]) -> Garbled:
    characters = total = 0
    where = []
    for page in pages:
        bad = good = 0
        for text in _texts(page):
            found = len(GARBAGE.findall(text))
            bad += found
            good += len(re.sub(r"\s", "", GARBAGE.sub("", text)))
        if bad:
            where.append(page.number)
        characters += bad
        total += bad + good
    return Garbled(characters, total, tuple(where))


def failure(pages: Sequence[Page]) -> str | None:
    """The FAILED reason when most of the text is garbage, else None."""
    g = measure(pages)
    return f"garbled text: {g.summary()}" if g.total and g.share > FAILED_SHARE else None


def garbled_outcomes(pages: Sequence[Page]) -> list[Outcome]:
    """A warning finding when some of the text is garbage (none when all of it reads)."""
    g = measure(pages)
    if not g.characters:
        return []
    n = Decimal(g.characters)
    finding = Finding(rule=RULE, severity="warning", table="", row_code="", row_label="", column=(),
                      page=g.pages[0], printed=n, expected=Decimal(0), difference=n,
                      message=f"{g.summary_zh()}，这些页的文字和金额可能有误。")
    return [Outcome(RULE, False, finding)]


def garbled_property(pages: Sequence[Page]) -> dict:
    """The descriptor's `garbled_text` property, present only when some text is garbage."""
    g = measure(pages)
    if not g.characters:
        return {}
    return {RULE: {"characters": g.characters, "share": round(g.share, 4), "pages": list(g.pages)}}
