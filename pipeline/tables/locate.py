"""Find report tables by their titles, stitch them across pages, and read their headers.

`pages_to_tables` walks the pages in reading order. A title line (recognised through
vocabulary.toml) opens a table; the ruled grids that follow belong to it until the
next title, including grids on later pages (continuations, with or without a repeated
header). `table_to_layout` then splits header rows from data rows and works out which
columns hold codes, labels and amounts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..amounts import is_amount, is_code, is_unreadable_amount
from ..model import Box, Cell, Grid, Line, Page
from ..read.grids.settings import GRID_SETTINGS
from ..vocabulary import SECTION_HEADING, Vocabulary, nfkc, squash
from .forms import is_form_start, is_untitled_form, titled_form_project

HEADER_WORDS = re.compile(
    r"预算|决算|收入|支出|合计|总计|经费|资金|科目|项目|编码|代码|名称|金额|小计|年|结转|结余|"
    r"拨款|单位|类|款|项|栏次|行次|说明|数|经济分类|功能分类"
)
DATA_LABEL = re.compile(r"^(合计|总计|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|其中)")


@dataclass
class RawTable:
    key: str
    title: str
    unit: str | None
    rank: int = 1
    fallback: str | None = None  # the key it takes when a better-ranked table holds `key`
    labels: list[str] = field(default_factory=list)  # 部门：/单位名称： lines printed with it
    grids: list[Grid] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def pages(self) -> list[int]:
        return sorted({g.page for g in self.grids})


@dataclass
class Column:
    index: int
    path: list[str]
    role: str  # code | label | amount | line_number | ratio | count
    side: int = 0


@dataclass
class DataRow:
    page: int
    cells: list[str | None]  # None where a merged cell from another column covers it
    indents: list[float | None] = field(default_factory=list)
    confidences: list[float | None] = field(default_factory=list)  # OCR confidence per cell (None: text layer)
    ocr_texts: list[str | None] = field(default_factory=list)  # OCR reading where a confusion was resolved
    boxes: list[Box | None] = field(default_factory=list)  # where each cell's text is printed


@dataclass
class Layout:
    columns: list[Column]
    rows: list[DataRow]


# Columns of rates and scores: numbers, but not amounts of money in the table's unit (a
# percentage, a growth rate; a performance sheet's 分值/得分/权重).
RATIO = re.compile(r"%|％|百分比|增长率|增幅|比例|占比|比重|分值|得分|评分|权重")
# Columns that count people or things (培训人数, 采购数量, 车辆数): numbers, never money.
COUNT = re.compile(r"人数|人次|数量|台数|辆数|车辆数|个数|件数"
                   r"|^(台|辆|个|人|套|件)$|[（(](人|台|辆|个|套|件|人次)[）)]$")
COLUMN_NUMBER_LEAD = {"*", "**", "***", "甲", "乙", "丙", "栏次", "行次", "栏号"}
PREAMBLE = re.compile(r"^(编制单位|单位名称|部门名称|预算单位|填报单位|部门|单位)\s*[:：]|^金额单位")
LABEL_START = re.compile(r"(?=(?:编制单位|单位名称|部门名称|预算单位|填报单位|部门|单位|金额单位)\s*[:：])")


def split_labels(text: str) -> list[str]:
    """A title and its 部门：/单位： lines printed in one cell ('收支预算总表部门：…单位：万元'),
    as separate lines."""
    parts = [p.strip() for p in LABEL_START.split(text)]
    return [p for p in parts if p] or [text]


def _is_preamble_text(text: str, vocab: Vocabulary) -> bool:
    return (
        vocab.title_key(text) is not None
        or vocab.is_table_number(text)
        or vocab.unit_in(text) is not None
        or bool(PREAMBLE.match(squash(text)))
    )


def split_preamble(grid: Grid, vocab: Vocabulary) -> tuple[list[str], Grid]:
    """Titles and unit lines printed inside a table's frame, and the grid without them."""
    m = grid.matrix()
    texts: list[str] = []
    k = 0
    while k < grid.nrows:
        row = _row_texts(m[k])
        if row and not all(_is_preamble_text(t, vocab) for t in row):
            break
        texts.extend(row)
        k += 1
    if k == 0:
        return [], grid
    cells = [
        replace(c, row=c.row - k, indent=None) for c in grid.cells if c.row >= k
    ]
    return texts, Grid(grid.page, grid.bbox, grid.nrows - k, grid.ncols, cells, grid.col_x)


