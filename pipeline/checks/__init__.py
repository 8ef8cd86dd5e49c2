"""Accounting rules, one per module. Each rule takes the document's facts (and what the
document says about itself) and returns outcomes: every comparison it made, passed or
not, with a finding where there is something to report. The document's own errors are
reported, never corrected."""

from __future__ import annotations

from collections.abc import Callable

from .basic_economic_equals_basic import check as basic_economic_equals_basic
from .income_equals_expenditure import check as income_equals_expenditure
from .indented_parent_equals_children import check as indented_parent_equals_children
from .model import Context, Fact, Finding, Outcome
from .operating_costs_equals_public_expenses import check as operating_costs_equals_public_expenses
from .parent_equals_children import check as parent_equals_children
from .project_table_equals_project import check as project_table_equals_project
from .row_total_equals_parts import check as row_total_equals_parts
from .total_equals_top_level import check as total_equals_top_level
from .two_sided_totals import check as two_sided_totals

RULES: list[Callable[[list[Fact], Context | None], list[Outcome]]] = [
    parent_equals_children,
    total_equals_top_level,
    indented_parent_equals_children,
    row_total_equals_parts,
    two_sided_totals,
    income_equals_expenditure,
    basic_economic_equals_basic,
    project_table_equals_project,
    operating_costs_equals_public_expenses,
]


def run_checks(facts: list[Fact], context: Context | None = None) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for rule in RULES:
        outcomes.extend(rule(facts, context))
    return outcomes


__all__ = ["Context", "Fact", "Finding", "Outcome", "run_checks", "RULES"]
