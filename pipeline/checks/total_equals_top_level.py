"""The 合计 row equals the sum of the top-level (类, three-digit) rows of a coded table."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ..model import Fact, Outcome
from ..tables.totals import is_table_total
from .model import Context, compare, group_by_table, parts_of

RULE = "total_equals_top_level"
LABEL = "合计等于各类之和"
DESCRIPTION = "表的合计行等于各“类”级科目之和"
POSITION = 20
COMPARES_TABLE_AMOUNTS = True


def check(ctx: Context) -> list[Outcome]:
    out: list[Outcome] = []
    by_table = group_by_table(ctx.facts)
    for table, rows in by_table.items():
        top_codes = {f.row_code for f in rows if f.row_code.isdigit() and len(f.row_code) == 3}
        if not top_codes:
            continue
        for column in sorted({f.column for f in rows}):
            col = [f for f in rows if f.column == column]
            totals = [f for f in col if not f.row_code and is_table_total(f.row_label)]
            tops: dict[str, list[Fact]] = defaultdict(list)
            for f in col:
                if f.row_code in top_codes:
                    tops[f.row_code].append(f)
            if len(totals) != 1 or any(len(v) > 1 for v in tops.values()):
                continue
            parts = [tops[c][0].amount if c in tops else Decimal(0) for c in sorted(top_codes)]
            out.append(compare(RULE, table, totals[0], parts, f"各类科目{parts_of(sorted(top_codes))}之和"))
    return out
