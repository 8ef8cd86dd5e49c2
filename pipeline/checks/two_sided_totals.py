"""In a two-sided summary table, 收入总计 equals 支出总计."""

from __future__ import annotations

import re

from .model import Context, Fact, Outcome, agree, squash

RULE = "two_sided_totals"
INCOME = re.compile(r"^收入(总计|合计)$")
SPENDING = re.compile(r"^支出(总计|合计)$")


def check(facts: list[Fact], context: Context | None = None) -> list[Outcome]:
    out: list[Outcome] = []
    for table in ("summary", "appropriation_summary"):
        income = [f for f in facts if f.table == table and INCOME.match(squash(f.row_label))]
        spending = [f for f in facts if f.table == table and SPENDING.match(squash(f.row_label))]
        if income and spending:
            out.append(agree(RULE, income[0], spending[0], "支出总计"))
    return out
