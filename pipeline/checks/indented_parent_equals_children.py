"""Without printed codes, a row whose children are indented under it equals their sum."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ..model import Fact, Outcome
from ..vocabulary import OF_WHICH
from .model import Context, compare, group_by_table, parts_of

RULE = "indented_parent_equals_children"
LABEL = "缩进项目之和"
DESCRIPTION = "没有编码、以缩进分层的表中，上级项目等于其下各项之和"
POSITION = 30
COMPARES_TABLE_AMOUNTS = True
# Lists of purchases nest category, program, economic item and goods across several label
# columns; their rows are not one additive tree.
NOT_TREES = {"procurement"}


def check(ctx: Context) -> list[Outcome]:
    out: list[Outcome] = []
    by_table = group_by_table(ctx.facts, lambda f: f.row_level is not None and not f.row_code
                              and f.table not in NOT_TREES)
    for table, rows in by_table.items():
        children: dict[int, set[int]] = defaultdict(set)
        for f in rows:
            if f.parent_row:
                children[f.parent_row].add(f.row_number)
        cells: dict[tuple[tuple[str, ...], int], list[Fact]] = defaultdict(list)
        for f in rows:
            cells[(f.column, f.row_number)].append(f)
        for (column, row), found in sorted(cells.items()):
            kids = sorted(children.get(row, ()))
            if not kids or len(found) != 1:
                continue
            if any(OF_WHICH.match(cells[(column, k)][0].row_label) for k in kids if (column, k) in cells):
                continue  # 其中 rows break out only part of their parent
            parts = [cells[(column, k)][0].amount if (column, k) in cells else Decimal(0) for k in kids]
            labels = [cells[(column, k)][0].row_label for k in kids if (column, k) in cells]
            out.append(compare(RULE, table, found[0], parts, f"其下各项{parts_of(labels)}之和"))
    return out
