"""Accounting rules, one per module. Each rule takes the document's facts and returns
outcomes: every comparison it made, passed or not, with a finding where there is
something to report. The document's own errors are reported, never corrected."""

from __future__ import annotations

from collections.abc import Callable

from .indented_parent_equals_children import check as indented_parent_equals_children
from .model import Fact, Finding, Outcome
from .parent_equals_children import check as parent_equals_children
from .total_equals_top_level import check as total_equals_top_level

RULES: list[Callable[[list[Fact]], list[Outcome]]] = [
    parent_equals_children,
    total_equals_top_level,
    indented_parent_equals_children,
]


def run_checks(facts: list[Fact]) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for rule in RULES:
        outcomes.extend(rule(facts))
    return outcomes


__all__ = ["Fact", "Finding", "Outcome", "run_checks", "RULES"]
