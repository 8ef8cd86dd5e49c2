"""同一编码科目名称一致：同一份文件的各张报表中，同一个功能分类或经济分类编码印出的科目名称相同
（2080501 在一张表中为“行政单位离退休”、在另一张表中为“事业单位离退休”，必有一处错）。

Names are compared as printed, without white space, ordinal markers (一、 (一) 1.) and a
（类）/（款）/（项） tag. Tables whose rows are projects or purchases rather than the
classification's own items (项目支出表, 政府采购表 …) are left out: a project carries its code, not
the code's name. A code printed in one table only is not compared. A name differing is a
warning: the amounts may still be right."""

from __future__ import annotations

from decimal import Decimal

from ..model import Fact, Finding, Outcome
from ..vocabulary import LEVEL_TAG, squash, without_markers
from .model import Context

RULE = "names_agree_by_code"
LABEL = "同一编码科目名称一致"
DESCRIPTION = "同一功能分类或经济分类编码在各表中印出的科目名称相同"
POSITION = 68
# tables whose coded rows name projects or purchases, not the classification's items
NOT_NAMED_BY_CODE = {"project_expenditure", "project_expenditure_carryover", "procurement", "meeting_training"}


def name_of(label: str) -> str:
    """A row label as compared: no white space, ordinal marker or （类） tag."""
    return LEVEL_TAG.sub("", without_markers(squash(label)))


def check(ctx: Context) -> list[Outcome]:
    names: dict[tuple[str, str], dict[str, Fact]] = {}
    tables: dict[tuple[str, str], set[str]] = {}
    for f in ctx.facts:
        if f.row_code and f.classification and f.table not in NOT_NAMED_BY_CODE and not f.table.startswith("other_"):
            key = (f.classification, f.row_code)
            names.setdefault(key, {}).setdefault(name_of(f.row_label), f)
            tables.setdefault(key, set()).add(f.table)
    out = []
    for key, printed in names.items():
        if len(tables[key]) < 2:
            continue  # printed in one table: nothing to compare
        if len(printed) == 1:
            out.append(Outcome(RULE, True))
            continue
        a, b = list(printed.values())[:2]
        message = (f"科目 {key[1]} 在{ctx.title_of(a.table)}（第 {a.page} 页）印为“{a.row_label}”，"
                   f"在{ctx.title_of(b.table)}（第 {b.page} 页）印为“{b.row_label}”：同一编码的科目名称应一致。")
        # names, not amounts, differ: printed / expected / difference hold none
        out.append(Outcome(RULE, False, Finding(RULE, "warning", b.table, key[1], b.row_label, b.column, b.page,
                                                Decimal(0), Decimal(0), Decimal(0), message)))
    return out
