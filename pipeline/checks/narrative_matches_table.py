"""Each amount the 情况说明 states that a table also prints equals it.

Where the words could mean several tables, agreeing with any of them passes, and disagreeing
with all of them is a warning (the text may speak of a part the tables do not print). A figure
the text rounds in its own unit (8,695.94 万元 for 86,959,408.34 元) is a rounding warning
(ROUNDING_WORDS: how the site tells a 尾差 from this rule's other warnings).
The headline figures text_matches_table reads (vocabulary [[text_figure]]) are left to it.

An item the words name by its code ('行政运行（2010301）', '（208类）（05款）（01项）',
'2080506-机关事业单位职业年金缴费支出') or by its 类/款/项 names ('“一般公共服务支出（类）商贸事务
（款）行政运行（项）”') is compared with that code's amount in the coded tables' total columns;
names that match no code the tables print are not compared."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..amounts import format_amount
from ..codes import LEVELS
from ..model import Fact, Outcome
from ..tables.indicators import by_code
from ..tables.totals import is_whole_table_total
from ..text.figures import target_of
from ..text.narrative import Figure
from ..text.statements import topic_of
from ..vocabulary import UNIT_FACTORS, squash
from .model import ROUNDING, Context, compare, rounding_tolerance
from .names_agree_by_code import name_of

RULE = "narrative_matches_table"
LABEL = "文字与报表相符"
DESCRIPTION = "情况说明中提到的金额与报表中的对应金额一致"
POSITION = 110
# The words of a rounding warning: the text gives the table's figure rounded to its own unit.
ROUNDED_IN_TEXT = "文字中的数是报表数的约数"
# A warning of this rule is a rounding difference (尾差) where its message has one of these: the
# text rounds the table's figure, or the two differ by no more than their printed digits allow.
# Its other warnings are words that may mean several table cells.
ROUNDING_WORDS = (ROUNDED_IN_TEXT, ROUNDING)
SPENDING = {"expenditure", "general_public_expenditure", "appropriation_summary", "gov_fund_expenditure"}


def _group_leaf(column: tuple[str, ...]) -> str:
    """The column's lowest level, or the level above a 小计/合计 column."""
    if len(column) > 1 and column[-1] in ("小计", "合计"):
        column = column[:-1]
    return squash(column[-1]) if column else ""


def _pick(facts: Sequence[Fact], tables: set[str], row: Callable[[str], bool], leaf: str | None = None) -> list[Fact]:
    """Facts of these tables in rows `row` accepts, in columns whose group leaf matches `leaf`."""
    return [f for f in facts if f.table in tables and row(squash(f.row_label))
            and (leaf is None or re.search(leaf, _group_leaf(f.column)))]


# tables whose total column gives each code's amount, by the classification of their codes
CODED_TABLES = {"functional": ("general_public_expenditure", "expenditure", "gov_fund_expenditure"),
                "economic": ("basic_expenditure_economic", "general_public_expenditure_economic", "basic_expenditure")}
CODE_NAMED = re.compile(r"[（(](\d{3}(?:\d{2}){0,2})[）)]|^(\d{3}(?:\d{2}){0,2})\s*[-—－]")
# a name (which may hold a bracketed word of its own: 政府办公厅（室）及相关机构事务) and its level tag
PATH = re.compile(r"((?:[^（()）“”\"]|[（(][^（()）\d类款项]{1,6}[）)])*)[（(](\d*)(类|款|项)[）)]")
LEVEL_DIGITS = {level: digits for digits, level in LEVELS.items()}  # 类 → 3, 款 → 5, 项 → 7


@dataclass(frozen=True)
class Coded:
    """The codes the tables print, read once per document: each code's name and its amounts in
    the coded tables' total columns."""

    names: dict[str, str]
    totals: dict[str, list[Fact]]
    by_name: dict[tuple[int, str], list[str]] = dataclasses.field(default_factory=dict)  # (digits, name) → codes

    def __post_init__(self) -> None:
        for code, name in self.names.items():  # looked up once per figure, not scanned
            self.by_name.setdefault((len(code), name), []).append(code)

    def named(self, digits: int, name: str) -> list[str]:
        """The codes of this length printed with the name (一般公共服务 is 一般公共服务支出)."""
        forms = {name, name + "支出", name.removesuffix("支出")}
        return [c for form in forms for c in self.by_name.get((digits, form), [])]

    @classmethod
    def of(cls, facts: Sequence[Fact]) -> Coded:
        names: dict[str, str] = {}
        for f in facts:
            if f.row_code and f.classification:
                names.setdefault(f.row_code, name_of(f.row_label))
        totals: dict[str, list[Fact]] = {}
        for classification, tables in CODED_TABLES.items():
            for table in tables:
                for code, fact in by_code(facts, table, classification):
                    totals.setdefault(code, []).append(fact)
        return cls(names, totals)


def same_name(a: str, b: str) -> bool:
    """Names as the words and the tables print them: 一般公共服务 is 一般公共服务支出."""
    return a == b or a + "支出" == b or a == b + "支出"


