"""项目支出绩效目标表 read as forms: labelled fields, funds by source, and the indicator grid.

A form is a ruled grid that starts with 项目名称. Labels are found by their words, values are
the next filled cell to their right (layouts shift cells), and the indicator rows are read by
the columns of their header row (一级指标 二级指标 三级指标 指标值, for 实施期 then 年度);
merged cells carry the 一级/二级指标 down. A final account's 绩效自评表 prints its funds as rows
(年度资金总额, 其中：财政拨款, 上年结转, 其他资金) under the columns 年初预算数, 全年预算数,
全年执行数, 分值, 执行率, 得分: each row is read by those columns (`execution`).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from ..model import Fact, Grid, Page
from ..vocabulary import squash

FIELDS = {
    "项目名称": "project_name",
    "主管部门及代码": "department",
    "主管部门": "department",
    "实施单位": "implementing_unit",
    "项目属性": "project_type",
    "项目性质": "project_type",  # 上海's 财政项目支出绩效目标填报表: 经常性项目/阶段性项目
    "项目期": "project_period",
    "项目概况": "overview",
    "立项依据": "basis",
    "项目设立必要性": "necessity",
    "保证项目实施的制度、措施": "safeguards",
    "保证项目实施的制度,措施": "safeguards",
    "项目实施计划": "plan",
}
FUNDS = [
    (re.compile(r"资金(申请)?总额"), "total"),
    (re.compile(r"中央"), "central"),
    (re.compile(r"省级"), "provincial"),
    (re.compile(r"市县|市级|县级"), "local"),
    (re.compile(r"单位自筹|自筹"), "self_raised"),
    (re.compile(r"其他资金"), "other"),
]
FOOTER = re.compile(r"(负责人|经办人|联系电话|填报日期)[:：]\s*((?:(?!负责人|经办人|联系电话|填报日期)\S)*)")
VALUE = re.compile(r"^(?P<cmp>[≥≤><=＞＜≧≦]|大于等于|小于等于|不低于|不高于|不超过|不少于)?\s*"
                   r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>[^\d\s]{0,8})$")
# A goal's heading → its period; a form prints them as 实施期目标/年度目标 or 项目总目标/年度总体目标.
GOAL_HEADS = {"实施期目标": "period", "实施目标": "period", "项目总目标": "period", "项目实施期目标": "period",
              "年度目标": "year", "年度总体目标": "year", "项目年度目标": "year"}
# Labels printed beside the goals, never a goal's text.
GOAL_LABELS = {"总体目标", "项目绩效目标", "绩效目标"}
# A 绩效自评表 heads two columns under its goal heading: the goal set, and what was achieved.
GOAL_SET, GOAL_RESULT = "预期目标", "实际完成情况"
ACTUAL = "实际完成值"
# The columns of a 绩效自评表's funds rows, by the words of their heading.
EXECUTION_COLUMNS = {"年初预算数": "budget_initial", "全年预算数": "budget_full_year", "全年执行数": "executed",
                     "分值": "weight", "执行率": "execution_rate", "得分": "score"}
# The words a form heads its lowest indicator level with (西安's forms: 一级指标 二级指标 指标内容 指标值).
LEVEL3_HEADS = {"三级指标": "三级指标", "指标内容": "三级指标", "指标名称": "三级指标"}
COMPARATORS = {"≧": "≥", "≦": "≤", "＞": ">", "＜": "<", "大于等于": "≥", "不低于": "≥", "不少于": "≥",
               "小于等于": "≤", "不高于": "≤", "不超过": "≤"}


@dataclass
class Form:
    page: int
    fields: dict[str, str] = field(default_factory=dict)
    funds: dict[str, str] = field(default_factory=dict)  # "<period>_<source>" → 元 as printed
    goals: dict[str, str] = field(default_factory=dict)  # period → text
    indicators: list[dict] = field(default_factory=list)
    grids: list[Grid] = field(default_factory=list)
    funds_unit: str = "元"  # as the 项目资金（元） / （万元） label says
    # a 绩效自评表's funds rows: (the row's label as printed, EXECUTION_COLUMNS name → value as printed)
    execution: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    title_project: str = ""  # the project the title above names, for a form that prints no 项目名称


def parse_value(text: str) -> tuple[str, str, str]:
    """(comparator, number, unit) for values like ≥95%, ≤216.45万元, 63人; blanks otherwise."""
    m = VALUE.match(squash(text).replace("％", "%"))
    if not m or len(m.group("unit")) > 6:
        return "", "", ""
    cmp = m.group("cmp") or "="
    unit = m.group("unit")
    if re.fullmatch(r"[(（].*[)）]", unit):  # ≥13459.00(平方米)
        unit = unit[1:-1]
    return COMPARATORS.get(cmp, cmp), m.group("num"), unit


def _key(text: str | None) -> str:
    return re.sub(r"[:：()（）]", "", squash(text or "")).replace("(元)", "")


TITLE_ROWS = 2  # a form may print its title and （2023年度） as rows of its own grid, above 项目名称


def _name_row(grid: Grid) -> int | None:
    """The row that starts with 项目名称, below at most TITLE_ROWS rows of one cell each (the
    form's title inside its ruling); None when there is no such row."""
    for i, row in enumerate(grid.matrix()[: TITLE_ROWS + 1]):
        filled = [c for c in row if c is not None and c.text.strip()]
        if filled and _key(filled[0].text) == "项目名称":
            return i
        if len(filled) > 1:
            return None
    return None


def is_form_start(grid: Grid) -> bool:
    """A grid that starts a 绩效目标表 form: a row with 项目名称 first (see _name_row) and the
    words of a form (项目资金…, 绩效指标, 总体目标, 一级指标)."""
    if _name_row(grid) is None:
        return False
    words = {_key(c.text) for c in grid.cells}
    return any(w.startswith("项目资金") or w in ("绩效指标", "总体目标", "一级指标", "年度目标") for w in words)


# Labels only a form prints in its first column (a table of projects heads its columns instead).
FORM_ONLY_LABELS = {"主管部门", "主管部门及代码", "实施单位"}


def is_untitled_form(grid: Grid) -> bool:
    """A form with no title line before it, told apart from the continuation of a table whose
    header starts 项目名称 | 项目资金…: its title printed inside its ruling, or its 主管部门 /
    实施单位 labels in the first column below 项目名称."""
    row = _name_row(grid)
    if row is None or not is_form_start(grid):
        return False
    return row > 0 or any(c.col == 0 and c.row > row and _key(c.text) in FORM_ONLY_LABELS for c in grid.cells)


# '<project>项目绩效目标表' printed above a form that has no 项目名称 row (泉州); generic titles
# (项目支出绩效目标表, 部门整体支出绩效目标表, 区本级…, 一般公共预算…, XX局2024年…) name no project.
PROJECT_TITLE = re.compile(r"^(?:\d+[.、．]\s*|[(（][一二三四五六七八九十\d]+[)）]\s*)?(?P<name>.+?)(?:项目)?(?:支出)?"
                           r"绩效目标(?:申报)?表$")
GENERIC_TITLES = {"项目", "项目支出", "部门整体", "单位整体", "部门", "单位", "整体"}
GENERIC_ENDINGS = ("预算", "本级", "部门", "单位", "整体", "年", "年度", "项目")


def project_of_title(title: str) -> str:
    """The project a form's title names, or '' for a generic title."""
    m = PROJECT_TITLE.match(squash(title))
    name = m.group("name") if m else ""
    name = re.sub(r"^\d{4}年(度)?", "", name)
    if name in GENERIC_TITLES or name.endswith(GENERIC_ENDINGS) or re.match(r"^(附件|附表)\d*$", name):
        return ""
    return name


def has_form_labels(grid: Grid) -> bool:
    """A grid laid out as a form though it prints no 项目名称 at all: a funds label (项目资金/
    专项资金情况…（万元）) and a goal or the indicator header in its first column."""
    first = {_key(c.text) for c in grid.cells if c.col == 0 and c.text.strip()}
    words = {_key(c.text) for c in grid.cells}
    if "项目名称" in words:
        return False
    funds = any(k.startswith(("项目资金", "专项资金")) for k in first)
    goals = any(k in GOAL_HEADS or k.endswith("目标") for k in first) or "一级指标" in words
    return funds and goals


def titled_form_project(grid: Grid, title: str) -> str:
    """The project of a form that prints no 项目名称 but is laid out as one, under a title that
    names its project ('' when the grid is no such form)."""
    return project_of_title(title) if has_form_labels(grid) else ""


TITLE_SEARCH_LINES = 3  # the title stands within this many lines above the form (a unit line between)


def _title_above(page: Page, grid: Grid) -> str:
    """The form title (…绩效目标表) printed closest above the grid, past a unit or year line."""
    above = sorted((ln for ln in page.lines if ln.bottom <= grid.bbox[1] + 2), key=lambda ln: -ln.bottom)
    return next((ln.text for ln in above[:TITLE_SEARCH_LINES] if PROJECT_TITLE.match(squash(ln.text))), "")


def _rows(grid: Grid) -> list[tuple[list[str | None], list[str]]]:
    """Each row twice: as printed (None where a merged cell covers), and with every position
    holding the text of the cell that covers it (a merged 一级指标 applies to the rows below)."""
    return [
        ([c.text if c is not None else None for c in printed], [c.text if c is not None else "" for c in covering])
        for printed, covering in zip(grid.matrix(), grid.owner(), strict=True)
    ]


def _aligned(row: list[str], grid: Grid, header: Grid, starts: list[int]) -> list[str]:
    """A row of a grid that goes on with a form's indicators on the next page, placed in the
    columns of the grid its header is in: by where its columns stand on the page, each in the
    header cell over it (`starts`: the columns header cells start at), or, where a grid has no
    column positions, right-aligned (the grid lacks the 总体目标 / 一级指标 columns on the left)."""
    if len(grid.col_x) != grid.ncols + 1 or len(header.col_x) != header.ncols + 1:
        return [""] * max(0, header.ncols - grid.ncols) + row
    out = [""] * header.ncols
    for j, text in enumerate(row):
        middle = (grid.col_x[j] + grid.col_x[j + 1]) / 2
        i = next((i for i in range(header.ncols) if header.col_x[i] <= middle < header.col_x[i + 1]), None)
        if i is not None:
            i = max((s for s in starts if s <= i), default=i)
            out[i] = out[i] or text
    return out


def _read_form(form: Form) -> None:
    rows = [(r, g) for g in form.grids for r in _rows(g)]
    header: list[tuple[int, str]] | None = None
    header_grid: Grid | None = None
    yearly = False
    goal_next: list[str] | None = None
    goal_column: int | None = None
    execution: list[tuple[int, str]] = []  # the 自评表's funds columns, once their heading is read
    for (row, covered), grid in rows:
        texts = [t or "" for t in row]
        keys = [LEVEL3_HEADS.get(k, k) for k in (_key(t) for t in texts)]
        filled = [i for i, t in enumerate(texts) if t]
        if "全年执行数" in keys:
            execution = [(i, EXECUTION_COLUMNS[k]) for i, k in enumerate(keys) if k in EXECUTION_COLUMNS]
        elif execution and filled:
            values = {name: squash(texts[i]) for i, name in execution if i < len(texts) and texts[i]}
            if any(re.fullmatch(r"[\d,.]+%?", v) for v in values.values()):
                form.execution.append((squash(texts[filled[0]]).rstrip(":："), values))
            else:
                execution = []
        if "一级指标" in keys and "三级指标" in keys:
            # 指标值 (目标值), or 年度(/项目)指标值 where the form has one block (the year's)
            # a 绩效自评表 prints what was achieved beside each value (实际完成值)
            header = [(i, "指标值" if k.endswith(("指标值", "目标值")) else k) for i, k in enumerate(keys)
                      if k in ("一级指标", "二级指标", "三级指标", ACTUAL) or k.endswith(("指标值", "目标值"))]
            yearly = any(k.endswith("指标值") and k.startswith("年度") for k in keys)
            header_grid = grid
            continue
        if header is not None:
            if header_grid is not None and grid is not header_grid:
                covered = _aligned(covered, grid, header_grid, [i for i, _ in header])
            _read_indicator_row(form, covered, header, yearly)
            continue
        if goal_next is not None:
            values = [t for t in texts if t and _key(t) not in GOAL_LABELS]
            if goal_column is not None:  # a 自评表: only the goal set, not what was achieved
                values = [texts[goal_column]] if goal_column < len(texts) and texts[goal_column] else []
            for period, text in zip(goal_next, values, strict=False):
                form.goals[period] = text
            goal_next = goal_column = None
            continue
        goal_heads = [k for k in keys if k in GOAL_HEADS]
        if goal_heads:
            goal_next = [GOAL_HEADS[k] for k in goal_heads]
            same_row = [t for t in texts if t and _key(t) not in (*GOAL_LABELS, *goal_heads)]
            if same_row and {_key(t) for t in same_row} <= {GOAL_SET, GOAL_RESULT}:
                goal_column = keys.index(GOAL_SET) if GOAL_SET in keys else None
                goal_next = goal_next if goal_column is not None else None
            elif same_row:  # the goals printed beside their headings
                for period, text in zip(goal_next, same_row, strict=False):
                    form.goals[period] = text
                goal_next = None
            continue
        # 项目资金（元）, 专项资金情况（万元）: the unit of the funds rows
        first = texts[filled[0]] if filled else ""  # a label in the row's first cell, not a text
        unit_label = squash(first) if "资金" in first and re.search(r"[(（](万元|元)[)）]", first) else ""
        m = re.search(r"(万元|元)", unit_label)
        if m:
            form.funds_unit = m.group(1)
        fund_cells = [(i, k) for i, k in enumerate(keys) if any(p.search(k) for p, _ in FUNDS) and "元" not in k[-1:]]
        if fund_cells and not any(k in FIELDS for k in keys):
            for n, (i, k) in enumerate(fund_cells):
                source = next(name for p, name in FUNDS if p.search(k))
                period = "period" if (n == 0 or "实施期" in k) and "年度" not in k else "year"
                value = next((texts[j] for j in filled if j > i), "")
                if value and re.fullmatch(r"[\d,.]+", squash(value)):
                    form.funds.setdefault(f"{period}_{source}", squash(value).replace(",", ""))
            continue
        for i in filled:
            name = FIELDS.get(_key(texts[i]))
            if name and name not in form.fields:
                value = next((texts[j] for j in filled if j > i and _key(texts[j]) not in FIELDS), "")
                form.fields[name] = value
    if set(form.goals) == {"year"} and all(i["period"] == "实施期" for i in form.indicators):
        # a form that states only a 年度目标: its one block of indicators and its funds (labelled
        # with no period) are the year's
        for i in form.indicators:
            i["period"] = "年度"
        if not any(k.startswith("year_") for k in form.funds):
            form.funds = {k.replace("period_", "year_", 1): v for k, v in form.funds.items()}


def _read_indicator_row(form: Form, row: list[str], header: list[tuple[int, str]], yearly: bool = False) -> None:
    """One printed indicator row: a 实施期 block and a 年度 block, by the header's columns.
    The 年度 block has no 一级指标 column of its own: it shares the 实施期 one. `yearly`: the
    form's only block is headed 年度…指标值."""
    blocks: list[list[tuple[int, str]]] = []
    for i, k in header:
        if not blocks or (k in ("一级指标", "二级指标") and any(kk == "指标值" for _, kk in blocks[-1])):
            blocks.append([])
        blocks[-1].append((i, k))
    level1 = ""
    for b, block in enumerate(blocks):
        values = {k: (row[i] if i < len(row) else "").strip() for i, k in block}
        level1 = values.get("一级指标", level1)
        level2, level3, value = values.get("二级指标", ""), values.get("三级指标", ""), values.get("指标值", "")
        actual = values.get(ACTUAL, "")
        if not (level3 or value) or squash(value) in ("总分", "合计"):
            continue
        cmp, num, unit = parse_value(value)
        form.indicators.append({
            "period": "年度" if b > 0 or yearly else "实施期", "level1": level1, "level2": level2, "level3": level3,
            "value": value, "comparator": cmp, "number": num, "unit": unit, "actual": actual,
        })


def _is_level_label(key: str) -> bool:
    """An indicator level's label (产出指标, 数量指标, 服务对象满意度指标): a grid that goes on with
    a form's indicators on the next page prints one, though its 一级指标 column may stay behind."""
    return key.endswith("指标") and 4 <= len(key) <= 9 and not key.startswith(("一级", "二级", "三级"))


def pages_to_forms(pages: list[Page]) -> list[Form]:
    """Every 绩效目标表 form in the document, with continuation grids on following pages."""
    forms: list[Form] = []
    current: Form | None = None
    for page in pages:
        for grid in page.grids:
            start = is_form_start(grid)
            titled = "" if start else titled_form_project(grid, _title_above(page, grid))
            if start or titled:
                current = Form(page=page.number, grids=[grid], title_project=titled)
                forms.append(current)
            elif current is not None and page.number == current.grids[-1].page + 1 and grid is page.grids[0] \
                    and any(_is_level_label(_key(c.text)) for c in grid.cells):
                current.grids.append(grid)
            else:
                current = None
        for line in page.lines:
            for m in FOOTER.finditer(line.text):
                target = next((f for f in reversed(forms) if f.grids[-1].page <= page.number), None)
                if target is not None and page.number - target.grids[-1].page <= 1:
                    target.fields.setdefault(
                        {"负责人": "person_in_charge", "经办人": "handler", "联系电话": "phone",
                         "填报日期": "filled_on"}[m.group(1)], m.group(2))
    for f in forms:
        _read_form(f)
        if f.title_project and not f.fields.get("project_name"):
            f.fields["project_name"] = f.title_project
    return forms


MATCH_THRESHOLD = 0.6  # below this similarity a form's project name matches no project of the table


def project_rows(facts: list[Fact]) -> dict[str, Fact]:
    """The project table's first amount per project name (its total column)."""
    out: dict[str, Fact] = {}
    for f in facts:
        if f.table == "project_expenditure" and f.row_label not in out:
            out[f.row_label] = f
    return out


def match_projects(forms: list[Form], facts: list[Fact]) -> dict[int, tuple[str, float]]:
    """Per form (by index), the project of the project table its name matches — exactly, else
    the closest by similarity; '' when none is close enough — and the similarity (1 = identical)."""
    projects = project_rows(facts)
    matches: dict[int, tuple[str, float]] = {}
    for n, form in enumerate(forms):
        name = form.fields.get("project_name", "")
        if not projects or not name:
            continue
        score, best = max((difflib.SequenceMatcher(None, name, p).ratio(), p) for p in projects)
        matches[n] = (best if score >= MATCH_THRESHOLD else "", round(score, 3))
    return matches
