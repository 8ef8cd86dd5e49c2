"""各类资金在总表与其专表中一致：收支总表（或财政拨款收支总表）为某类资金（政府性基金预算、国有资本
经营预算）印出金额，当且仅当该资金的专表（政府性基金预算支出表、国有资本经营预算支出表）也印有金额。

The fund's amount in the summary tables is any fact of the document's own year and phase whose
column or row means that fund (comparable.py's `measure`); its own table prints amounts when a
fact of it is not 0; a summary that names the fund with its cell blank prints none. A summary
that does not name the fund, or a fund table not printed, decides nothing (tables_complete
reports a missing table): undecided. The pairs are data:
vocabulary.toml [[fund_tables]]."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from ..amounts import format_amount
from ..model import Fact, Finding, Outcome
from ..tables.comparable import document_phase
from ..vocabulary import load_vocabulary
from .model import Context, own_facts

RULE = "fund_tables_agree"
LABEL = "资金总表与专表一致"
DESCRIPTION = "收支总表为政府性基金、国有资本经营预算印出金额，当且仅当其专表也印有金额"
POSITION = 67


@lru_cache(maxsize=1)
def _pairs() -> list[dict]:
    return list(load_vocabulary().raw["fund_tables"])


def _finding(fact: Fact, message: str) -> Finding:
    return Finding(RULE, "error", fact.table, fact.row_code, fact.row_label, fact.column, fact.page, fact.amount,
                   Decimal(0), fact.amount, message)


def _names(ctx: Context, table: str, fund: str) -> bool:
    """Whether a summary table prints the fund's line or column (its cell may be blank: no amount)."""
    r = ctx.tables.get(table)
    if r is None:
        return False
    return any(fund in (f.title or "") for f in r.fields) or any(fund in v for row in r.rows for v in row.values())


def check(ctx: Context) -> list[Outcome]:
    facts = own_facts(ctx, (document_phase(ctx.document_type),))
    out: list[Outcome] = []
    for pair in _pairs():
        in_summary = [f for f in facts if f.table in pair["summary"] and f.measure == pair["measure"]]
        printed = [t for t in pair["tables"] if t in ctx.tables]
        named = in_summary or any(_names(ctx, t, pair["name"]) for t in pair["summary"])
        if not named or not printed:
            if named or printed:
                out.append(Outcome(RULE, False, decided=False))
            continue
        own = [f for f in facts if f.table in printed]
        summary_amount = next((f for f in in_summary if f.amount != 0), None)
        table_amount = next((f for f in own if f.amount != 0), None)
        if (summary_amount is None) == (table_amount is None):
            out.append(Outcome(RULE, True))
        elif summary_amount is not None:
            f = summary_amount
            title = ctx.title_of(printed[0])
            out.append(Outcome(RULE, False, _finding(f, (
                f"{ctx.title_of(f.table)}（第 {f.page} 页）印有{pair['name']}“{f.row_label} {f.column_text}”"
                f" {format_amount(f.amount)} {f.unit}，但{title}未印任何金额。"))))
        else:
            f = table_amount  # type: ignore[assignment]
            z = in_summary[0]
            out.append(Outcome(RULE, False, _finding(f, (
                f"{ctx.title_of(f.table)}（第 {f.page} 页）印有“{f.row_label} {f.column_text}” "
                f"{format_amount(f.amount)} {f.unit}，但{ctx.title_of(z.table)}（第 {z.page} 页）中{pair['name']}"
                f"为 0。"))))
    return out