def stated_code(subject: str, coded: Coded) -> str | None:
    """The code an item's words name: printed with it, or found from its 类/款/项 names."""
    s = squash(subject).strip("“”\"")
    if m := CODE_NAMED.search(s):
        return m.group(1) or m.group(2)
    matches = list(PATH.finditer(s))
    if not matches or re.sub(r"[（(）)“”\"]|科目|支出", "", s[matches[-1].end():]):
        return None  # an item named after its path without its own tag: deeper than the path says
    parts = [(name_of(m.group(1)), m.group(2), m.group(3)) for m in matches]
    if all(d for _, d, _ in parts):  # （208类）（05款）（01项）
        code = "".join(d for _, d, _ in parts)
        return code if len(code) == LEVEL_DIGITS[parts[-1][2]] else None
    deepest = parts[-1]
    if not deepest[0]:
        return None
    named = {level: n for n, _, level in parts if n}
    found = {c for c in coded.named(LEVEL_DIGITS[deepest[2]], deepest[0])
             if all(same_name(n, coded.names.get(c[:LEVEL_DIGITS[level]], "")) for level, n in named.items())}
    return found.pop() if len(found) == 1 else None


def candidates(subject: str, facts: Sequence[Fact], coded: Coded | None = None) -> tuple[list[Fact], bool]:
    """Table facts a narrative subject may name, and whether the naming is unambiguous.

    收入总计 / 支出总计 name the summary table's totals. Other words (基本支出, a 类 such as
    卫生健康支出) are used for the whole budget in one section and for the general public budget
    or the 财政拨款 in another, so every table printing them is a candidate."""
    s = re.sub(r"\s+", "", subject)
    if re.search(r"收入总计$", s):
        return _pick(facts, {"summary"}, lambda x: x == "收入总计")[:1], True
    if re.search(r"支出总计$", s):
        return _pick(facts, {"summary"}, lambda x: x == "支出总计")[:1], True
    if re.fullmatch(r"(一般公共预算)?(安排)?(基本支出|项目支出)", s):
        leaf = "基本支出" if s.endswith("基本支出") else "项目支出"
        return _pick(facts, SPENDING, is_whole_table_total, f"^{leaf}$"), False
    if s in ("人员经费", "公用经费"):
        return _pick(facts, {"basic_expenditure_economic", "general_public_expenditure", "expenditure"},
                     is_whole_table_total, f"^{s}$"), False
    if re.match(r"^机关运行经费", s):
        return _pick(facts, {"operating_costs", "three_public"},
                     lambda x: is_whole_table_total(x) or "机关运行经费" in x), False
    if coded is not None and (code := stated_code(subject, coded)) is not None:
        return coded.totals.get(code, []), False
    named = [f for f in facts if f.table in SPENDING | {"summary"}
             and re.sub(r"^[一二三四五六七八九十]+、", "", squash(f.row_label)) == s
             and (len(f.row_code) == 3 or not f.row_code)]
    return named, False


def _said(ctx: Context, fig: Figure, f: Fact) -> str:
    """'情况说明称“卫生健康支出”为 260.00 万元，2026年支出总表“卫生健康支出 预算数”（第 10 页）为 264.46 万元'."""
    cell = " ".join(x for x in (f.row_label, f.column_text) if x)
    return (f"情况说明称“{fig.subject}”为 {format_amount(fig.figure)} {fig.unit}，"
            f"{ctx.title_of(f.table)}“{cell}”（第 {f.page} 页）为 {format_amount(f.amount)} {f.unit}")


def _compare(ctx: Context, fig: Figure, f: Fact) -> Outcome:
    scale = Decimal(UNIT_FACTORS[fig.unit]) / f.factor
    printed = Decimal(fig.figure) * scale
    stated = Fact("narrative", "", fig.subject, (f"{fig.section}：{fig.subject}",), printed, page=fig.page)
    outcome = compare(RULE, "narrative", stated, [f.amount], "")
    if outcome.finding is None:
        return outcome
    said = _said(ctx, fig, f)
    places = len(fig.figure.partition(".")[2])
    slack = Decimal(5).scaleb(-places - 1) * scale + rounding_tolerance([f.amount])
    if not outcome.passed and abs(outcome.finding.difference) <= slack:
        return Outcome(RULE, True, dataclasses.replace(outcome.finding, severity="warning",
                                                       message=f"{said}；{ROUNDED_IN_TEXT}。"))
    difference = f"，相差 {format_amount(outcome.finding.difference)} {f.unit}"
    rounding = f"，{ROUNDING}" if outcome.passed else ""
    return dataclasses.replace(outcome, finding=dataclasses.replace(
        outcome.finding, message=f"{said}{difference}{rounding}。"))


def check(ctx: Context) -> list[Outcome]:
    out = []
    coded = Coded.of(ctx.facts)
    for fig in ctx.figures:
        if fig.unit not in UNIT_FACTORS or target_of(topic_of(fig.subject, ctx.fiscal_year).topic) is not None:
            continue
        found, exact = candidates(fig.subject, ctx.facts, coded)
        if not found:
            continue
        tries = [_compare(ctx, fig, f) for f in found]
        outcome = next((o for o in tries if o.passed), tries[0])
        if not outcome.passed and not exact and outcome.finding is not None:
            others = f"也可能是另外 {len(tries) - 1} 处金额" if len(tries) > 1 else "可能不是这一金额"
            message = f"{_said(ctx, fig, found[0])}；文字所指{others}，未能确定。"
            outcome = Outcome(RULE, False, dataclasses.replace(outcome.finding, severity="warning", message=message))
        out.append(outcome)
    return out
