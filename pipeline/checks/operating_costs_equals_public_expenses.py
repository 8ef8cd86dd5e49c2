"""机关运行经费 equals the 公用经费 of basic expenditure, where the document's own glossary
defines 机关运行经费 as that 公用经费."""

from __future__ import annotations

from .model import TOTAL_COLUMN, Context, Fact, Outcome, agree, cell, squash, total_row

RULE = "operating_costs_equals_public_expenses"


def check(facts: list[Fact], context: Context | None = None) -> list[Outcome]:
    definition = next((d for t, d in ((context.glossary or {}).items() if context else []) if "机关运行经费" in t), "")
    if "公用经费" not in definition:
        return []
    operating = cell(total_row(facts, "operating_costs"), TOTAL_COLUMN)
    public = next((f for f in total_row(facts, "basic_expenditure_economic")
                   if squash(f.column.split("/")[-1]) in ("公用经费", "日常公用支出")), None)
    if operating is None or public is None:
        return []
    return [agree(RULE, operating, public, "公用经费 of the basic expenditure table")]
