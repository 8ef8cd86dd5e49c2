"""每个文字说明中的总数与报表印出的数一致：情况说明写“财政拨款收入支出总计0.3万元”，
财政拨款收入支出决算总表印2,961.68万元，是两处印刷数字互相矛盾。

Which table figure the words name is data (vocabulary.toml [[text_figure]]); the stage the words
name (年初预算, 决算) picks the facts of that `phase`, and a year other than the document's (上年,
2023年) or a change (比上年增加) is not compared here. Where several tables print the figure,
agreeing with any passes. A figure the text rounds to its own unit passes. A stated figure whose
table cell is blank is reported too; a stated 0 is text_zero_total's."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from ..model import Fact, Outcome, text_to_column
from ..tables.comparable import measure_of, phase_of
from ..tables.indicators import ORDER, is_grand_row, is_year_row
from ..text import figures
from ..text.figures import Stated, Target
from ..text.statements import Amount, words
from ..vocabulary import UNIT_FACTORS
from .model import Context, Printed, printed_in, quote, rounding_tolerance, sentence_finding

RULE = "text_matches_table"
LABEL = "文字所述总数与报表相符"
DESCRIPTION = "文字说明中的收支总数、财政拨款总数等与报表印出的数一致"
POSITION = 140
# the measure each three_public indicator reads, to tell a blank cell from a column never printed
BLANKABLE = {"three_public_total": "three_public_total", "three_public_abroad": "abroad",
             "three_public_vehicle": "vehicle_total", "three_public_vehicle_purchase": "vehicle_purchase",
             "three_public_vehicle_operation": "vehicle_operation", "three_public_reception": "reception",
             "operating_costs": "operating_costs"}


def stated_figures(ctx: Context) -> Iterator[Stated]:
    """The figures the words state (text/figures.py), for this document."""
    return figures.stated_figures(ctx.sentences, ctx.fiscal_year, ctx.publisher)


def phases(ctx: Context, stage: str) -> tuple[str, ...]:
    return figures.stage_phases(stage, ctx.document_type)


def candidates(target: Target, printed: Printed) -> list[Fact]:
    """Every cell that prints the figure: the headline lookup over all tables and over each
    table alone, and the target's own rows."""
    found: list[Fact] = []
    tables = target.tables or tuple(ORDER)
    if target.indicators:
        scopes: list[str | None] = [None] if not target.tables else []
        scopes += list(tables)
        for scope in scopes:
            h = printed.headline(scope)
            found += [h[name] for name in target.indicators if name in h]
    rows = [f for table in target.tables for f in printed.by_table.get(table, [])
            if ("grand" in target.rows and is_grand_row(f)) or ("year" in target.rows and is_year_row(f))]
    found += sorted(rows, key=lambda f: printed.position[id(f)])  # in printed order
    return list(dict.fromkeys(found))


def stated_in(a: Amount, f: Fact) -> tuple[Decimal, Decimal]:
    """The stated amount in the fact's unit, and how far apart the two may be from rounding."""
    scale = Decimal(UNIT_FACTORS[a.unit]) / f.factor
    return a.value * scale, a.half_step * scale + rounding_tolerance([f.amount])


def agrees(a: Amount, f: Fact) -> bool:
    value, slack = stated_in(a, f)
    return abs(value - f.amount) <= slack


def table_name(key: str) -> str:
    """A table as a finding about the words names it (vocabulary.toml [text.table_names])."""
    return words().raw["table_names"].get(key, key)


def where(f: Fact) -> str:
    """Where a fact is printed, in words: 财政拨款收支总表（第13页）“总计”行“收入/决算数”栏."""
    row = f"“{f.row_label}”行" if f.row_label else ""
    return f"{table_name(f.table)}（第{f.page}页）{row}“{f.column_text}”栏"


def _blank_column(ctx: Context, target: Target, phase: Sequence[str]) -> str | None:
    """The header of a printed column (or row) the target reads but whose cell is blank."""
    for name in target.indicators:
        measure = BLANKABLE.get(name)
        table = ctx.tables.get("three_public") if measure != "operating_costs" else (
            ctx.tables.get("operating_costs") or ctx.tables.get("three_public"))
        if measure is None or table is None or not table.rows:
            continue
        for field in table.fields:
            levels = text_to_column(field.title)
            if measure_of(levels) == measure and phase_of(levels, ctx.document_type) in phase:
                return field.title
    return None


def check(ctx: Context) -> list[Outcome]:
    out = []
    memo: dict[tuple[str, ...], Printed] = {}
    for st in stated_figures(ctx):
        if st.amount.value == 0:
            continue
        phase = phases(ctx, st.topic.stage)
        if not phase:
            continue
        s, a = st.sentence, st.amount
        said = f"第{s.page_at(a.start)}页“{quote(s, a.start, a.end)}”"
        found = candidates(st.target, printed_in(ctx, phase, memo))
        if not found:
            column = _blank_column(ctx, st.target, phase)
            if column is not None:
                out.append(Outcome(RULE, False, sentence_finding(
                    RULE, "warning", s, offset=a.start, printed=a.value, expected=0, label=st.target.name,
                    message=f"{said}写{st.target.name}{a.printed}{a.unit}，而报表“{column}”栏为空。")))
            continue
        if any(agrees(a, f) for f in found):
            out.append(Outcome(RULE, True))
            continue
        f = found[0]
        value, _ = stated_in(a, f)
        severity = "error" if st.target.exact else "warning"
        others = f"；其他可能对应的{len(found) - 1}处印刷数也不一致" if len(found) > 1 else ""
        out.append(Outcome(RULE, False, sentence_finding(
            RULE, severity, s, offset=a.start, printed=value, expected=f.amount,
            label=st.target.name,
            message=f"{said}写{st.target.name}{a.printed}{a.unit}，而{where(f)}印{f.amount}{f.unit}，"
                    f"相差{value - f.amount}{f.unit}{others}。")))
    return out