# A frame with this many rows in a row that name tables lists them (a 报表目录); tables drawn in
# one frame have their header and rows between their titles.
CONTENTS_MIN_TITLES = 3


def split_at_titles(grid: Grid, vocab: Vocabulary) -> list[Grid]:
    """Two tables drawn in one frame: split where a row holds nothing but a new title."""
    m = grid.matrix()
    titled = [any(vocab.title_key(t) is not None for t in _row_texts(row)) for row in m]
    cuts = [i for i in range(1, grid.nrows)
            if titled[i] and all(_is_preamble_text(t, vocab) for t in _row_texts(m[i]))]
    run = longest = 0
    for t in titled:
        run = run + 1 if t else 0
        longest = max(longest, run)
    if not cuts or longest >= CONTENTS_MIN_TITLES:
        return [grid]  # one table, or a list of the tables' titles (a 报表目录)
    parts = []
    for start, end in zip([0, *cuts], [*cuts, grid.nrows], strict=True):
        cells = [replace(c, row=c.row - start, rowspan=min(c.rowspan, end - c.row))
                 for c in grid.cells if start <= c.row < end]
        parts.append(Grid(grid.page, grid.bbox, end - start, grid.ncols, cells, grid.col_x))
    return parts


def _kind(text: str) -> str:
    return "amount" if is_amount(text) else "code" if is_code(text) else "text"


def _row_above(line: Line, grid: Grid) -> Grid | None:
    """A row printed just above a grid's first ruling line (the first row of a continuation page
    drawn without its top border) as the grid's first row: its words, in order, must match the
    kinds (code, text, amount) of the grid's first row cell for cell."""
    first = [c for c in (grid.matrix()[0] if grid.nrows else []) if c is not None and c.text]
    words = line.text.split()
    if (not first or len(words) != len(first) or not any(is_amount(w) for w in words)
            or [_kind(w) for w in words] != [_kind(c.text) for c in first]):
        return None
    height = (grid.bbox[3] - grid.bbox[1]) / max(grid.nrows, 1)
    if not (0 <= grid.bbox[1] - line.bottom <= height and line.x0 >= grid.bbox[0] - 2 and line.x1 <= grid.bbox[2] + 2):
        return None
    cells = [Cell(c.row + 1, c.col, c.rowspan, c.colspan, c.text, c.indent, bbox=c.bbox) for c in grid.cells]
    starts, at = [], 0
    for w in words:
        at = line.text.index(w, at)
        starts.append(at)
        at += len(w)
    cells += [Cell(0, c.col, 1, c.colspan, w, bbox=line.span_box(s, s + len(w)))
              for c, w, s in zip(first, words, starts, strict=True)]
    return Grid(grid.page, (grid.bbox[0], line.top, grid.bbox[2], grid.bbox[3]), grid.nrows + 1, grid.ncols,
                cells, grid.col_x)


def _events(page: Page, vocab: Vocabulary):
    grids = list(page.grids)
    lines = []
    for ln in page.lines:
        for k, g in enumerate(grids):
            joined = _row_above(ln, g)
            if joined is not None:
                grids[k] = joined
                break
        else:
            lines.append(ln)
    # a title and its 单位：万元 set on one line are two events (the title, then the unit)
    items: list[tuple[float, int, object]] = [(ln.top, 0, t) for ln in lines for t in split_labels(ln.text)]
    for g in grids:
        for n, part in enumerate(split_at_titles(g, vocab)):
            pre, grid = split_preamble(part, vocab)
            top = g.bbox[1] + n * 1e-3  # parts of one frame keep their order
            items += [(top, 0, t) for text in pre for t in split_labels(text)]
            if grid.nrows:
                items.append((top, 1, grid))
    return [x[2] for x in sorted(items, key=lambda x: (x[0], x[1]))]


