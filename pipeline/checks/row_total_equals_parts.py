"""Within a printed row, a 合计/小计 column equals the sum of its sibling columns
(合计 = 基本支出 + 项目支出; 基本支出 = 人员经费 + 公用经费; income sources add up).
Whether a 合计 includes the carried-over balance (上年结转) differs between layouts, so a
total that matches with or without the balance columns passes.

The header paths say which columns are siblings: columns sharing a parent path, one of
them named 合计/小计/总计. A group without such a column counts as the sum of its leaves.
其中 (of which) columns and balance columns (结转, 结余) are never parts.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

from ..model import Fact, Outcome
from ..tables.totals import is_total_column
from .model import Context, compare, parts_of, row_name

RULE = "row_total_equals_parts"
LABEL = "合计栏等于分栏之和"
DESCRIPTION = "每行的合计栏等于同行各分栏（如基本支出＋项目支出）之和"
POSITION = 40
COMPARES_TABLE_AMOUNTS = True
NOT_PART = re.compile(r"^其中|政府采购|预留给|代码|编码")  # 预留给中小企业: part of 政府采购, not a sibling
BALANCE = re.compile(r"结转|结余|上年|年初|年末")


def _node_value(prefix: tuple[str, ...], cols: dict[tuple[str, ...], Decimal | None],
                paths: list[tuple[str, ...]]) -> Decimal | None:
    """The amount a header group stands for in this row: its 合计 column, else its parts' sum."""
    if prefix in cols:
        return cols[prefix]
    kids = sorted({p[: len(prefix) + 1] for p in paths if len(p) > len(prefix) and p[: len(prefix)] == prefix})
    total = next((k for k in kids if is_total_column(k[-1])), None)
    if total is not None:
        return cols.get(total)
    parts = [k for k in kids if not NOT_PART.search(k[-1])]
    if not parts:
        return None
    values = [_node_value(k, cols, paths) for k in parts]
    if all(v is None for v in values):
        return None
    return sum((v or Decimal(0) for v in values), Decimal(0))


def check(ctx: Context) -> list[Outcome]:
    out: list[Outcome] = []
    rows: dict[tuple[str, int, str, str], list[Fact]] = defaultdict(list)
    columns_by_table: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for f in ctx.facts:
        rows[(f.table, f.row_number, f.row_code, f.row_label)].append(f)
        columns_by_table[f.table].add(f.column)
    for (table, _, _, _), cells in rows.items():
        paths = sorted(columns_by_table[table])
        cols: dict[tuple[str, ...], Decimal | None] = {f.column: f.amount for f in cells}
        by_path = {f.column: f for f in cells}
        # every header group that has a 合计/小计 column among its children
        groups = {p[:i] for p in paths for i in range(len(p))}
        for prefix in sorted(groups):
            kids = sorted({p[: len(prefix) + 1] for p in paths if len(p) > len(prefix) and p[: len(prefix)] == prefix})
            totals = [k for k in kids if is_total_column(k[-1])]
            parts = [k for k in kids if not is_total_column(k[-1]) and not NOT_PART.search(k[-1])]
            if len(totals) != 1 or len(parts) < 2 or totals[0] not in by_path:
                continue
            values = [_node_value(k, cols, paths) for k in parts]
            if all(v is None for v in values):
                continue
            printed = by_path[totals[0]]
            core = [(k, v) for k, v in zip(parts, values, strict=True) if not BALANCE.search(k[-1])]
            tries = [list(zip(parts, values, strict=True))] + ([core] if core and len(core) < len(parts) else [])
            outcomes = [
                compare(RULE, table, printed, [v or Decimal(0) for _, v in t],
                        f"同行各分栏{parts_of([k[-1] for k, _ in t])}之和", f"“{row_name(printed)}”的合计栏印刷")
                for t in tries
            ]
            out.append(next((o for o in outcomes if o.passed), outcomes[0]))
    return out
