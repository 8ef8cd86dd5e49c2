"""Turn a laid-out table into a tidy resource (one row per printed row) and its facts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .amounts import format_decimal, parse_amount, to_yuan
from .hierarchy import rows_to_levels
from .ids import slugify
from .tables import Layout, RawTable
from .vocabulary import UNIT_FACTORS, Vocabulary, nfkc, squash

LEADING_CODE = re.compile(r"^(\d{3}(?:\d{2}){0,2})\s+(\S.*)$")

FACT_FIELDS = [
    ("table", "string", "表", "Table key (see the data contract)"),
    ("row_code", "string", "科目编码", "Classification code of the row; empty when the row has none"),
    ("row_label", "string", "项目", "The row's item name as printed"),
    ("column", "string", "栏目", "The column's printed header path, levels joined by '/'"),
    ("amount", "number", "金额", "The amount as printed, without thousands separators"),
    ("unit", "string", "单位", "The unit printed for the table: 元, 万元 or 亿元"),
    ("amount_yuan", "number", "金额（元）", "The amount in 元"),
    ("page", "integer", "页码", "1-based page of the PDF where the cell is printed"),
    ("row_number", "integer", "行号", "Row number in the table resource"),
]


@dataclass
class Resource:
    name: str
    title: str
    fields: list[dict]
    rows: list[list[str]]
    description: str = ""
    primary_key: list[str] = field(default_factory=list)
    extra: dict = field(default_factory=dict)
    parents: dict[int, tuple[int, int]] = field(default_factory=dict)  # row_number → (level, parent row_number)
    foreign_keys: list[dict] = field(default_factory=list)


def field_descriptor(name: str, type_: str, title: str, description: str = "") -> dict:
    """A Table Schema field: English name, type, the printed Chinese title, a description."""
    return {"name": name, "type": type_, "title": title, "description": description or title}


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
    """English tokens from vocabulary.toml; a header it does not know yet gets its pinyin,
    so that the same printed header still gives the same name in every document."""
    tokens = []
    for part in path:
        tok = vocab.token(part)
        if tok is None:
            tok = slugify(vocab.header_key(part)).replace("-", "_")[:40].strip("_")
        if tok:
            tokens.append(tok)
    if not tokens:
        return f"col{index + 1}"
    # "项目" only says "the item": drop it where a more precise word follows
    tokens = [t for i, t in enumerate(tokens) if not (t == "item" and i < len(tokens) - 1)]
    out: list[str] = []
    for t in tokens:
        if not out or out[-1] != t:
            out.append(t)
    return "_".join(out)


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
        m = LEADING_CODE.match(nfkc(label))
        if m:
            code, label = m.group(1), m.group(2)
    return code, label.strip()


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


def _fields(layout: Layout, sides: list[Side], vocab: Vocabulary) -> tuple[list[dict], list[tuple[str, int]]]:
    """Schema fields and, in the same order, where each value comes from: ("col", index) or
    ("code", side) for the full code rebuilt from 类/款/项 columns."""
    cols = layout.columns
    names = _unique([_field_name(c.path, c.index, vocab) for c in cols])
    split = [i for i, sd in enumerate(sides) if len(sd.code_cols) > 1]
    fields = [{"name": "row_number", "type": "integer", "title": "行号", "description": "Printed row order"}]
    plan: list[tuple[str, int]] = []
    for c, name in zip(cols, names, strict=True):
        ftype = {"amount": "number", "line_number": "integer"}.get(c.role, "string")
        f = {"name": name, "type": ftype, "title": "/".join(c.path) or name}
        if c.role == "code":
            f["description"] = "Classification code as printed"
        fields.append(f)
        plan.append(("col", c.index))
        for si in split:
            if c.index == sides[si].code_cols[-1]:
                fields.append({
                    "name": "code" if len(split) == 1 else f"code_{si + 1}", "type": "string", "title": "科目编码",
                    "description": "Full classification code: the printed 类/款/项 parts joined, blank levels "
                                   "taken from the rows above",
                })
                plan.append(("code", si))
    fields.append({"name": "page", "type": "integer", "title": "页码", "description": "PDF page the row is printed on"})
    return fields, plan


def table_to_resource(table: RawTable, layout: Layout, vocab: Vocabulary) -> tuple[Resource, list[list[str]]]:
    """The table's resource and its facts (rows in FACT_FIELDS order)."""
    unit = table.unit or "万元"
    factor = UNIT_FACTORS[unit]
    cols = layout.columns
    sides = _sides(layout)
    fields, plan = _fields(layout, sides, vocab)
    notes = list(table.notes)
    data_rows = []
    for r in layout.rows:
        if _is_note_row(r.cells):
            notes.append(re.sub(r"\s+", "", next(t for t in r.cells if t)))
        else:
            data_rows.append(r)
    has_amounts = any(parse_amount(r.cells[c.index]) is not None for r in data_rows for c in cols if c.role == "amount")

    rows: list[list[str]] = []
    facts: list[list[str]] = []
    row_keys: list[tuple[str, str]] = []
    row_indents: list[float | None] = []
    previous: list[list[str]] = [[] for _ in sides]
    for r in data_rows if has_amounts else []:
        n = len(rows) + 1
        keys = []
        for si, side in enumerate(sides):
            parts = rebuild_split_code(_code_parts(r.cells, side), previous[si])
            if any(parts):
                previous[si] = parts
            keys.append(_side_key(r.cells, side, parts))
        cells = _code_text_to_label(r.cells, sides)
        if len(sides) == 1:
            row_keys.append(keys[0])
            primary = sides[0].label_cols[0] if sides[0].label_cols else None
            row_indents.append(r.indents[primary] if primary is not None and r.indents and cells[primary] else None)
        out = [str(n)]
        for kind, i in plan:
            if kind == "code":
                out.append(keys[i][0])
                continue
            text = cells[i] or ""
            role = cols[i].role
            if role == "amount":
                a = parse_amount(text)
                out.append(format_decimal(a) if a is not None else "")
            elif role == "line_number":
                out.append(text if text.isdigit() else "")
            else:
                out.append(text)
        out.append(str(r.page))
        rows.append(out)
        for side, (code, label) in zip(sides, keys, strict=True):
            for j in side.amount_cols:
                a = parse_amount(r.cells[j])
                if a is None:
                    continue
                facts.append([
                    table.key, code, label, "/".join(cols[j].path), format_decimal(a), unit,
                    to_yuan(a, factor), str(r.page), str(n),
                ])
    parents: dict[int, tuple[int, int]] = {}
    levels = rows_to_levels(row_keys, row_indents) if row_keys else None
    if levels is not None:
        fields[-1:-1] = [
            {"name": "level", "type": "integer", "title": "层级",
             "description": "0 合计, 1 类, 2 款, 3 项: from the code where printed, else from the label's indentation"},
            {"name": "parent_label", "type": "string", "title": "上级项目", "description": "Label of the parent row"},
        ]
        for out, (level, parent) in zip(rows, levels, strict=True):
            parent_label = row_keys[parent][1] if parent is not None else ""
            out[-1:-1] = [str(level) if level >= 0 else "", parent_label]
            if level >= 0:
                parents[int(out[0])] = (level, parent + 1 if parent is not None else 0)
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
        parents=parents,
    )
    return resource, facts


