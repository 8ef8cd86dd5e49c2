"""Small synthetic PDFs made by the tests themselves (never pages of the corpus)."""

from __future__ import annotations

import io
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
