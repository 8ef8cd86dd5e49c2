"""The typed records every stage passes to the next, and the one way each is written to and
read back from a CSV row.

Page model (what `pdf` and the grid finders produce): `Line`, `Cell`, `Grid`, `Page`.
Package model (what `normalize`, `checks` and `text` produce): `Fact`, `Finding`, `Field`,
`Resource`. Nothing here reads a PDF or writes a file.

A column is a tuple of its printed header levels (('本年收入', '一般公共预算')); it is joined
with '/' only when written to CSV (the data contract's `column`) and split only when read back,
here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from .amounts import format_decimal, to_yuan
from .vocabulary import UNIT_FACTORS

COLUMN_SEPARATOR = "/"

# ---------------------------------------------------------------- page model



class InputError(Exception):
    """The input file cannot be packaged; the message says why in one line."""

@dataclass
class Line:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float | None = None  # OCR: the least certain character's confidence; None for a text layer
    # where each character of `text` is printed (x0, x1), where the reader knows it
    extents: tuple[tuple[float, float], ...] = ()

    def span_box(self, start: int, end: int) -> Box:
        """Where text[start:end] of the line is printed: its characters' extent, or else its
        share of the line's width."""
        if len(self.extents) == len(self.text) and 0 <= start < end <= len(self.text):
            return (round(self.extents[start][0], 2), round(self.top, 2), round(self.extents[end - 1][1], 2),
                    round(self.bottom, 2))
        return span_box((self.x0, self.top, self.x1, self.bottom), len(self.text), start, end)


@dataclass
class Cell:
    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    indent: float | None = None  # distance of the text from the cell's left edge, in points
    confidence: float | None = None  # OCR: the least certain character's confidence; None for a text layer
    ocr_text: str | None = None  # OCR: what was read, where `text` resolved a confusion in it (13O0 → 1300)
    # where the text is printed (x0, top, x1, bottom in PDF points, pdfplumber's coordinates): the
    # extent of its characters, or the cell's frame where it has none
    bbox: tuple[float, float, float, float] | None = None


Box = tuple[float, float, float, float]  # x0, top, x1, bottom: PDF points, pdfplumber's coordinates


def span_box(box: Box, length: int, start: int, end: int) -> Box:
    """The part of a box printing characters [start, end) of `length`, the width shared evenly."""
    x0, top, x1, bottom = box
    width = (x1 - x0) / max(1, length)
    return round(x0 + start * width, 2), round(top, 2), round(x0 + end * width, 2), round(bottom, 2)


BOX_NAMES = ("x0", "top", "x1", "bottom")  # a box's fields in a CSV row (BOX_FIELDS)


def box_to_row(box: Box | None) -> dict[str, str]:
    """A box as the x0, top, x1, bottom fields of a CSV row (blank where there is none)."""
    return dict(zip(BOX_NAMES, (f"{v:.2f}" for v in box), strict=True)) if box else dict.fromkeys(BOX_NAMES, "")


def box_of_row(row: Mapping[str, str]) -> Box | None:
    values = [row.get(k) or "" for k in BOX_NAMES]
    return (float(values[0]), float(values[1]), float(values[2]), float(values[3])) if all(values) else None


def chars_box(chars: list[dict]) -> tuple[float, float, float, float] | None:
    """The extent of some characters (pdfplumber's dicts), rounded to 0.01 pt; None for none."""
    if not chars:
        return None
    return (round(min(c["x0"] for c in chars), 2), round(min(c["top"] for c in chars), 2),
            round(max(c["x1"] for c in chars), 2), round(max(c["bottom"] for c in chars), 2))


@dataclass
class Grid:
    """A table on one page: cells placed on a row/column lattice (ruled, or from alignment)."""

    page: int
    bbox: tuple[float, float, float, float]
    nrows: int
    ncols: int
    cells: list[Cell]
    col_x: list[float] = field(default_factory=list)

    def matrix(self) -> list[list[Cell | None]]:
        """Row-major matrix; positions covered by a merged cell hold None."""
        m: list[list[Cell | None]] = [[None] * self.ncols for _ in range(self.nrows)]
        for c in self.cells:
            m[c.row][c.col] = c
        return m

    def owner(self) -> list[list[Cell | None]]:
        """Row-major matrix where every position holds the cell covering it."""
        m: list[list[Cell | None]] = [[None] * self.ncols for _ in range(self.nrows)]
        for c in self.cells:
            for r in range(c.row, min(c.row + c.rowspan, self.nrows)):
                for k in range(c.col, min(c.col + c.colspan, self.ncols)):
                    m[r][k] = c
        return m


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]
    grids: list[Grid]
    text_source: str = "text"  # text: read from the text layer; ocr: recognised in the page image
    confidence: float | None = None  # OCR: mean confidence of the recognised characters
    # Where the page as a viewer shows it starts, in the boxes' coordinates (read/geometry.py):
    # a box less this is on the page shown. (0, 0) almost always.
    origin: tuple[float, float] = (0.0, 0.0)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


