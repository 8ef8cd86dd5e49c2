"""Where an accounting rule fails on amounts read by OCR, the likely misread is named: the least
certain OCR reading among the amounts that comparison read.

Which amounts a comparison read is found by trying: each OCR-read amount in turn is changed and
the rule run again; the comparisons whose printed or expected value moves read that amount. So
this works for every rule it explains as it is, without the rules reporting their parts. The
finding points at the suspect cell and, where one exists, the value that would make the
comparison hold. Where every amount compared was read with confidence, the document's own
numbers are the likelier cause, and the finding says so."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from decimal import Decimal

from ..amounts import format_amount, format_decimal
from ..model import Fact, Finding, Outcome, column_to_text
from ..read.grids.settings import OCR_SETTINGS
from .model import Context

RULE = "ocr_likely_misread"
LABEL = "可能的识别错误"
DESCRIPTION = "报表核对不成立时，指出其中最可能识别错误的扫描金额"
POSITION = 230
# The rules explained: every rule that compares table amounts with each other (the registry,
# checks/__init__.py, hands their checks in). Rules comparing a table amount with a figure in
# the words (narrative, forms) are not: the words may be the misread, and their confidence is
# not weighed.
EXPLAINS = "compares_table_amounts"
# An amount is changed by this much to see which comparisons read it: no printed amount is
# off by exactly this, so a comparison that read it always moves.
PROBE = Decimal("7919.37")

Key = tuple[str, str, str, str, tuple[str, ...], int]


def _key(f: Finding) -> Key:
    return f.rule, f.table, f.row_code, f.row_label, f.column, f.page


def _with(ctx: Context, i: int, amount: Decimal) -> Context:
    facts = list(ctx.facts)
    facts[i] = dataclasses.replace(facts[i], amount=amount)
    return dataclasses.replace(ctx, facts=tuple(facts))


def _failing(rule: Callable[[Context], list[Outcome]], ctx: Context) -> dict[Key, Finding]:
    return {_key(o.finding): o.finding for o in rule(ctx) if not o.passed and o.finding is not None}


def _readers(rule: Callable[[Context], list[Outcome]], ctx: Context, failing: dict[Key, Finding],
             candidates: list[int]) -> dict[Key, list[int]]:
    """For each failing comparison, the OCR-read facts it reads."""
    readers: dict[Key, list[int]] = {k: [] for k in failing}
    for i in candidates:
        after = {_key(o.finding): o.finding for o in rule(_with(ctx, i, ctx.facts[i].amount + PROBE))
                 if o.finding is not None}
        for k, f in failing.items():
            g = after.get(k)
            if g is None or (g.printed, g.expected) != (f.printed, f.expected):
                readers[k].append(i)
    return readers


def _repair(rule: Callable[[Context], list[Outcome]], ctx: Context, i: int, finding: Finding) -> Decimal | None:
    """The value of fact i that makes the failing comparison hold, if changing it by the
    difference either way does."""
    for value in (ctx.facts[i].amount - finding.difference, ctx.facts[i].amount + finding.difference):
        if value >= 0 and _key(finding) not in _failing(rule, _with(ctx, i, value)):
            return value
    return None


def _finding(ctx: Context, failed: Finding, suspect: Fact, compared: int, value: Decimal | None) -> Finding:
    column = column_to_text(failed.column)
    where = ctx.title_of(failed.table) + (f"“{column}”栏" if column else "")
    read = suspect.ocr_text or format_decimal(suspect.amount)
    message = (f"{where}（第 {failed.page} 页）的核对不成立：{failed.message.rstrip('。')}。"
               f"该项核对所读的 {compared} 个识别金额中，此格最不确定：识别为“{read}”，"
               f"识别置信度 {suspect.confidence:.2f}，")
    if suspect.confidence is not None and suspect.confidence < OCR_SETTINGS.low_confidence:
        message += "很可能识别有误"
    else:
        message += "各金额的识别都较可靠，更可能是文件本身的数字不符"
    if value is not None:
        message += f"；此格若为 {format_amount(value)}，核对即成立"
    message += "。"
    expected = suspect.amount if value is None else value
    return Finding(RULE, "warning", suspect.table, suspect.row_code, suspect.row_label, suspect.column, suspect.page,
                   suspect.amount, expected, suspect.amount - expected, message)


def check(ctx: Context, explained: tuple[Callable[[Context], list[Outcome]], ...] = ()) -> list[Outcome]:
    candidates = [i for i, f in enumerate(ctx.facts) if f.confidence is not None]
    if not candidates:
        return []
    out: list[Outcome] = []
    for rule in explained:
        failing = _failing(rule, ctx)
        if not failing:
            continue
        for k, read in _readers(rule, ctx, failing, candidates).items():
            if not read:
                continue  # the comparison read no OCR amount (text pages of a mixed document)
            suspect = min(read, key=lambda i: (ctx.facts[i].confidence, i))
            value = _repair(rule, ctx, suspect, failing[k])
            out.append(Outcome(RULE, False, _finding(ctx, failing[k], ctx.facts[suspect], len(read), value)))
    return out
