"""The project expenditure table's total equals the 项目支出 of the expenditure table."""

from __future__ import annotations

from ..model import Outcome
from ..tables.totals import is_whole_table_total, total_column_cell
from ..vocabulary import squash
from .model import Context, agree

RULE = "project_table_equals_project"
LABEL = "项目支出表与支出表相符"
DESCRIPTION = "项目支出表的合计等于支出表中的项目支出"
POSITION = 80
COMPARES_TABLE_AMOUNTS = True


def check(ctx: Context) -> list[Outcome]:
    rows = sorted({f.row_number for f in ctx.facts if f.table == "project_expenditure"})
    if not rows:
        return []
    first = [f for f in ctx.facts if f.table == "project_expenditure" and f.row_number == rows[0]]
    project_total = total_column_cell(first)
    expenditure_total = [f for f in ctx.facts if f.table == "expenditure" and not f.row_code
                         and is_whole_table_total(f.row_label)]
    project = next((f for f in expenditure_total if squash(f.leaf) == "项目支出"), None)
    if project_total is None or project is None:
        return []
    return [agree(ctx, RULE, project_total, project, "项目支出表合计", "支出表中的项目支出")]
