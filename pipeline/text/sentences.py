"""The document's words as sentences, read once through the same section model as the
narrative figures (narrative.body_lines, narrative.is_heading): every sentence knows its page,
the heading above it and what kind of text it is, so the rules on the words need not read
lines again.

Kinds: `heading` (a section heading or a table title), `text` (a sentence of the 情况说明 or
a note under a table), `contents` (a line of the 目录), `glossary` (the 名词解释)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..model import Page
from ..vocabulary import Vocabulary, despace, load_vocabulary, squash
from .metadata import glossary_span
from .narrative import body_lines, heading_at, is_heading, marker_kind

SENTENCE_END = re.compile(r"[。！？!?]+")  # a run stays whole: “。。” is a typo to see, not two sentences
CONTENTS = re.compile(r"^目录$")
LEADER = re.compile(r"[.…·．\-—_\s]{3,}\s*\d*\s*$|\s+\d+$")


@dataclass(frozen=True)
class Sentence:
    text: str  # as printed, white space removed
    page: int  # the page it starts on
    section: str  # the heading above it ('' before the first)
    kind: str = "text"  # heading | text | contents | glossary
    breaks: tuple[tuple[int, int], ...] = ()  # (offset, page) where the text goes on to a new page

    def page_at(self, offset: int) -> int:
        """The page that prints the character at `offset`."""
        i = bisect.bisect_right([o for o, _ in self.breaks], offset)
        return self.breaks[i - 1][1] if i else self.page


def quote(sentence: Sentence, start: int = 0, end: int | None = None, width: int = 60) -> str:
    """The sentence as printed, cut to `width` characters either side of [start, end) when long."""
    text = sentence.text
    end = len(text) if end is None else end
    a, b = max(0, start - width), min(len(text), end + width)
    return ("…" if a else "") + text[a:b] + ("…" if b < len(text) else "")


def contents_entry(text: str) -> str:
    """A 目录 line without its dot leaders and page number."""
    return despace(LEADER.sub("", text.strip()))


def contents_span(lines: list[tuple[int, str]], vocab: Vocabulary) -> tuple[int, int] | None:
    """Where the 目录 runs: from its heading through the pages that hold only entries (headings,
    table titles, dotted lines). It ends at a page that prints anything else or that repeats an
    entry (the body starts with the first heading the 目录 listed)."""
    start = next((i for i, (_, t) in enumerate(lines) if CONTENTS.match(squash(t))), None)
    if start is None:
        return None
    seen: set[str] = set()
    end = start + 1
    while end < len(lines):
        page = lines[end][0]
        block = [j for j in range(end, len(lines)) if lines[j][0] == page]
        entries = [squash(contents_entry(lines[j][1])) for j in block]
        if page != lines[start][0] and any(e in seen or any(s.startswith(e) for s in seen) for e in entries):
            break
        if not all(_is_entry(lines[j][1], vocab) for j in block):
            if page == lines[start][0]:
                end = next(j for j in block if not _is_entry(lines[j][1], vocab))
            break
        seen.update(entries)
        end = block[-1] + 1
    return start, end


def _is_entry(text: str, vocab: Vocabulary) -> bool:
    s = squash(text)
    if re.search(r"\.{3,}|…{2,}", s):
        return True
    entry = squash(contents_entry(text))
    return is_heading(entry) or vocab.is_title_line(entry) or (len(entry) <= 30 and not re.search(r"[。；，]", entry))


def _split(buffer: list[tuple[int, str]], section: str, kind: str) -> list[Sentence]:
    """The sentences of consecutive lines (page, text), each with the pages it runs over."""
    text, breaks = "", []
    last = buffer[0][0]
    for page, t in buffer:
        if page != last:
            breaks.append((len(text), page))
            last = page
        text += t
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    sentences = []
    for a, b in out:
        first = next((p for o, p in reversed(breaks) if o <= a), buffer[0][0])
        inside = tuple((o - a, p) for o, p in breaks if a < o < b)
        sentences.append(Sentence(text[a:b], first, section, kind, inside))
    return sentences


def pages_to_sentences(pages: list[Page], vocab: Vocabulary | None = None) -> list[Sentence]:
    """Every sentence of the document in reading order (text outside the tables)."""
    vocab = vocab or load_vocabulary()
    lines = body_lines(pages)
    contents = contents_span(lines, vocab) or (0, 0)
    glossary = glossary_span(lines) or (0, 0)
    grid_pages = {p.number for p in pages if p.grids}
    out: list[Sentence] = []
    section, kind = "", "text"
    buffer: list[tuple[int, str]] = []

    def flush() -> None:
        if buffer:
            out.extend(_split(buffer, section, kind))
            buffer.clear()

    for i, (page, raw) in enumerate(lines):
        text = despace(raw)
        here = ("contents" if contents[0] <= i < contents[1]
                else "glossary" if glossary[0] <= i < glossary[1] else "text")
        # text does not run on from a page of tables into a page of words, or the other way
        crossing = buffer and page != buffer[-1][0] and (page in grid_pages) != (buffer[-1][0] in grid_pages)
        if here != kind or crossing:
            flush()
            kind = here
        if here == "contents":
            out.append(Sentence(contents_entry(raw), page, section, "contents"))
        elif heading_at(lines, i) or vocab.title_rule(raw) is not None:
            flush()
            section = text
            out.append(Sentence(text, page, section, "heading" if here == "text" else here))
        elif vocab.unit_in(raw) is not None:
            flush()
            out.append(Sentence(text, page, section, here))
        else:
            if marker_kind(text) is not None:
                flush()  # a numbered item starts a new sentence even where the last one has no full stop
            buffer.append((page, text))
    flush()
    return out