UNTITLED = "（无标题表格）"
PERFORMANCE_LIST = "performance_list"  # a table of 绩效目标 by project: performance_lists.py reads it
CONTINUED = re.compile(r"[（(]\s*续\s*[)）]|续表|（续表）")


def _base_title(title: str) -> str:
    """A title without its 续 (continued) mark: '收支总表（续）' continues '收支总表'."""
    return CONTINUED.sub("", squash(title))


def pages_to_tables(pages: list[Page], vocab: Vocabulary) -> list[RawTable]:
    tables: list[RawTable] = []
    pending: RawTable | None = None  # a title seen, its grid not yet
    current: RawTable | None = None  # the table later grids continue
    current_before_title: RawTable | None = None
    last_unit: str | None = None
    previous_text = ""
    for page in pages:
        for ev in _events(page, vocab):
            if isinstance(ev, Grid):
                previous_text = ""
                if pending is None and is_untitled_form(ev):
                    # a 绩效目标表 form printing its title inside its ruling (read by forms.py),
                    # never the continuation of the table before it
                    current = RawTable(key="skip", title="", unit=None, grids=[ev])
                    continue
                if pending is not None:
                    last = tables[-1] if tables else None
                    repeated = (
                        last is not None and last is current_before_title
                        and _base_title(last.title) == _base_title(pending.title)
                        and last.grids and last.grids[-1].ncols == ev.ncols
                    )
                    if repeated:
                        current = last  # the same title printed again on the next page
                    else:
                        current = pending
                        form = is_form_start(ev) or bool(titled_form_project(ev, current.title))
                        if current.key == "skip" and not form:
                            # 绩效目标 as one list, not a form per project: read as targets
                            current.key, current.rank = PERFORMANCE_LIST, 9
                        if current.key != "skip":
                            tables.append(current)
                    pending = None
                if current is None:
                    # a table with no title the pipeline can read: kept, not dropped
                    current = RawTable(key="other", title=UNTITLED, unit=None, rank=9)
                    tables.append(current)
                current.grids.append(ev)
                continue
            text = ev
            unit = vocab.unit_in(text)
            if unit:
                last_unit = unit
                target = pending or current
                if target is not None and (pending is not None or not target.unit):
                    target.unit = unit
            rule = vocab.title_rule(text)
            if rule is not None and rule.key == "other" and previous_text:
                # a long title wrapped over two lines: '2026年一般公共预算基本支出' / '情况表'
                joined = vocab.title_rule(previous_text + text)
                if joined is not None and joined.key != "other":
                    rule, text = joined, previous_text + text
            short = len(squash(text)) <= 30 and not re.search(r"[。，；：:,;]", text)
            previous_text = text if rule is None and short and not vocab.unit_in(text) else ""
            if rule is not None:
                if pending is None:
                    current_before_title = current
                pending = RawTable(key=rule.key, title=re.sub(r"\s+", "", text), unit=None, rank=rule.rank,
                                   fallback=rule.fallback)
                current = None
                continue
            if SECTION_HEADING.match(squash(text)):
                pending = current = current_before_title = None
                continue
            note = re.sub(r"\s+", "", text)
            if PREAMBLE.match(squash(text)) and not vocab.unit_in(text) and (pending or current) is not None:
                (pending or current).labels.append(note)
                continue
            if current is not None and squash(text).startswith("注"):
                current.notes.append(note)
            elif pending is not None and vocab.is_empty_note(text):
                pending.notes.append(note)
    # an untitled grid is kept only when it holds amounts (layout boxes and forms do not)
    tables = [t for t in tables if t.title != UNTITLED or any(
        is_amount(c.text) for g in t.grids for c in g.cells)]
    for t in tables:
        if t.unit is None:
            t.unit = _header_unit(t) or last_unit or "万元"
    return tables


