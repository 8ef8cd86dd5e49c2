"""Whether a PDF's page tree can be trusted to give every page once.

pdfminer walks the tree remembering what it has visited, so a node listed under itself (a loop)
or listed twice is skipped without a word; pypdf refuses such a file ("Detected cyclic page
references"). Neither is a tree a conforming writer makes, and a skipped node can hold pages:
this walk finds the loop, or a count of pages that the tree cannot give, and says so.
"""

from __future__ import annotations

from typing import Any

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdftypes import PDFObjRef, resolve1
from pdfminer.psparser import LIT

_PAGES = LIT("Pages")


def _objid(ref: Any) -> int | None:
    return ref.objid if isinstance(ref, PDFObjRef) else None


def page_tree_problem(doc: PDFDocument) -> str | None:
    """Why the page tree cannot be read as a tree (one line), or None when it can."""
    root = doc.catalog.get("Pages")
    if root is None:
        return None  # no tree: pdfminer collects every page object in the file instead
    seen: set[int] = set()
    pages = 0
    # depth first, each node with the object numbers above it (no recursion: a tree may be deep)
    stack: list[tuple[Any, tuple[int, ...]]] = [(root, ())]
    while stack:
        ref, above = stack.pop()
        objid = _objid(ref)
        if objid is not None:
            if objid in above:
                return f"its page tree loops: object {objid} is listed under itself"
            if objid in seen:
                return f"its page tree lists object {objid} twice"
            seen.add(objid)
        node = resolve1(ref)
        if not isinstance(node, dict):
            continue
        kids = resolve1(node.get("Kids"))
        if node.get("Type") is _PAGES or isinstance(kids, list):
            path = above + ((objid,) if objid is not None else ())
            stack.extend((kid, path) for kid in reversed(kids if isinstance(kids, list) else []))
        else:
            pages += 1
    count = resolve1(resolve1(root).get("Count")) if isinstance(resolve1(root), dict) else None
    if isinstance(count, int) and pages < count:
        return f"its page tree counts {count} pages but only {pages} can be found"
    return None