# ---------------------------------------------------------------- columns


def column_to_text(column: Sequence[str]) -> str:
    """A header path as the contract writes it: levels joined by '/'."""
    return COLUMN_SEPARATOR.join(column)


def text_to_column(text: str) -> tuple[str, ...]:
    """A header path read back from its CSV form, each level without white space."""
    if not text:
        return ()
    return tuple(re.sub(r"\s+", "", p) for p in text.split(COLUMN_SEPARATOR))


def leaf(column: Sequence[str]) -> str:
    """The lowest header level of a column ('' for none)."""
    return column[-1] if column else ""


# ---------------------------------------------------------------- package model


@dataclass(frozen=True)
class Field:
    """A Table Schema field: English name, type, the printed Chinese title, a description."""

    name: str
    type: str
    title: str
    description: str | None = None
    constraints: Mapping | None = None

    @classmethod
    def described(cls, name: str, type_: str, title: str, description: str = "",
                  constraints: Mapping | None = None) -> Field:
        """A field whose description defaults to its title."""
        return cls(name, type_, title, description or title, constraints)

    def descriptor(self) -> dict:
        d: dict = {"name": self.name, "type": self.type, "title": self.title}
        if self.description is not None:
            d["description"] = self.description
        if self.constraints:
            d["constraints"] = dict(self.constraints)
        return d


@dataclass
class Resource:
    """One CSV file of a package: its fields and its rows (each a mapping by field name)."""

    name: str
    title: str
    fields: list[Field]
    rows: Iterable[Mapping[str, str]]  # a list, but for a corpus that streams its rows (publish/corpus.py)
    description: str = ""
    primary_key: list[str] = field(default_factory=list)
    extra: dict = field(default_factory=dict)
    foreign_keys: list[dict] = field(default_factory=list)

    @classmethod
    def from_table(cls, name: str, title: str, fields: list[Field], values: Sequence[Sequence[str]],
                   description: str = "", primary_key: list[str] | None = None, extra: dict | None = None,
                   foreign_keys: list[dict] | None = None) -> Resource:
        """A resource from rows given in field order."""
        names = [f.name for f in fields]
        rows: list[Mapping[str, str]] = [dict(zip(names, v, strict=True)) for v in values]
        return cls(name, title, fields, rows, description, primary_key or [], extra or {}, foreign_keys or [])

    def in_order(self) -> Iterator[list[str]]:
        """The rows in field order, as the CSV holds them, one at a time."""
        names = [f.name for f in self.fields]
        return ([r.get(n, "") for n in names] for r in self.rows)

    def table(self) -> list[list[str]]:
        """The rows in field order, as the CSV holds them."""
        return list(self.in_order())


def _int_or_none(text: str) -> int | None:
    return int(text) if text not in ("", None) else None


