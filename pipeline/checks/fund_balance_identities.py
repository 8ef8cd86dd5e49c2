"""每类财政拨款收支平衡：财政拨款收支总表中，每一类资金（一般公共预算、政府性基金预算、国有资本经营
预算）年初结转和结余（上年结转）+ 本年收入 = 本年支出 + 年末结转和结余（年终结转）。

The whole table's balance (总计 = 本年合计 + carry lines) is `balance_identities`; this rule
asks it of each fund on its own, where final accounts most often break while their totals still
agree. A fund's figures are: its income row above the year's total, its row among the carry-in
lines below it, and on the spending side its own column at the year's total and at the carry-out
line. A line the table prints but leaves blank is 0; a figure the table has no place for (no
column of that fund, or one carry-in line for several funds that have money) leaves the fund
undecided, never passed."""

from __future__ import annotations

import re
from decimal import Decimal

from ..amounts import format_amount
from ..model import Fact, Outcome
from ..tables.comparable import APPROPRIATION_BUDGETS, document_phase, fund_of
from ..tables.indicators import is_grand_row, is_year_row, side
from ..vocabulary import squash, without_markers
from .model import Context, compare, printed_in

RULE = "fund_balance_identities"
LABEL = "各类财政拨款收支平衡"
DESCRIPTION = "每类财政拨款：年初结转和结余加本年收入等于本年支出加年末结转和结余"
POSITION = 56
COMPARES_TABLE_AMOUNTS = True
FUNDS = APPROPRIATION_BUDGETS
CARRY = re.compile(r"结转|结余")


def _year_row(rows: list[Fact]) -> int | None:
    years = [f.row_number for f in rows if is_year_row(f)]
    return min(years) if years else None


def check(ctx: Context) -> list[Outcome]:
    rows = printed_in(ctx, (document_phase(ctx.document_type),), {}).by_table.get("appropriation_summary", [])
    income = [f for f in rows if side(f) == "income"]
    spent = [f for f in rows if side(f) == "expenditure"]
    year_in, year_out = _year_row(income), _year_row(spent)
    if year_in is None or year_out is None:
        return []
    # the side's last total (收入总计; 重庆 closes with 收入合计 under 一、本年收入 and 二、上年结转)
    grand_in = max((f.row_number for f in income if (is_grand_row(f) or is_year_row(f)) and f.row_number > year_in),
                   default=None)
    if grand_in is None:
        return []
    # the carry-in line; a fund's row above it is the year's income, below it the money carried in
    carry_line = next((f for f in sorted(income, key=lambda f: f.row_number)
                       if year_in <= f.row_number < grand_in and CARRY.search(squash(f.row_label))
                       and f.measure not in FUNDS), None)
    carry_row = carry_line.row_number if carry_line is not None else grand_in
    after = [f for f in income if carry_row < f.row_number < grand_in]
    out_line = [f for f in spent if f.row_number > year_out and CARRY.search(squash(f.row_label))
                and not is_grand_row(f)]
    with_money = {f.measure for f in income if f.measure in FUNDS and f.amount} | {
        fund_of(f.column) for f in spent if fund_of(f.column) in FUNDS and f.amount}
    columns = {fund_of(f.column) for f in spent} & set(FUNDS)
    if not columns and len(with_money) == 1:
        return []  # one fund and no column of its own: the whole table's balance is this fund's
    year_funds = [f for f in income if f.measure in FUNDS and f.row_number < carry_row]
    out = []
    for fund in FUNDS:
        if fund not in with_money:
            continue
        # a fund's blank row in a list that names funds is 0; a side that names none has no place for it
        received = [f for f in year_funds if f.measure == fund]
        paid = [f for f in spent if fund_of(f.column) == fund and f.measure == fund and f.row_number == year_out]
        if not year_funds or fund not in columns or not paid:
            out.append(Outcome(RULE, True, decided=False))
            continue
        carried_in = [f for f in after if f.measure == fund]
        itemised = any(f.measure in FUNDS for f in after)
        if not carried_in and carry_line is not None and carry_line.amount and not itemised:
            if len(with_money) > 1:
                out.append(Outcome(RULE, True, decided=False))  # one carry-in line for several funds
                continue
            carried_in = [carry_line]
        income_now = received[0].amount if received else Decimal(0)
        carry_in = carried_in[0].amount if carried_in else Decimal(0)
        carry_out = next((f.amount for f in out_line if fund_of(f.column) == fund), Decimal(0))
        name = without_markers(squash(received[0].row_label)) if received else paid[0].column[-1]
        parts = [income_now, carry_in, -carry_out]
        other = (f"其本年收入 {format_amount(income_now)} 与年初结转和结余 {format_amount(carry_in)} "
                 f"之和减去年末结转和结余 {format_amount(carry_out)} 后")
        out.append(compare(RULE, paid[0].table, paid[0], parts, other, subject=f"{name}“{paid[0].row_label}”印刷"))
    return out