HEADER_UNIT = re.compile(r"[（(](亿元|万元|千元|元)[)）]")


def _header_unit(table: RawTable) -> str | None:
    """A unit printed in the header instead of a 单位 line: 金额（万元）, 预算数(元)."""
    if not table.grids:
        return None
    for row in table.grids[0].matrix()[:4]:
        for t in _row_texts(row):
            m = HEADER_UNIT.search(nfkc(t))
            if m:
                return m.group(1)
    return None


def _row_texts(row: list[Cell | None]) -> list[str]:
    return [c.text for c in row if c is not None and c.text]


def _is_column_numbers(texts: list[str]) -> bool:
    if len(texts) < 2:
        return False
    if squash(texts[0]) in ("栏次", "行次"):
        return True
    lead = 0
    while lead < len(texts) and not texts[lead].isdigit() and squash(texts[lead]) in COLUMN_NUMBER_LEAD:
        lead += 1
    nums_text = texts[lead:]
    # a table of one amount column numbers it '** | 1': one number is enough after a lead mark
    if len(nums_text) < (1 if lead else 2) or not all(t.isdigit() for t in nums_text):
        return False
    nums = [int(t) for t in nums_text]
    return nums == list(range(nums[0], nums[0] + len(nums))) and (len(nums) > 1 or nums[0] == 1)


def _is_data_start(row: list[Cell | None]) -> bool:
    """A row that can only be data: an amount, a code first, or only data labels."""
    texts = _row_texts(row)
    if any(is_amount(t) or is_unreadable_amount(t) for t in texts):
        return True  # an amount that does not read (4O.00) still makes a data row, never a header
    first = next((c for c in row if c is not None and c.text), None)
    if first is None:
        return False
    if first.col == 0 and is_code(first.text):
        return True
    return all(DATA_LABEL.match(squash(t)) for t in texts)


def _is_header_words(row: list[Cell | None], vocab: Vocabulary) -> bool:
    return all(HEADER_WORDS.search(squash(t)) or vocab.token(t) is not None for t in _row_texts(row))


def header_row_count(grid: Grid, vocab: Vocabulary) -> int:
    """Rows above the data. Where the table has amounts, the header ends at the first row
    that must be data; an empty table has only header words to go by."""
    m = grid.matrix()
    has_amounts = any(is_amount(t) for row in m for t in _row_texts(row))
    for i, row in enumerate(m):
        if _is_column_numbers(_row_texts(row)):
            return i + 1
        if _is_data_start(row) or (not has_amounts and not _is_header_words(row, vocab)):
            return i
    return grid.nrows


def _header_paths(grid: Grid, nheader: int) -> list[list[str]]:
    owner = grid.owner()
    skip = {i for i, row in enumerate(grid.matrix()[:nheader]) if _is_column_numbers(_row_texts(row))}
    paths = []
    for j in range(grid.ncols):
        path: list[str] = []
        seen: set[int] = set()
        for i in range(nheader):
            c = owner[i][j]
            if i in skip or c is None or id(c) in seen:
                continue
            seen.add(id(c))
            if c.text:
                path.append(re.sub(r"\s+", "", c.text))
        paths.append(path)
    return paths


def _same_header(grid: Grid, first: Grid, nheader: int) -> int:
    """How many leading rows of a continuation grid repeat the first grid's header."""
    if nheader == 0 or grid.ncols != first.ncols:
        return 0
    a, b = first.matrix(), grid.matrix()
    n = 0
    for i in range(min(nheader, grid.nrows)):
        if _row_texts(a[i]) != _row_texts(b[i]):
            break
        n += 1
    return n


def _data_rows(grid: Grid, start: int) -> list[DataRow]:
    m = grid.matrix()
    rows = []
    for i in range(start, grid.nrows):
        cells = [c.text if c is not None else None for c in m[i]]
        indents = [c.indent if c is not None else None for c in m[i]]
        confidences = [c.confidence if c is not None else None for c in m[i]]
        ocr_texts = [c.ocr_text if c is not None else None for c in m[i]]
        boxes = [c.bbox if c is not None else None for c in m[i]]
        rows.append(DataRow(page=grid.page, cells=cells, indents=indents, confidences=confidences,
                            ocr_texts=ocr_texts, boxes=boxes))
    return rows