@dataclass(frozen=True)
class Fact:
    """One printed amount: where it is printed (table, row, column, page) and what it is."""

    table: str
    row_code: str
    row_label: str
    column: tuple[str, ...]
    amount: Decimal
    unit: str = "万元"
    factor: int = 10000
    page: int = 0
    row_number: int = 0
    row_level: int | None = None  # 0 the table's total, 1 类, 2 款, 3 项 (hierarchy.py)
    parent_row: int | None = None  # row_number of the parent row, 0 for none
    is_total: bool = False
    classification: str = ""  # functional | economic, from row_code (comparable.py)
    measure: str = ""  # what the column (or an item row) means (comparable.py)
    amount_year: int | None = None
    phase: str = ""  # approved | adjusted | executed
    confidence: float | None = None  # OCR confidence of the printed amount; None when read from text
    repeats: int | None = None  # 1-based position of the first fact printing the same figure (comparable.py)
    ocr_text: str = ""  # OCR: the cell as read (before a confusion was resolved); not written to CSV
    box: Box | None = None  # where the amount is printed on its page (x0, top, x1, bottom)

    @property
    def column_text(self) -> str:
        return column_to_text(self.column)

    @property
    def leaf(self) -> str:
        return leaf(self.column)

    @property
    def amount_yuan(self) -> Decimal:
        """The amount in 元, as the `amount_yuan` field writes it (no trailing zeros)."""
        return Decimal(to_yuan(self.amount, self.factor))

    def to_row(self) -> dict[str, str]:
        """The fact as a `facts` CSV row (FACT_FIELDS)."""
        return {
            "table": self.table, "row_code": self.row_code, "row_label": self.row_label,
            "column": self.column_text, "amount": format_decimal(self.amount), "unit": self.unit,
            "amount_yuan": to_yuan(self.amount, self.factor), "page": str(self.page),
            "row_number": str(self.row_number),
            "row_level": "" if self.row_level is None else str(self.row_level),
            "is_total": "true" if self.is_total else "false",
            "classification": self.classification, "measure": self.measure,
            "amount_year": "" if self.amount_year is None else str(self.amount_year), "phase": self.phase,
            "repeats": "" if self.repeats is None else str(self.repeats), **box_to_row(self.box),
        } | ({} if self.confidence is None else {"confidence": f"{self.confidence:.3f}"})

    @classmethod
    def from_row(cls, row: Mapping[str, str], factors: Mapping[str, int] | None = None) -> Fact:
        """A fact read back from a `facts` CSV row."""
        unit = row.get("unit", "") or ""
        factor = (factors or UNIT_FACTORS).get(unit, 1)
        return cls(
            table=row["table"], row_code=row.get("row_code", "") or "", row_label=row.get("row_label", "") or "",
            column=text_to_column(row.get("column", "") or ""), amount=Decimal(row["amount"]), unit=unit,
            factor=factor, page=int(row.get("page") or 0), row_number=int(row.get("row_number") or 0),
            row_level=_int_or_none(row.get("row_level", "")), is_total=row.get("is_total", "") == "true",
            classification=row.get("classification", "") or "", measure=row.get("measure", "") or "",
            amount_year=_int_or_none(row.get("amount_year", "")), phase=row.get("phase", "") or "",
            confidence=float(row["confidence"]) if row.get("confidence") else None,
            repeats=_int_or_none(row.get("repeats", "") or ""), box=box_of_row(row),
        )


FACT_FIELDS = [
    Field.described("table", "string", "表", "Table key (see the data contract)"),
    Field.described("row_code", "string", "科目编码", "Classification code of the row; empty when the row has none"),
    Field.described("row_label", "string", "项目", "The row's item name as printed"),
    Field.described("column", "string", "栏目", "The column's printed header path, levels joined by '/'"),
    Field.described("amount", "number", "金额", "The amount as printed, without thousands separators"),
    Field.described("unit", "string", "单位", "The unit printed for the table: 元, 万元 or 亿元"),
    Field.described("amount_yuan", "number", "金额（元）", "The amount in 元"),
    Field.described("page", "integer", "页码", "1-based page of the PDF where the cell is printed"),
    Field.described("row_number", "integer", "行号", "Row number in the table resource"),
    Field.described("row_level", "integer", "层级",
                    "0 the table's total, 1 类, 2 款, 3 项 (from the code, ordinal markers or indentation); "
                    "empty where the rows are not a hierarchy"),
    Field.described("is_total", "boolean", "合计行", "The row is a 合计 / 总计 / 小计 row"),
    Field.described("classification", "string", "科目分类",
                    "functional (支出功能分类) or economic (支出经济分类) when row_code is such a code",
                    constraints={"enum": ["functional", "economic"]}),
    Field.described("measure", "string", "口径",
                    "What the column (or an item row) means, from the printed words: total, basic, project, "
                    "personnel, public, general_public_budget, reception … (README: measures)"),
    Field.described("amount_year", "integer", "所属年度", "The fiscal year the amount belongs to"),
    Field.described("phase", "string", "阶段", "approved (预算数, 年初预算), adjusted (调整预算), executed (决算数)",
                    constraints={"enum": ["approved", "adjusted", "executed"]}),
    Field.described("repeats", "integer", "重复于",
                    "The 1-based position in these facts (the corpus' fact_id) of the first fact that prints the "
                    "same figure (same code or label, measure, phase, year and amount); empty for the first. "
                    "Summing the facts whose repeats is empty counts no printed figure twice"),
]

