"""Small synthetic PDFs made by the tests themselves (never pages of the corpus)."""

from __future__ import annotations

import io
import re
import zlib
from pathlib import Path

from PIL import Image
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"  # a CID font every PDF reader knows; nothing to embed
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def text_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A PDF with a real text layer: one list of lines per page."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for lines in pages:
        c.setFont(FONT, 12)
        y = A4[1] - 72
        for line in lines:
            c.drawString(72, y, line)
            y -= 20
        c.showPage()
    c.save()
    return path


def image_pdf(path: Path) -> Path:
    """A 'scanned' PDF: one page holding only a picture."""
    img = Image.new("RGB", (400, 560), "white")
    for x in range(40, 360):
        for y in (100, 101, 300, 301):
            img.putpixel((x, y), (0, 0, 0))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    buf.seek(0)
    from reportlab.lib.utils import ImageReader

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.drawImage(ImageReader(buf), 0, 0, width=A4[0], height=A4[1])
    c.showPage()
    c.save()
    return path


def encrypted_pdf(source: Path, path: Path, password: str = "secret") -> Path:
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="AES-128")
    with path.open("wb") as f:
        writer.write(f)
    return path


def truncated_pdf(source: Path, path: Path) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    return path


def _heading(c, title: str, preamble: list[str] | None, right: float, gap: int) -> float:
    """Cover lines, the centred title and the unit line of a table page; returns the y below them."""
    y = 595 - 60
    for line in preamble or []:
        c.setFont(FONT, 12)
        c.drawString(60, y, line)
        y -= 22
    c.setFont(FONT, 14)
    c.drawCentredString(421, y, title)
    y -= gap
    c.setFont(FONT, 10)
    c.drawRightString(right, y, "单位：万元")
    return y


def unruled_table_pdf(path: Path, title: str, header: list[str], rows: list[list[str]],
                      widths: list[int], preamble: list[str] | None = None, text_columns=(0, 1)) -> Path:
    """A report table printed as text only (no ruling lines), as some publishers do:
    the first column left-aligned, the others right-aligned."""
    c = canvas.Canvas(str(path), pagesize=(842, 595), invariant=1)
    y = _heading(c, title, preamble, 782, 24) - 24
    for r, row in enumerate([header, *rows]):
        x = 60
        for i, (text, w) in enumerate(zip(row, widths, strict=True)):
            if i in text_columns or r == 0:
                c.drawString(x + 2, y, text)
            else:
                c.drawRightString(x + w - 4, y, text)
            x += w
        y -= 18
    c.showPage()
    c.save()
    return path


def ruled_table_pdf(path: Path, title: str, header: list[str], rows: list[list[str]], widths: list[int],
                    preamble: list[str] | None = None) -> Path:
    """A report table drawn with ruling lines (pdfplumber finds its grid): labels left-aligned,
    amounts right-aligned."""
    c = canvas.Canvas(str(path), pagesize=(842, 595), invariant=1)
    y = _heading(c, title, preamble, 60 + sum(widths), 20) - 10
    height = 18
    top = y
    c.setLineWidth(0.8)
    for r, row in enumerate([header, *rows]):
        x = 60
        for i, (text, w) in enumerate(zip(row, widths, strict=True)):
            c.rect(x, y - height, w, height)
            if i < 2 or r == 0:
                c.drawString(x + 3, y - 13, text)
            else:
                c.drawRightString(x + w - 3, y - 13, text)
            x += w
        y -= height
    assert y < top
    c.showPage()
    c.save()
    return path


def doubled_rule_table_pdf(path: Path, title: str, header: list[str], rows: list[list[str]], widths: list[int],
                           preamble: list[str] | None = None, gap: float = 5) -> Path:
    """A ruled table as 江苏 2017 draws it: a doubled frame and a doubled divider after the first
    column in the header row only, so each body row's first cell spans the thin gaps."""
    c = canvas.Canvas(str(path), pagesize=(842, 595), invariant=1)
    y = _heading(c, title, preamble, 60 + sum(widths), 20) - 10
    height = 18
    left, right = 60 - gap, 60 + sum(widths) + gap
    c.setLineWidth(0.8)
    bottom = y - height * (len(rows) + 1)
    c.rect(left, bottom, right - left, y - bottom)  # the outer frame
    for r, row in enumerate([header, *rows]):
        c.line(left, y - height, right, y - height)
        edges = [60 + sum(widths[:i]) for i in range(1, len(widths))]
        if r == 0:  # the inner frame and the doubled divider
            edges += [60, 60 + sum(widths), 60 + widths[0] + gap]
        for x in edges if r == 0 else [e + (gap if i == 0 else 0) for i, e in enumerate(edges)]:
            c.line(x, y, x, y - height)
        x = 60
        for i, (text, w) in enumerate(zip(row, widths, strict=True)):
            if i < 2 or r == 0:
                c.drawString(x + 3 + (gap if i == 1 else 0), y - 13, text)
            else:
                c.drawRightString(x + w - 3, y - 13, text)
            x += w
        y -= height
    c.showPage()
    c.save()
    return path


