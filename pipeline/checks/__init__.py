"""Rules the document's numbers and words must obey, one per module, all with one signature:
`check(ctx: Context) -> list[Outcome]` — every comparison made, passed or not, with a finding
where there is something to report. The document's own errors are reported, never corrected.

A rule is registered once, by its own module: `RULE` (its name in findings.csv), `LABEL` and
`DESCRIPTION` (what readers are told, in Chinese), `POSITION` (where its findings stand in a
package), `COMPARES_TABLE_AMOUNTS` where it compares table amounts with each other (its
warnings are rounding differences, 尾差, and an OCR misread is looked for among the amounts it
read: ocr_likely_misread), and `check(ctx)`. REGISTRY finds every such module in this folder;
the OCR explanation and the site read it. To add a rule: write `checks/<rule>.py` and give it a
passing and a failing test in tests/test_checks.py (rules on the words, which read
`ctx.sentences`: tests/test_text_checks.py)."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from ..model import Fact, Finding, Outcome
from .model import Context
from .unreadable_amount import note_unreadable


@dataclass(frozen=True)
class Rule:
    name: str
    label: str
    description: str
    order: int
    compares_table_amounts: bool
    check: Callable[[Context], list[Outcome]]


def _discover() -> dict[str, Rule]:
    """Every rule module of this folder, by POSITION. A module that explains other rules' failures
    (`EXPLAINS`, the name of the property they share) is handed their checks."""
    modules = [importlib.import_module(f"{__name__}.{m.name}") for m in pkgutil.iter_modules(__path__)]
    modules = sorted((m for m in modules if hasattr(m, "RULE") and hasattr(m, "check")), key=lambda m: m.POSITION)
    plain = [Rule(m.RULE, m.LABEL, m.DESCRIPTION, m.POSITION, getattr(m, "COMPARES_TABLE_AMOUNTS", False), m.check)
             for m in modules]
    rules = {}
    for m, rule in zip(modules, plain, strict=True):
        if explains := getattr(m, "EXPLAINS", None):
            explained = tuple(r.check for r in plain if getattr(r, explains))
            rule = Rule(rule.name, rule.label, rule.description, rule.order, rule.compares_table_amounts,
                        partial(m.check, explained=explained))
        rules[rule.name] = rule
    return rules


REGISTRY: dict[str, Rule] = _discover()


def run_checks(ctx: Context) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for rule in REGISTRY.values():
        outcomes.extend(note_unreadable(o, ctx) for o in rule.check(ctx))
    return outcomes


__all__ = ["Context", "Fact", "Finding", "Outcome", "REGISTRY", "Rule", "run_checks"]
