"""Every href the site writes. A link is built from doc ids and file names the pipeline chose,
each path segment URL-encoded, so it stays relative to the site whatever a package says;
text from a document never becomes a link target."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import quote, urlencode

from markupsafe import Markup

from ...model import Box

# The site's own page viewer (assets/viewer.js): it opens a document's PDF at a page, on phones
# too (their browsers ignore '#page=N'), and marks the box of the amount that was clicked.
VIEWER = "viewer.html"


def url(*segments: str | int, up: int = 0, fragment: str = "", query: Mapping[str, str] | None = None) -> Markup:
    """A relative URL: `up` times '../', then the segments, each encoded whole ('/' included),
    so no segment can climb out ('..' becomes a file name) or start a scheme."""
    parts = [".."] * up + [_segment(s) for s in segments]
    text = "/".join(parts)
    if query:
        text += "?" + urlencode(query).replace("&", "&amp;")  # an href in HTML: '&' is written '&amp;'
    if fragment:
        text += "#" + quote(fragment, safe="=")
    return Markup(text)


def _segment(segment: str | int) -> str:
    s = quote(str(segment), safe="")
    return s.replace(".", "%2E") if s in (".", "..") else s


def doc_page_url(ident: str, up: int = 0) -> Markup:
    """The document's page (use_directory_urls is off, and raw HTML links are not rewritten)."""
    return url(ident, "index.html", up=up)


def publisher_url(publisher_id: str, up: int = 0) -> Markup:
    return url("publishers", f"{publisher_id}.html", up=up)


def code_url(scheme: str, code: str, up: int = 0) -> Markup:
    """The page comparing documents on one classification code (scheme functional or economic)."""
    return url("codes", f"{scheme}-{code}.html", up=up)


@dataclass(frozen=True)
class DocLinks:
    """The downloads and source pages of one document, as seen from a page `up` folders below
    the site's root (a document's own page is one folder down)."""

    ident: str
    has_pdf: bool
    labels: Mapping[str, int] = field(default_factory=dict)  # PDF page → the number printed on it
    sheets: Mapping[str, str] = field(default_factory=dict)  # resource → its sheet in the workbook
    up: int = 1
    origins: Mapping[str, Sequence[float]] = field(default_factory=dict)  # PDF page → its shown area's corner

    def _data(self, *segments: str) -> Markup:
        return url("data", self.ident, *segments, up=self.up)

    @property
    def page_url(self) -> Markup:
        return url(self.ident, "index.html", up=self.up)

    @property
    def pdf(self) -> Markup | None:
        return url("sources", f"{self.ident}.pdf", up=self.up) if self.has_pdf else None

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

    def excel_csv(self, resource: dict) -> Markup:
        """The same CSV with a UTF-8 byte order mark, for Excel (downloads.EXCEL_CSV)."""
        return self._data("excel-csv", PurePosixPath(resource["path"]).name)

    def sheet(self, resource: dict) -> str:
        return self.sheets.get(resource["name"], resource["name"])

    def printed(self, page: str | int) -> int | None:
        """The number printed on a PDF page, where the document prints one."""
        return self.labels.get(str(page))

    def page(self, page: str | int, box: Box | None = None, text: str = "") -> Markup | None:
        """The site's viewer opened at a page of the source PDF (counted from the first sheet,
        whatever the page prints), the `box` it prints the amount in marked; `text`, the figure
        as printed, where the box is only near it (the viewer marks those words of the page's
        text closest to the box). None when the PDF is not published."""
        if not self.has_pdf or not str(page).isdigit() or int(page) < 1:
            return None
        query = {"doc": self.ident, "page": str(int(page))}
        if box:
            # the package's box counts from pdfplumber's corner; the viewer shows the page from
            # its own (read/geometry.py, the descriptor's page_origins)
            dx, dy = self.origins.get(str(int(page))) or (0.0, 0.0)
            x0, top, x1, bottom = box
            query["box"] = ",".join(f"{v:.1f}" for v in (x0 - dx, top - dy, x1 - dx, bottom - dy))
            if text:
                query["find"] = str(text)
        return url(VIEWER, up=self.up, query=query)
