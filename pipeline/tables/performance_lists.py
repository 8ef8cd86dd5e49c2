"""绩效目标 printed as one list (a row per project, its indicators on the rows below) rather than
as a form per project: read into the same `Form` records the forms give, so they land in
`performance_targets` / `performance_indicators`, not in a report table.

Columns are recognised by their header words (项目名称, 资金总额, 绩效目标, 一级/二级/三级指标,
指标值); a row naming a project starts a target, rows with the project cells merged away carry
its indicators; merged 一级/二级指标 cells carry down. Rows that name only a unit (no goal, no
indicator) and 合计 rows are groupings, not targets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..vocabulary import squash
from .forms import Form, parse_value
from .locate import Layout, RawTable
from .totals import is_total_row

# the project's own column first: 深圳 prints 二级预算单位名称 before 一级项目名称
PROJECT = [re.compile(r"项目名称|项目\)?名称|^项目$"), re.compile(r"单位名称|名称$")]
FUNDS = re.compile(r"资金总额|金额|资金|预算|合计|总计")
GOAL = re.compile(r"绩效目标|目标$")
LEVELS = {"level1": re.compile(r"一级指标"), "level2": re.compile(r"二级指标"),
          "level3": re.compile(r"三级指标|指标名称"), "blob": re.compile(r"^绩效指标$"),
          "value": re.compile(r"^指标值$|指标值\(|目标值"), "unit": re.compile(r"计量单位|度量单位"),
          "kind": re.compile(r"指标值类型|指标性质")}


@dataclass(frozen=True)
class ListColumns:
    project: int | None
    funds: int | None
    goal: int | None
    indicator: dict[str, int]


def _leaf(path: list[str]) -> str:
    """The lowest header level that has words (a column-number row prints ** or 1, 2, 3 under it)."""
    worded = [squash(p) for p in path if re.search(r"[\u4e00-\u9fff]", p)]
    return worded[-1] if worded else ""


def _columns(layout: Layout) -> ListColumns:
    project = funds = goal = None
    indicator: dict[str, int] = {}
    for pattern in PROJECT:
        project = next((c.index for c in layout.columns if c.role in ("label", "code")
                        and pattern.search(_leaf(c.path)) and "编码" not in _leaf(c.path)), None)
        if project is not None:
            break
    for c in layout.columns:
        leaf = _leaf(c.path)
        whole = squash("/".join(c.path))
        level = next((name for name, pattern in LEVELS.items() if pattern.search(leaf)), None)
        if level is not None:
            indicator.setdefault(level, c.index)
            continue
        if "指标" in leaf:
            continue  # 指标权重, 指标解释, 评分标准: not read
        if c.index == project:
            continue
        if funds is None and c.role == "amount" and FUNDS.search(whole):
            funds = c.index
        elif goal is None and GOAL.search(leaf):
            goal = c.index
    return ListColumns(project, funds, goal, indicator)


BLOB_ITEM = re.compile(r"(?:^|(?<=[。；;]))\s*\d+[、.．]")
BLOB_VALUE = re.compile(r"^(实施周期|年度)指标值[:：]?(.*)$")


def blob_to_indicators(text: str) -> list[dict]:
    """Indicators printed in one cell (广州): '1、1-产出指标；11-数量指标；会议活动保障次数；
    实施周期指标值:每年≥20场；年度指标值:每年≥20场。2、…' — one indicator per numbered item and
    period; an item that does not read as levels and values is skipped."""
    out = []
    for item in BLOB_ITEM.split(text):
        parts = [p.strip(" 。") for p in re.split(r"[；;]", item) if p.strip(" 。")]
        levels = [re.sub(r"^\d+-", "", p) for p in parts if not BLOB_VALUE.match(p)]
        values = [BLOB_VALUE.match(p) for p in parts if BLOB_VALUE.match(p)]
        if len(levels) != 3 or not values:
            continue
        for m in values:
            comparator, number, unit = parse_value(m.group(2))
            out.append({"period": "实施期" if m.group(1) == "实施周期" else "年度", "level1": levels[0],
                        "level2": levels[1], "level3": levels[2], "value": m.group(2), "comparator": comparator,
                        "number": number, "unit": unit})
    return out


def table_to_forms(table: RawTable, layout: Layout) -> list[Form]:
    """The targets a 绩效目标 list prints, as forms."""
    cols = _columns(layout)
    if cols.project is None and not ("整体" in table.title and cols.indicator):
        return []
    forms: list[Form] = []
    current: Form | None = None
    carried: dict[str, str] = {}
    whole_department = "整体" in table.title
    for row in layout.rows:
        if cols.project is None and current is None:
            # a department's overall targets: one target, named by the table
            current = Form(page=row.page, funds_unit=table.unit or "万元")
            current.fields.update(project_name=table.title, project_type="部门整体支出")
            forms.append(current)
        name = (row.cells[cols.project] or "").strip() if cols.project is not None else ""
        if name:
            current = None
            if is_total_row(name):
                continue
            current = Form(page=row.page, funds_unit=table.unit or "万元")
            current.fields["project_name"] = name
            if whole_department:
                current.fields["project_type"] = "部门整体支出"
            if cols.funds is not None and row.cells[cols.funds]:
                current.funds["year_total"] = squash(row.cells[cols.funds]).replace(",", "")
            if cols.goal is not None and row.cells[cols.goal]:
                current.goals["year"] = row.cells[cols.goal].strip()
            forms.append(current)
            carried = {}
        if current is None or not cols.indicator:
            continue
        if "blob" in cols.indicator and "level3" not in cols.indicator:
            current.indicators += blob_to_indicators(row.cells[cols.indicator["blob"]] or "")
            continue
        values = {}
        for key, j in cols.indicator.items():
            text = (row.cells[j] or "").strip()
            if row.cells[j] is None and key in ("level1", "level2"):
                text = carried.get(key, "")  # a merged cell carries down
            values[key] = text
        if not values.get("level3") and not values.get("value"):
            continue
        carried.update({k: values.get(k, "") for k in ("level1", "level2")})
        comparator, number, unit = parse_value(values.get("value", ""))
        kind = values.get("kind", "")
        if kind in ("≥", "≤", ">", "<", "="):
            comparator = kind
        current.indicators.append({
            "period": "年度", "level1": values.get("level1", ""), "level2": values.get("level2", ""),
            "level3": values.get("level3", ""), "value": values.get("value", ""), "comparator": comparator,
            "number": number, "unit": values.get("unit") or unit})
    return [f for f in forms if f.goals or f.indicators]
