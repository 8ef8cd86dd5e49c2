"""Findings as a reader sees them: each rule's own message as the package holds it (the rules in
pipeline/checks write it in Chinese, naming tables by their printed titles), the table's printed
title, and honest counts (checks run, errors, rounding differences, other notes).

A package built before the rules wrote Chinese keeps its English messages; they are shown as
stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ...checks import REGISTRY, Rule, narrative_matches_table
from ...model import Box, box_of_row, text_to_column
from .load import Doc
from .templates import fmt_amount

# Every rule as the site names it: the registry of pipeline/checks (each rule's own LABEL and
# DESCRIPTION); a finding of a rule no longer registered is shown under UNKNOWN.
RULES: dict[str, Rule] = REGISTRY
UNKNOWN = Rule("", "其他核对", "", 0, False, lambda ctx: [])


def _num(value: str) -> Decimal | None:
    try:
        return Decimal(value)
    except (InvalidOperation, TypeError):
        return None


def is_rounding(finding: dict) -> bool:
    """A warning that only says the printed digits were rounded (尾差), not a mismatch of another
    kind: every warning of a rule that sums, and the narrative rule's warnings its message says
    are rounding (its ROUNDING_WORDS; its other warnings are words that may mean several cells)."""
    if finding.get("severity") != "warning":
        return False
    rule = finding.get("rule", "")
    if RULES.get(rule, UNKNOWN).compares_table_amounts:
        return True
    message = finding.get("message", "")
    return rule == narrative_matches_table.RULE and any(w in message for w in narrative_matches_table.ROUNDING_WORDS)


@dataclass(frozen=True)
class FindingRow:
    """One line of the findings table."""

    level: str  # 错误, 尾差 or 提示
    css: str  # error, rounding or note
    rule: str
    table: str
    row: str
    column: str
    printed: str
    expected: str
    difference: str
    page: int | None
    message: str
    box: Box | None = None  # where on `page` the figure is printed, marked by the page viewer


def as_printed(value: str, printed: str) -> str:
    """A computed figure (35.943143, from a text rule's ratio) shown with the printed figure's
    decimals (35.94), as the document would print it, and at least two (a whole 100% against
    99.6 stays 99.6); a figure with no more decimals stays as it is."""
    number, places = _num(value), max(2, len(printed.partition(".")[2]))
    if number is None or -number.as_tuple().exponent <= places:  # type: ignore[operator]
        return value
    return str(number.quantize(Decimal(1).scaleb(-places)))


def _amounts(f: dict) -> tuple[str, str, str]:
    """Printed, expected and difference; a finding about words (a project name) has none."""
    values = [f.get(k, "") for k in ("printed", "expected", "difference")]
    if all((_num(v) or 0) == 0 for v in values):
        return "", "", ""
    printed = values[0]
    return fmt_amount(printed), fmt_amount(as_printed(values[1], printed)), fmt_amount(as_printed(values[2], printed))


FIRST = {"error": 0, "note": 1, "rounding": 2}


def finding_rows(doc: Doc) -> list[FindingRow]:
    rows = []
    for f in doc.rows.get("findings", []):
        if f.get("severity") == "error":
            level, css = "错误", "error"
        elif is_rounding(f):
            level, css = "尾差", "rounding"
        else:
            level, css = "提示", "note"
        column = " / ".join(text_to_column(f.get("column", "")))
        table = "情况说明" if f.get("table") == "narrative" else doc.title_of(f.get("table", ""))
        page = int(f["page"]) if str(f.get("page", "")).isdigit() and int(f["page"]) > 0 else None
        rows.append(FindingRow(level, css, RULES.get(f.get("rule", ""), UNKNOWN).label, table,
                               " ".join(x for x in (f.get("row_code", ""), f.get("row_label", "")) if x), column,
                               *_amounts(f), page, f.get("message", ""), box_of_row(f)))
    # what a reader must see first: errors, then notes, then rounding differences (each in page order)
    return sorted(rows, key=lambda r: FIRST[r.css])


@dataclass(frozen=True)
class CheckSummary:
    has_tables: bool  # without report tables there is nothing to add up
    checks: int  # comparisons made
    passed: int
    errors: int
    rounding: int  # warnings that are rounding differences only
    notes: int  # other warnings (a project name that differs, an ambiguous figure)
    undecided: int = 0  # comparisons the printed figures cannot decide (未核对)


def check_summary(doc: Doc) -> CheckSummary:
    findings = doc.rows.get("findings", [])
    consistency = doc.pkg.get("consistency") or {}
    warnings = [f for f in findings if f.get("severity") == "warning"]
    rounding = sum(1 for f in warnings if is_rounding(f))
    return CheckSummary(
        has_tables=bool(doc.table_resources()),
        checks=int(consistency.get("checks", 0)),
        passed=int(consistency.get("passed", 0)),
        errors=sum(1 for f in findings if f.get("severity") == "error"),
        rounding=rounding,
        notes=len(warnings) - rounding,
        undecided=int(consistency.get("undecided", 0)),
    )
