"""The project expenditure table's total equals the 项目支出 of the expenditure table."""

from __future__ import annotations

import re

from .model import TOTAL_COLUMN, Context, Fact, Outcome, agree, cell, squash

RULE = "project_table_equals_project"


def check(facts: list[Fact], context: Context | None = None) -> list[Outcome]:
    rows = sorted({f.row_number for f in facts if f.table == "project_expenditure"})
    if not rows:
        return []
    first = [f for f in facts if f.table == "project_expenditure" and f.row_number == rows[0]]
    project_total = cell(first, TOTAL_COLUMN)
    expenditure_total = [f for f in facts if f.table == "expenditure" and not f.row_code
                         and re.match(r"^(合计|总计)$", squash(f.row_label))]
    project = next((f for f in expenditure_total if squash(f.column.split("/")[-1]) == "项目支出"), None)
    if project_total is None or project is None:
        return []
    return [agree(RULE, project_total, project, "项目支出 of the expenditure table")]