CODE_HEADER = re.compile(r"(编码|代码)$")
CODE_SHAPE = re.compile(r"^\d{3}(\d{2}){0,2}$")


def _looks_like_codes(values: list[str]) -> bool:
    """A column of classification codes whatever its header says: every cell a 3/5/7-digit
    number, and most longer ones under a shorter one printed in the same column (301 → 30101)."""
    cells = [v.strip() for v in values if v and v.strip()]
    if len(cells) < 3 or not all(CODE_SHAPE.match(v) for v in cells):
        return False
    present = set(cells)
    longer = [v for v in cells if len(v) > 3]
    return bool(longer) and sum(v[:-2] in present for v in longer) >= 0.5 * len(longer)


def _role(path: list[str], values: list[str], vocab: Vocabulary) -> str:
    leaf = vocab.header_key(path[-1]) if path else ""
    if leaf in vocab.line_number_headers:
        return "line_number"
    if RATIO.search(leaf):
        return "ratio"  # a percentage, rate or score: not an amount in the table's unit
    if COUNT.search(leaf):
        return "count"  # people or things: a number in its own unit, no fact in 元
    if leaf in vocab.code_headers or CODE_HEADER.search(leaf) or _looks_like_codes(values):
        return "code"
    n_amount = sum(1 for v in values if is_amount(v))
    n_text = sum(1 for v in values if not is_amount(v))
    if leaf in vocab.label_headers and n_amount <= n_text:
        return "label"
    if n_text > n_amount:
        return "label"
    return "amount"


def realign(grid: Grid, like: Grid, tolerance: float = GRID_SETTINGS.realign_tolerance) -> Grid | None:
    """A continuation drawn with fewer column lines (a last page holding only the merged 合计
    row) placed on the first page's columns by x position."""
    if len(grid.col_x) != grid.ncols + 1 or len(like.col_x) != like.ncols + 1:
        return None

    def nearest(x: float) -> int | None:
        j = min(range(len(like.col_x)), key=lambda k: abs(like.col_x[k] - x))
        return j if abs(like.col_x[j] - x) <= tolerance else None

    cells = []
    for c in grid.cells:
        left, right = nearest(grid.col_x[c.col]), nearest(grid.col_x[c.col + c.colspan])
        if left is None or right is None or right <= left:
            return None
        cells.append(replace(c, col=left, colspan=right - left))
    return Grid(grid.page, grid.bbox, grid.nrows, like.ncols, cells, like.col_x)


def table_to_layout(table: RawTable, vocab: Vocabulary) -> Layout:
    first = table.grids[0]
    nheader = header_row_count(first, vocab)
    paths = _header_paths(first, nheader)
    rows = _data_rows(first, nheader)
    for g in table.grids[1:]:
        if g.ncols != first.ncols:
            g = realign(g, first)
            if g is None:
                continue  # its columns line up with none of the table's: not this table
        skip = _same_header(g, first, nheader)
        if skip == 0 and nheader and header_row_count(g, vocab) == nheader:
            skip = nheader
        # a repeated column-number row after a repeated header
        rest = _data_rows(g, skip)
        if rest and _is_column_numbers([t for t in rest[0].cells if t]):
            rest = rest[1:]
        rows.extend(rest)
    rows = [r for r in rows if any(t for t in r.cells)]
    columns = []
    for j, path in enumerate(paths):
        values = [r.cells[j] for r in rows if r.cells[j]]
        columns.append(Column(index=j, path=path, role=_role(path, values, vocab)))
    side, prev = -1, None
    for col in columns:
        if col.role in ("line_number", "ratio"):
            col.side = max(side, 0)
            continue
        if col.role in ("code", "label") and prev in (None, "amount"):
            side += 1
        col.side = max(side, 0)
        prev = col.role
    return Layout(columns=columns, rows=rows)