# Where on its page an amount (or what a finding points at) is printed.
BOX_FIELDS = [
    Field.described("x0", "number", "左", "Left edge on the page, in PDF points from the page's left (pdfplumber)"),
    Field.described("top", "number", "上", "Top edge, in PDF points from the page's top"),
    Field.described("x1", "number", "右", "Right edge, in PDF points from the page's left"),
    Field.described("bottom", "number", "下", "Bottom edge, in PDF points from the page's top"),
]
FACT_FIELDS += BOX_FIELDS

# Only in the facts of a document read (in part) by OCR; a text document's facts keep FACT_FIELDS.
CONFIDENCE_FIELD = Field.described(
    "confidence", "number", "识别置信度",
    "OCR confidence of the amount (its least certain character, 0-1); empty where it was read from a text layer",
    constraints={"minimum": 0, "maximum": 1})
# ... and of a figure the words state: the line that prints it
LINE_CONFIDENCE_FIELD = replace(
    CONFIDENCE_FIELD, description="OCR confidence of the line that prints the figure (its least certain "
    "character, 0-1); empty where it was read from a text layer")


def _finding_number(d: Decimal) -> str:
    """A finding's figure as written: printed amounts keep their digits; a computed one (a ratio
    from a text rule) is cut to 6 decimals, the most any printed amount has."""
    exp = d.as_tuple().exponent
    if isinstance(exp, int) and exp < -6:
        d = d.quantize(Decimal("0.000001"))
    return format_decimal(d)


@dataclass(frozen=True)
class Finding:
    """Something the document's own numbers or words do not agree on, with where it is printed."""

    rule: str
    severity: str  # error | warning
    table: str
    row_code: str
    row_label: str
    column: tuple[str, ...]
    page: int
    printed: Decimal
    expected: Decimal
    difference: Decimal
    message: str
    box: Box | None = None  # the cell or the words it points at, on `page`

    def to_row(self) -> dict[str, str]:
        return {
            "rule": self.rule, "severity": self.severity, "table": self.table, "row_code": self.row_code,
            "row_label": self.row_label, "column": column_to_text(self.column), "page": str(self.page),
            "printed": _finding_number(self.printed), "expected": _finding_number(self.expected),
            "difference": _finding_number(self.difference), "message": self.message, **box_to_row(self.box),
        }

    @classmethod
    def from_row(cls, row: Mapping[str, str]) -> Finding:
        return cls(
            rule=row["rule"], severity=row["severity"], table=row["table"], row_code=row["row_code"],
            row_label=row["row_label"], column=text_to_column(row["column"]), page=int(row["page"] or 0),
            printed=Decimal(row["printed"]), expected=Decimal(row["expected"]),
            difference=Decimal(row["difference"]), message=row["message"], box=box_of_row(row),
        )


FINDING_FIELDS = [
    Field.described("rule", "string", "规则", "The accounting rule that was checked"),
    Field.described("severity", "string", "级别",
                    "error: does not add up; warning: a rounding difference (尾差) within tolerance"),
    Field.described("table", "string", "表", "Table key"),
    Field.described("row_code", "string", "科目编码", "Code of the row whose printed amount was checked"),
    Field.described("row_label", "string", "项目", "Label of that row as printed"),
    Field.described("column", "string", "栏目", "Header path of the column"),
    Field.described("page", "integer", "页码", "PDF page of the printed amount"),
    Field.described("printed", "number", "印刷数", "The amount as printed"),
    Field.described("expected", "number", "应为", "What the rule computes from the other printed amounts"),
    Field.described("difference", "number", "差额", "printed − expected"),
    Field.described("message", "string", "说明",
                    "What does not agree, in Chinese words (other tables by their printed titles, "
                    "amounts as printed)"),
    *BOX_FIELDS,
]


@dataclass(frozen=True)
class UnreadableCell:
    """A cell of an amount column whose text is shaped like an amount but does not read as one
    (4O.00, l00.00, 12.3.4, 1,0000.00): reported where it is printed, never guessed."""

    table: str
    row_code: str
    row_label: str
    column: tuple[str, ...]
    page: int
    row_number: int
    text: str
    box: Box | None = None


@dataclass(frozen=True)
class Outcome:
    """One comparison a rule made: passed or not, with a finding where there is one to report. A
    comparison the printed figures cannot decide (a base that may be 0, a figure not stated) is
    `decided=False`: counted as not checked (未核对), never as passed."""

    rule: str
    passed: bool
    finding: Finding | None = None
    decided: bool = True
