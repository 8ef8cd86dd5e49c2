"""A classification code's amount equals the sum of its children (201 = 20101 + 20103 + …)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ..model import Fact, Outcome
from .model import Context, compare, group_by_table, parts_of

RULE = "parent_equals_children"
LABEL = "上级科目等于下级科目之和"
DESCRIPTION = "类、款等上级科目的金额等于其下各级科目之和"
POSITION = 10
COMPARES_TABLE_AMOUNTS = True


def _children(code: str, codes: set[str]) -> list[str]:
    return sorted(c for c in codes if len(c) == len(code) + 2 and c.startswith(code))


def check(ctx: Context) -> list[Outcome]:
    out: list[Outcome] = []
    by_table = group_by_table(ctx.facts, lambda f: f.row_code.isdigit())
    for table, rows in by_table.items():
        codes_by_column: dict[tuple[str, ...], dict[str, list[Fact]]] = defaultdict(lambda: defaultdict(list))
        for f in rows:
            codes_by_column[f.column][f.row_code].append(f)
        all_codes = {f.row_code for f in rows}
        for cells in codes_by_column.values():
            for code in sorted(cells):
                kids = _children(code, all_codes)
                if not kids or len(cells[code]) != 1 or any(len(cells.get(k, [])) > 1 for k in kids):
                    continue  # a leaf, or a code printed twice: nothing unambiguous to compare
                parent = cells[code][0]
                parts = [cells[k][0].amount if k in cells else Decimal(0) for k in kids]
                out.append(compare(RULE, table, parent, parts, f"其下级科目{parts_of(kids)}之和"))
    return out
