"""Every href the site writes. A link is built from doc ids and file names the pipeline chose,
each path segment URL-encoded, so it stays relative to the site whatever a package says;
text from a document never becomes a link target."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import quote

from markupsafe import Markup


def url(*segments: str | int, up: int = 0, fragment: str = "") -> Markup:
    """A relative URL: `up` times '../', then the segments, each encoded whole ('/' included),
    so no segment can climb out ('..' becomes a file name) or start a scheme."""
    parts = [".."] * up + [_segment(s) for s in segments]
    text = "/".join(parts)
    if fragment:
        text += "#" + quote(fragment, safe="=")
    return Markup(text)


def _segment(segment: str | int) -> str:
    s = quote(str(segment), safe="")
    return s.replace(".", "%2E") if s in (".", "..") else s


def doc_page_url(ident: str, up: int = 0) -> Markup:
    """The document's page (use_directory_urls is off, and raw HTML links are not rewritten)."""
    return url(ident, "index.html", up=up)


@dataclass(frozen=True)
class DocLinks:
    """The downloads of one document, as seen from its own page (one folder down)."""

    ident: str
    has_pdf: bool

    def _data(self, *segments: str) -> Markup:
        return url("data", self.ident, *segments, up=1)

    @property
    def pdf(self) -> Markup | None:
        return url("sources", f"{self.ident}.pdf", up=1) if self.has_pdf else None

    @property
    def xlsx(self) -> Markup:
        return self._data(f"{self.ident}.xlsx")

    @property
    def zip(self) -> Markup:
        return self._data(f"{self.ident}.zip")

    @property
    def descriptor(self) -> Markup:
        return self._data("datapackage.json")

    def csv(self, resource: dict) -> Markup:
        """The resource's CSV where the copied package keeps it (its descriptor `path`)."""
        return self._data(*PurePosixPath(resource["path"]).parts)

    def page(self, page: str | int) -> Markup | None:
        """The source PDF opened at a page; None when the PDF is not published."""
        if not self.has_pdf:
            return None
        return url("sources", f"{self.ident}.pdf", up=1, fragment=f"page={page}")
