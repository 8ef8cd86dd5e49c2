"""Glossary terms explained where they appear: text split into plain pieces and the terms
in it, each term with its definition (a template prints the tooltip)."""

from __future__ import annotations

import re

from .load import Doc


class Glossary:
    """The first mention of each term in a text carries its definition."""

    def __init__(self, terms: dict[str, str]):
        self.terms = {t: d for t, d in terms.items() if 2 <= len(t) <= 12}
        keys = sorted(self.terms, key=len, reverse=True)
        self.pattern = re.compile("|".join(re.escape(k) for k in keys)) if keys else None

    def used_in(self, texts: list[str]) -> dict[str, str]:
        """The terms (with their definitions) that any of `texts` holds: all a page made from
        them can explain, so the page need not be remade when other terms change."""
        if self.pattern is None:
            return {}
        found = {m for text in texts for m in self.pattern.findall(text)}
        return {t: self.terms[t] for t in sorted(found)}

    def split(self, text: str) -> list[tuple[str, str | None]]:
        """(piece, definition) in order; definition is None for text that is not a term."""
        if self.pattern is None:
            return [(text, None)]
        out: list[tuple[str, str | None]] = []
        pos, done = 0, set()
        for m in self.pattern.finditer(text):
            if m.group(0) in done:
                continue
            done.add(m.group(0))
            out.append((text[pos:m.start()], None))
            out.append((m.group(0), self.terms[m.group(0)]))
            pos = m.end()
        out.append((text[pos:], None))
        return out


def glossary_entries(docs: list[Doc]) -> list[tuple[str, str, Doc]]:
    """(term, definition, document) for every glossary row of every document."""
    return [(g["term"], g["definition"], d) for d in docs for g in d.rows.get("glossary", [])]


def site_glossary(entries: list[tuple[str, str, Doc]]) -> Glossary:
    """The first definition of each term, in document order."""
    terms: dict[str, str] = {}
    for term, definition, _ in entries:
        terms.setdefault(term, definition)
    return Glossary(terms)