def facts_resource(facts: list[list[str]]) -> Resource:
    fields = [field_descriptor(*f) for f in FACT_FIELDS]
    return Resource(
        name="facts",
        title="全部金额（每个印刷金额一行）",
        fields=fields,
        rows=facts,
        description="Every printed amount of the report tables, one per row, with its table, row, column and page.",
    )


FINDING_FIELDS = [
    ("rule", "string", "规则", "The accounting rule that was checked"),
    ("severity", "string", "级别", "error: does not add up; warning: a rounding difference (尾差) within tolerance"),
    ("table", "string", "表", "Table key"),
    ("row_code", "string", "科目编码", "Code of the row whose printed amount was checked"),
    ("row_label", "string", "项目", "Label of that row as printed"),
    ("column", "string", "栏目", "Header path of the column"),
    ("page", "integer", "页码", "PDF page of the printed amount"),
    ("printed", "number", "印刷数", "The amount as printed"),
    ("expected", "number", "应为", "What the rule computes from the other printed amounts"),
    ("difference", "number", "差额", "printed − expected"),
    ("message", "string", "说明", "What does not agree, in words"),
]


def findings_resource(findings: list) -> Resource:
    fields = [field_descriptor(*f) for f in FINDING_FIELDS]
    rows = [
        [f.rule, f.severity, f.table, f.row_code, f.row_label, f.column, str(f.page),
         format_decimal(f.printed), format_decimal(f.expected), format_decimal(f.difference), f.message]
        for f in findings
    ]
    return Resource(
        name="findings",
        title="核对发现（报表自身不一致之处）",
        fields=fields,
        rows=rows,
        description="Where the document's own numbers do not add up, by accounting rule. Numbers are never corrected.",
        primary_key=[],
    )
