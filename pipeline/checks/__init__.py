"""Rules the document's numbers and words must obey, one per module, all with one signature:
`check(ctx: Context) -> list[Outcome]` — every comparison made, passed or not, with a finding
where there is something to report. The document's own errors are reported, never corrected.

To add a rule: write `checks/<rule>.py` with `RULE` and `check(ctx)`, add it to RULES below,
and give it a passing and a failing test in tests/test_checks.py (rules on the words, which read
`ctx.sentences`: tests/test_text_checks.py)."""

from __future__ import annotations

from collections.abc import Callable

from ..model import Fact, Finding, Outcome
from . import (
    basic_economic_equals_basic,
    department_count,
    form_funds_match_project,
    form_matches_project,
    income_equals_expenditure,
    indented_parent_equals_children,
    narrative_matches_table,
    ocr_likely_misread,
    ocr_low_confidence,
    operating_costs_equals_public_expenses,
    parent_equals_children,
    project_table_equals_project,
    row_total_equals_parts,
    tables_complete,
    text_comparison_words,
    text_matches_table,
    text_placeholders,
    text_typography,
    text_years,
    text_zero_total,
    total_equals_top_level,
    two_sided_totals,
    unreadable_amount,
)
from .model import Context

# Order is the order of the findings in a package.
RULES: list[Callable[[Context], list[Outcome]]] = [
    parent_equals_children.check,
    total_equals_top_level.check,
    indented_parent_equals_children.check,
    row_total_equals_parts.check,
    two_sided_totals.check,
    income_equals_expenditure.check,
    basic_economic_equals_basic.check,
    project_table_equals_project.check,
    operating_costs_equals_public_expenses.check,
    department_count.check,
    narrative_matches_table.check,
    form_matches_project.check,
    form_funds_match_project.check,
    text_matches_table.check,
    text_zero_total.check,
    text_comparison_words.check,
    text_years.check,
    text_placeholders.check,
    text_typography.check,
    tables_complete.check,
    unreadable_amount.check,
    ocr_low_confidence.check,
    ocr_likely_misread.check,
]


def run_checks(ctx: Context) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for rule in RULES:
        outcomes.extend(unreadable_amount.note_unreadable(o, ctx) for o in rule(ctx))
    return outcomes


__all__ = ["Context", "Fact", "Finding", "Outcome", "run_checks", "RULES"]