def page_images(source: Path, pages: list[int], dpi: int = 150) -> list[Image.Image]:
    """Pages of a PDF as a scanner would see them: gray images at `dpi`."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(source)
    try:
        return [pdf[n - 1].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for n in pages]
    finally:
        pdf.close()


def skewed(image: Image.Image, degrees: float) -> Image.Image:
    """The sheet fed askew: turned counter-clockwise by `degrees`, white where the corners were."""
    return image.rotate(degrees, resample=Image.Resampling.BICUBIC, fillcolor=255)


def speckled(image: Image.Image, count: int, seed: int = 0) -> Image.Image:
    """Scanner dust: `count` dark dots of 1-4 px anywhere on the page (some land on the print)."""
    import random

    from PIL import ImageDraw

    rng = random.Random(seed)
    out = image.copy()
    draw = ImageDraw.Draw(out)
    for _ in range(count):
        x, y, d = rng.randrange(out.width), rng.randrange(out.height), rng.choice((1, 2, 3, 4))
        draw.ellipse((x, y, x + d - 1, y + d - 1), fill=rng.randrange(0, 90))
    return out


def image_only_pdf(path: Path, images: list[Image.Image], dpi: int = 150) -> Path:
    """A scanned PDF: one image per page at `dpi`, no text layer."""
    images[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return path


class HandPdf:
    """A PDF written byte by byte, object by object, with a correct xref table: whatever is wrong
    with the file is what its objects say."""

    def __init__(self) -> None:
        self.objects: list[bytes] = []

    def reserve(self) -> int:
        self.objects.append(b"null")
        return len(self.objects)

    def set(self, n: int, body: bytes) -> int:
        self.objects[n - 1] = body
        return n

    def add(self, body: bytes) -> int:
        return self.set(self.reserve(), body)

    def bytes(self, root: int) -> bytes:
        out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for n, body in enumerate(self.objects, start=1):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(self.objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
        out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(self.objects) + 1, root, xref)
        return bytes(out)

    def write(self, path: Path, root: int) -> Path:
        path.write_bytes(self.bytes(root))
        return path


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _type0(pdf: HandPdf, name: bytes, encoding: bytes, ordering: bytes) -> int:
    """A non-embedded CID font (every reader knows STSong-Light). With Identity-H and the Identity
    ordering and no ToUnicode map its codes map to no character: extractors print (cid:N)."""
    descriptor = pdf.add(b"<< /Type /FontDescriptor /FontName /%s /Flags 6 /FontBBox [-25 -254 1000 880] "
                         b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>" % name)
    cid = pdf.add(b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /%s /CIDSystemInfo << /Registry (Adobe) "
                  b"/Ordering (%s) /Supplement 0 >> /FontDescriptor %d 0 R /DW 1000 >>" % (name, ordering, descriptor))
    return pdf.add(b"<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /%s /DescendantFonts [%d 0 R] >>"
                   % (name, encoding, cid))


def _page_content(lines: list[tuple[str, str]]) -> bytes:
    """Lines as (font, text): F1 maps to Unicode, F2 to nothing (the same codes, unmapped)."""
    ops, y = [], 770
    for font, text in lines:
        ops.append(b"BT /%s 12 Tf 72 %d Td <%s> Tj ET" % (font.encode(), y, text.encode("utf-16-be").hex().encode()))
        y -= 20
    return b"\n".join(ops)


def hand_text_pdf(path: Path, pages: list[list[tuple[str, str]]], loop: bool = False,
                  content_filter: bytes = b"") -> Path:
    """A text PDF written by hand: a page per list of (font, text) lines. `loop` makes the page
    tree loop: the last page hangs under a node whose first kid is the root node itself."""
    pdf = HandPdf()
    catalog, root = pdf.reserve(), pdf.reserve()
    good = _type0(pdf, b"STSong-Light", b"UniGB-UCS2-H", b"GB1")
    bad = _type0(pdf, b"Unmapped", b"Identity-H", b"Identity")
    resources = b"<< /Font << /F1 %d 0 R /F2 %d 0 R >> >>" % (good, bad)
    parent = {n: root for n in range(len(pages))}
    node = None
    if loop:
        node = pdf.reserve()
        parent[len(pages) - 1] = node
    kids: dict[int, list[int]] = {root: [], **({node: [root]} if node else {})}
    for n, lines in enumerate(pages):
        content = pdf.add(_stream(_page_content(lines), content_filter))
        page = pdf.add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources %s /Contents %d 0 R >>"
                       % (parent[n], resources, content))
        kids[parent[n]].append(page)
    if node:
        kids[root].append(node)
        pdf.set(node, b"<< /Type /Pages /Parent %d 0 R /Kids [%s] /Count 1 >>"
                % (root, b" ".join(b"%d 0 R" % k for k in kids[node])))
    pdf.set(root, b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids[root]),
                                                              len(pages)))
    pdf.set(catalog, b"<< /Type /Catalog /Pages %d 0 R >>" % root)
    return pdf.write(path, catalog)


def inflating_spaces(size: int, chunk: int = 1 << 20) -> bytes:
    """A zlib stream that inflates to `size` spaces, made without ever holding them: each chunk is
    compressed after a full flush, so every chunk's deflate block is the same bytes and is
    repeated; the checksum is computed over the chunks one at a time."""
    c = zlib.compressobj(9)
    block = b" " * chunk
    first = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    end = c.flush(zlib.Z_FINISH)[:-4]  # the final empty block, without the (wrong) checksum
    n = size // chunk
    check = 1
    for _ in range(n):
        check = zlib.adler32(block, check)
    return first + again * (n - 1) + end + check.to_bytes(4, "big")


def bomb_pdf(path: Path, inflated: int = 1 << 30) -> Path:
    """A decompression bomb: one page whose content stream (about 1 MB in the file for 1 GiB)
    inflates to `inflated` bytes of spaces."""
    pdf = HandPdf()
    pdf.add(b"<< /Type /Catalog /Pages 2 0 R >>")
    pdf.add(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    pdf.add(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> /Contents 4 0 R >>")
    pdf.add(_stream(inflating_spaces(inflated), b"/Filter /FlateDecode "))
    return pdf.write(path, 1)


# A 情况说明 page: enough for a package (publisher, year, type), no tables.
EXPLANATION = ["某市某局", "2026年部门预算", "一、收入预算情况说明", "2026年收入预算100.00万元。"]


def readable(lines: list[str]) -> list[tuple[str, str]]:
    return [("F1", line) for line in lines]


def garbled_pdf(path: Path, garbled_lines: list[str], lines: list[str] = EXPLANATION) -> Path:
    """The explanation page, then lines in a font that maps its glyphs to no character."""
    return hand_text_pdf(path, [readable(lines) + [("F2", line) for line in garbled_lines]])


def damaged_stream_pdf(path: Path) -> Path:
    """A page whose content stream says FlateDecode but holds no zlib data."""
    return hand_text_pdf(path, [readable(EXPLANATION)], content_filter=b"/Filter /FlateDecode ")


def broken_xref_pdf(path: Path) -> Path:
    """Every offset in the cross-reference table points 7 bytes past its object."""
    data = hand_text_pdf(path, [readable(EXPLANATION)]).read_bytes()
    path.write_bytes(re.sub(rb"(\d{10}) 00000 n", lambda m: b"%010d 00000 n" % (int(m[1]) + 7), data))
    return path


def page_loop_pdf(path: Path) -> Path:
    """Three pages, the last under a node that also lists the root node: a loop."""
    return hand_text_pdf(path, [readable(EXPLANATION), readable(["第二页"]), readable(["第三页"])], loop=True)


def blank_pdf(path: Path) -> Path:
    """A page that draws nothing: no text, no picture."""
    return hand_text_pdf(path, [[]])
