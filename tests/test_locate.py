"""Finding the tables on the pages (pipeline/tables/locate.py), directly: a ruled table becomes one
titled table with its unit, header paths and column roles; a table printed as text only is found
too; two tables on two pages stay two; a page without a table gives none."""

from __future__ import annotations

from pdfs import EXPLANATION, ruled_table_pdf, text_pdf, unruled_table_pdf

from pipeline.read.pdf import pdf_to_pages
from pipeline.tables.locate import pages_to_tables, table_to_layout
from pipeline.vocabulary import load_vocabulary

HEADER = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
ROWS = [["201", "一般公共服务支出", "120.00", "100.00", "20.00"],
        ["20103", "政府办公厅（室）及相关机构事务", "120.00", "100.00", "20.00"],
        ["2010301", "行政运行", "100.00", "100.00", ""],
        ["2010350", "事业运行", "20.00", "", "20.00"],
        ["", "合计", "120.00", "100.00", "20.00"]]
WIDTHS = [80, 250, 110, 110, 110]


def tables_of(pdf):
    vocab = load_vocabulary()
    return [t for t in pages_to_tables(pdf_to_pages(pdf), vocab) if t.grids], vocab


def test_a_ruled_table_is_one_titled_table_with_its_unit_headers_and_roles(tmp_path):
    pdf = ruled_table_pdf(tmp_path / "t.pdf", "2026年一般公共预算支出表", HEADER, ROWS, WIDTHS)
    tables, vocab = tables_of(pdf)
    assert len(tables) == 1
    (t,) = tables
    assert (t.key, t.title, t.unit, t.pages) == ("general_public_expenditure", "2026年一般公共预算支出表", "万元", [1])
    layout = table_to_layout(t, vocab)
    assert [c.path for c in layout.columns] == [[h] for h in HEADER]
    assert [c.role for c in layout.columns] == ["code", "label", "amount", "amount", "amount"]
    assert [r.cells[0] for r in layout.rows] == [r[0] for r in ROWS]
    assert layout.rows[2].cells[2] == "100.00" and layout.rows[2].page == 1


def test_a_table_printed_without_rules_is_found(tmp_path):
    pdf = unruled_table_pdf(tmp_path / "t.pdf", "2026年一般公共预算支出表", HEADER, ROWS, WIDTHS)
    tables, vocab = tables_of(pdf)
    assert [t.key for t in tables] == ["general_public_expenditure"]
    layout = table_to_layout(tables[0], vocab)
    assert [r.cells[1] for r in layout.rows][:3] == ["一般公共服务支出", "政府办公厅（室）及相关机构事务", "行政运行"]


def test_two_tables_on_two_pages_stay_two(tmp_path):
    from pypdf import PdfReader, PdfWriter

    a = ruled_table_pdf(tmp_path / "a.pdf", "2026年一般公共预算支出表", HEADER, ROWS, WIDTHS)
    b = ruled_table_pdf(tmp_path / "b.pdf", "2026年支出预算总表", HEADER, ROWS, WIDTHS)
    writer = PdfWriter()
    for src in (a, b):
        writer.add_page(PdfReader(src).pages[0])
    both = tmp_path / "both.pdf"
    with both.open("wb") as f:
        writer.write(f)
    tables, _ = tables_of(both)
    assert [(t.key, t.pages) for t in tables] == [("general_public_expenditure", [1]), ("expenditure", [2])]


def test_a_page_of_words_has_no_table(tmp_path):
    pdf = text_pdf(tmp_path / "t.pdf", [EXPLANATION])
    tables, _ = tables_of(pdf)
    assert tables == []


def test_a_title_bold_by_overprinting_is_read_once(tmp_path):
    """Issue 24: 西安 2022 prints every title six times on itself (bold faked by overprinting), read
    as '表表表表表表111111'; its 16 report tables were stitched into one under the section cover."""
    from pdfs import FONT
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "overprinted.pdf"
    c = canvas.Canvas(str(pdf), pagesize=(842, 595), invariant=1)
    for title in ("2022年部门综合预算支出总表", "2022年部门综合预算一般公共预算支出明细表"):
        c.setFont(FONT, 14)
        for dx in (0, 0.1, 0.2):  # the same characters drawn again a hair to the right
            c.drawCentredString(421 + dx, 520, title)
        c.setFont(FONT, 10)
        y = 490
        for r, row in enumerate([HEADER, *ROWS]):
            x = 60
            for i, (text, w) in enumerate(zip(row, WIDTHS, strict=True)):
                c.rect(x, y - 18, w, 18)
                (c.drawString(x + 3, y - 13, text) if i < 2 or r == 0 else c.drawRightString(x + w - 3, y - 13, text))
                x += w
            y -= 18
        c.showPage()
    c.save()
    tables, _ = tables_of(pdf)
    assert [(t.key, t.title) for t in tables] == [
        ("expenditure", "2022年部门综合预算支出总表"),
        ("general_public_expenditure", "2022年部门综合预算一般公共预算支出明细表")]
