"""Turn a laid-out table into a tidy resource (one row per printed row) and its facts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..amounts import format_decimal, is_unreadable_amount, parse_amount
from ..codes import classify
from ..model import (
    CONFIDENCE_FIELD,
    FACT_FIELDS,
    FINDING_FIELDS,
    Fact,
    Field,
    Finding,
    Resource,
    UnreadableCell,
    column_to_text,
)
from ..vocabulary import UNIT_FACTORS, Vocabulary, nfkc, squash
from .comparable import fund_of, measure_of, phase_of, year_of
from .hierarchy import rows_to_levels
from .locate import Column, DataRow, Layout, RawTable
from .totals import is_total_row

# A 类/款/项 code printed in the label's cell: '2010101 行政运行', '[201]一般公共服务支出',
# '【20101】人大事务', and '30101基本工资' — directly before the name only a 款 or 项 code (5 or 7
# digits that codes.classify knows): a project called '211工程建设' or '30000元以下采购' keeps
# its name.
LEADING_CODE = re.compile(r"^(?:[\[【](\d{3}(?:\d{2}){0,2})[\]】]\s*|(\d{3}(?:\d{2}){0,2})\s+"
                          r"|(\d{5}(?:\d{2})?)(?=[\u4e00-\u9fff]))(\S.*)$")

@dataclass
class Side:
    code_cols: list[int]
    label_cols: list[int]
    amount_cols: list[int]


def _sides(layout: Layout) -> list[Side]:
    """Column groups of a printed row: each starts at a code or label column after amounts.
    Within a group only the first run of code columns keys the row; a later run (such as
    the 政府预算经济分类 code beside the 部门预算 one) is an attribute."""
    sides: dict[int, Side] = {}
    previous: dict[int, int] = {}
    for c in layout.columns:
        s = sides.setdefault(c.side, Side([], [], []))
        if c.role == "code" and (not s.code_cols or previous.get(c.side) == s.code_cols[-1]):
            s.code_cols.append(c.index)
        elif c.role == "label":
            s.label_cols.append(c.index)
        elif c.role == "amount":
            s.amount_cols.append(c.index)
        previous[c.side] = c.index
    for side in sides.values():
        # the row's label is the label column that tells rows apart most (a 预算单位 column
        # printed once for a block of rows is a grouping, not the label)
        distinct = {j: len({r.cells[j] for r in layout.rows if r.cells[j]}) for j in side.label_cols}
        side.label_cols.sort(key=lambda j: (-distinct[j], j))
    return [sides[k] for k in sorted(sides)]


def _field_name(path: list[str], index: int, vocab: Vocabulary) -> str:
    """A code, label or text column's name: English tokens from vocabulary.toml; a header word it
    does not know gives `text` (never pinyin: the same meaning gets the same name everywhere)."""
    tokens = [tok for part in path if (tok := vocab.token(part))]
    if not tokens:
        return "text" if path else f"col{index + 1}"
    # "项目" only says "the item": drop it where a more precise word follows
    tokens = [t for i, t in enumerate(tokens) if not (t == "item" and i < len(tokens) - 1)]
    out: list[str] = []
    for t in tokens:
        if not out or out[-1] != t:
            out.append(t)
    return "_".join(out)


def _count_name(name: str) -> str:
    """A count column's name: its header's tokens, or `count` where they say nothing."""
    return "count" if name == "text" or name.startswith("col") else name


def amount_field_name(path: list[str], two_sided: bool, fiscal_year: int | None, document_type: str) -> str:
    """An amount column's name from what it means (comparable.py), the same in every document:
    [side_][prior_year_|next_year_][phase_][fund_]measure — e.g. total, basic, general_public_budget,
    expenditure_carryover, prior_year_reception, approved_total (a final account's 年初预算)."""
    parts: list[str] = []
    top = squash(path[0]) if path else ""
    if two_sided and top.startswith(("收入", "支出")):
        parts.append("income" if top.startswith("收入") else "expenditure")
    measure = measure_of(path) or "amount"
    if fiscal_year is not None and measure != "change":
        year = year_of(path, fiscal_year)
        if year != fiscal_year:
            parts.append({fiscal_year - 1: "prior_year", fiscal_year + 1: "next_year"}.get(year, "other_year"))
    if document_type:
        phase = phase_of(path, document_type)
        if phase != phase_of((), document_type):
            parts.append(phase)
    fund = fund_of(path)
    if fund and fund != measure:
        parts.append(fund)
    parts.append(measure)
    return "_".join(parts)


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for n in names:
        if n in seen:
            seen[n] += 1
            out.append(f"{n}_{seen[n]}")
        else:
            seen[n] = 1
            out.append(n)
    return out


CODE_LEVELS = ("class", "subclass", "item")  # 类, 款, 项: vocabulary.toml's tokens


def _name_code_parts(names: list[str], cols: list[Column], split: list[Side], rebuilt: set[str]) -> list[str]:
    """The printed 类/款/项 columns of a split code named by their level where their header does not
    tell them apart (a 款 and a 项 column printed under one 科目编码 header) or takes the name of
    the full code rebuilt from them: field names stay unique, the printed header stays the title."""
    out = list(names)
    position = {c.index: i for i, c in enumerate(cols)}
    for side in split:
        if len(side.code_cols) > len(CODE_LEVELS):
            continue
        parts = [position[j] for j in side.code_cols]
        clash = [i for i in parts if out[i] in rebuilt or sum(out[k] == out[i] for k in range(len(out))) > 1]
        for level, i in zip(CODE_LEVELS, parts, strict=False):
            if i in clash and not out[i].endswith(CODE_LEVELS):  # already named by level: left to _unique
                out[i] = f"{out[i]}_{level}"  # functional_code → functional_code_subclass
    taken = set(rebuilt)
    for i, n in enumerate(out):  # a printed column never takes the rebuilt code's name
        if n in taken:
            out[i] = f"{n}_printed"
    return out


def _code_parts(cells: list[str | None], side: Side) -> list[str]:
    return [nfkc(cells[j] or "").strip() for j in side.code_cols]


def rebuild_split_code(parts: list[str], previous: list[str]) -> list[str]:
    """Fill the levels a 类/款/项 layout leaves blank (['', '40', ''] under 201 → 201, 40)."""
    if len(parts) < 2 or not any(parts) or not all(p == "" or p.isdigit() for p in parts):
        return parts
    k = next(i for i, p in enumerate(parts) if p)
    if k > 0 and len(previous) == len(parts) and all(previous[:k]):
        parts = previous[:k] + parts[k:]
    return parts


def _side_key(cells: list[str | None], side: Side, parts: list[str]) -> tuple[str, str]:
    """(code, label) of one side of a printed row, given its (rebuilt) code parts."""
    labels = [cells[j] for j in side.label_cols if cells[j]]
    label = labels[0] if labels else ""
    if parts and all(p == "" or p.isdigit() for p in parts):
        # 款 and 项 are two digits; spreadsheets sometimes drop the leading zero (301 | 2)
        code = "".join(p.zfill(2) if i and len(p) == 1 else p for i, p in enumerate(parts))
    else:
        code = ""
        text = next((p for p in parts if p and not p.isdigit()), "")
        if not label:
            label = text
    if not code:
        code, label = split_leading_code(label)
    return code, label.strip()


def split_leading_code(label: str) -> tuple[str, str]:
    """(code, name) of a label that prints its 类/款/项 code first; ('', label) otherwise."""
    folded = nfkc(label)
    m = LEADING_CODE.match(folded)
    if not m or (m.group(3) and not classify(m.group(3))):
        return "", label  # digits glued to a name that are no classification code: part of the name
    # the name as printed (（室） stays full-width) where folding kept the positions
    return m.group(1) or m.group(2) or m.group(3), label[m.start(4):] if len(folded) == len(label) else m.group(4)


def _borrow_spanned_labels(cells: list[str | None], sides: list[Side],
                           keys: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A side that prints an amount under no label of its own, where the label of the side to
    its left is one merged cell spanning across (江苏 2017: '支出合计' over 功能分类 and 支出用途,
    its amount in the last column), takes that label; the side it spans prints no amount."""
    out = list(keys)
    for si, side in enumerate(sides):
        if si == 0 or out[si] != ("", "") or not side.label_cols or cells[side.label_cols[0]] is not None:
            continue
        if not any(parse_amount(cells[j]) is not None for j in side.amount_cols):
            continue
        left = sides[si - 1]
        if any(parse_amount(cells[j]) is not None for j in left.amount_cols):
            continue
        k = next((j for j in range(side.label_cols[0] - 1, -1, -1) if cells[j] is not None), None)
        if k is not None and k in left.label_cols and out[si - 1][1]:
            out[si] = out[si - 1]
    return out


def _code_text_to_label(cells: list[str | None], sides: list[Side]) -> list[str | None]:
    """A merged cell like 合计 that starts in the code column belongs in the label field."""
    cells = list(cells)
    for side in sides:
        if not side.code_cols or not side.label_cols:
            continue
        j, k = side.code_cols[0], side.label_cols[0]
        text = nfkc(cells[j] or "").strip()
        if text and not text.isdigit() and not cells[k]:
            cells[k], cells[j] = cells[j], None
    return cells


def _is_note_row(cells: list[str | None]) -> bool:
    texts = [t for t in cells if t]
    return len(texts) == 1 and squash(texts[0]).startswith("注")


ROW_NUMBER = Field("row_number", "integer", "行号", "Printed row order")
PAGE = Field("page", "integer", "页码", "PDF page the row is printed on")
LEVEL_FIELDS = [
    Field("level", "integer", "层级",
          "0 合计, 1 类, 2 款, 3 项: from the code where printed, else from the label's indentation"),
    Field("parent_label", "string", "上级项目", "Label of the parent row"),
]


def _fields(layout: Layout, sides: list[Side], vocab: Vocabulary, fiscal_year: int | None = None,
            document_type: str = "") -> tuple[list[Field], list[tuple[str, int]]]:
    """Schema fields of the printed columns and, in the same order, where each value comes from:
    ("col", index) or ("code", side) for the full code rebuilt from 类/款/项 columns."""
    cols = layout.columns
    two_sided = len(sides) > 1
    split = [i for i, sd in enumerate(sides) if len(sd.code_cols) > 1]
    rebuilt = {"code"} if len(split) == 1 else {f"code_{si + 1}" for si in split}
    names = [amount_field_name(c.path, two_sided, fiscal_year, document_type) if c.role == "amount"
             else _count_name(_field_name(c.path, c.index, vocab)) if c.role == "count"
             else _field_name(c.path, c.index, vocab) for c in cols]
    names = _unique(_name_code_parts(names, cols, [sides[si] for si in split], rebuilt))
    fields: list[Field] = []
    plan: list[tuple[str, int]] = []
    for c, name in zip(cols, names, strict=True):
        ftype = {"amount": "number", "line_number": "integer", "count": "number"}.get(c.role, "string")
        description = {"code": "Classification code as printed",
                       "count": "A count of people or things as printed (not money)"}.get(c.role)
        # a column printed without a header is titled by its place, in the readers' words
        fields.append(Field(name, ftype, column_to_text(c.path) or f"第{c.index + 1}栏", description))
        plan.append(("col", c.index))
        for si in split:
            if c.index == sides[si].code_cols[-1]:
                fields.append(Field(
                    "code" if len(split) == 1 else f"code_{si + 1}", "string", "科目编码",
                    "Full classification code: the printed 类/款/项 parts joined, blank levels taken from the "
                    "rows above"))
                plan.append(("code", si))
    return fields, plan


def _cell_value(text: str, role: str) -> str:
    if role == "amount":
        a = parse_amount(text)
        return format_decimal(a) if a is not None else ""
    if role == "line_number":
        return text if text.isdigit() else ""
    if role == "count":
        a = parse_amount(text)
        return format_decimal(a) if a is not None else ""
    return text


def prints_amounts(rows: list[DataRow], columns: list[Column]) -> bool:
    """Whether any of the rows prints an amount (readable or not) in an amount column."""
    return any(parse_amount(r.cells[c.index]) is not None or is_unreadable_amount(r.cells[c.index])
               for r in rows for c in columns if c.role == "amount")


def table_to_resource(table: RawTable, layout: Layout, vocab: Vocabulary, fiscal_year: int | None = None,
                      document_type: str = "") -> tuple[Resource, list[Fact], list[UnreadableCell]]:
    """The table's resource (one row per printed row), its facts (one per printed amount) and the
    amount cells whose text does not read as an amount."""
    unit = table.unit or "万元"
    factor = UNIT_FACTORS[unit]
    cols = layout.columns
    sides = _sides(layout)
    fields, plan = _fields(layout, sides, vocab, fiscal_year, document_type)
    names = [f.name for f in fields]
    notes = list(table.notes)
    data_rows = []
    for r in layout.rows:
        if _is_note_row(r.cells):
            notes.append(re.sub(r"\s+", "", next(t for t in r.cells if t)))
        else:
            data_rows.append(r)
    has_amounts = prints_amounts(data_rows, cols)

    rows: list[dict[str, str]] = []
    # per row: the printed row and each side's (code, label)
    printed: list[tuple[DataRow, list[tuple[Side, str, str]]]] = []
    row_keys: list[tuple[str, str]] = []
    row_indents: list[float | None] = []
    previous: list[list[str]] = [[] for _ in sides]
    # A report table without amounts is printed empty; a table that is none of the report tables
    # (a list of units, a form) is kept with its words, so nothing it prints is lost.
    keep_words = table.key.startswith("other")
    for r in data_rows if has_amounts or keep_words else []:
        if not has_amounts and not any((t or "").strip() for t in r.cells):
            continue
        keys = []
        for si, side in enumerate(sides):
            parts = rebuild_split_code(_code_parts(r.cells, side), previous[si])
            if any(parts):
                previous[si] = parts
            keys.append(_side_key(r.cells, side, parts))
        keys = _borrow_spanned_labels(r.cells, sides, keys)
        cells = _code_text_to_label(r.cells, sides)
        if len(sides) == 1:
            row_keys.append(keys[0])
            primary = sides[0].label_cols[0] if sides[0].label_cols else None
            row_indents.append(r.indents[primary] if primary is not None and r.indents and cells[primary] else None)
        row = {"row_number": str(len(rows) + 1)}
        for name, (kind, i) in zip(names, plan, strict=True):
            row[name] = keys[i][0] if kind == "code" else _cell_value(cells[i] or "", cols[i].role)
        row["page"] = str(r.page)
        rows.append(row)
        printed.append((r, [(side, *key) for side, key in zip(sides, keys, strict=True)]))

    levels = rows_to_levels(row_keys, row_indents) if row_keys and has_amounts else None
    hierarchy: list[tuple[int | None, int | None]] = [(None, None)] * len(rows)
    if levels is not None:
        fields += LEVEL_FIELDS
        hierarchy = []
        for row, (level, parent) in zip(rows, levels, strict=True):
            row["level"] = str(level) if level >= 0 else ""
            row["parent_label"] = row_keys[parent][1] if parent is not None else ""
            hierarchy.append((level, parent + 1 if parent is not None else 0) if level >= 0 else (None, None))
    fields = [ROW_NUMBER, *fields, PAGE]

    facts: list[Fact] = []
    unreadable: list[UnreadableCell] = []
    for n, ((r, keyed), (level, parent)) in enumerate(zip(printed, hierarchy, strict=True), start=1):
        for side, code, label in keyed:
            for j in side.amount_cols:
                a = parse_amount(r.cells[j])
                if a is None:
                    if is_unreadable_amount(r.cells[j]):
                        unreadable.append(UnreadableCell(table.key, code, label, tuple(cols[j].path), r.page, n,
                                                         r.cells[j] or "", r.boxes[j] if r.boxes else None))
                    continue
                facts.append(Fact(
                    table=table.key, row_code=code, row_label=label, column=tuple(cols[j].path), amount=a,
                    unit=unit, factor=factor, page=r.page, row_number=n, row_level=level, parent_row=parent,
                    is_total=not code and is_total_row(label),
                    confidence=r.confidences[j] if r.confidences else None,
                    ocr_text=(r.ocr_texts[j] or r.cells[j] or "") if r.confidences and r.confidences[j] is not None
                    else "",
                    box=r.boxes[j] if r.boxes else None,
                ))
    description = table.title
    if not rows:
        empty = next((n for n in notes if vocab.is_empty_note(n)), None)
        description += f"。本表无数据（{empty or '表中无金额'}）。"
    resource = Resource(
        name=table.key,
        title=table.title,
        fields=fields,
        rows=rows,
        description=description,
        primary_key=["row_number"],
        extra={"unit": unit, "pages": table.pages, "notes": notes},
    )
    return resource, facts, unreadable


def facts_resource(facts: list[Fact]) -> Resource:
    """Every fact; a document read (in part) by OCR also gives each amount's confidence."""
    ocr = any(f.confidence is not None for f in facts)
    return Resource(
        name="facts",
        title="全部金额（每个印刷金额一行）",
        fields=[*FACT_FIELDS, CONFIDENCE_FIELD] if ocr else list(FACT_FIELDS),
        rows=[f.to_row() for f in facts],
        description="Every printed amount of the report tables, one per row, with its table, row, column and page.",
    )


def findings_resource(findings: list[Finding]) -> Resource:
    return Resource(
        name="findings",
        title="核对发现（报表自身不一致之处）",
        fields=list(FINDING_FIELDS),
        rows=[f.to_row() for f in findings],
        description="Where the document's own numbers do not add up, by accounting rule. Numbers are never corrected.",
        primary_key=[],
    )
