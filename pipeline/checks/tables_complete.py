"""报表齐全：目录所列的每张表都已印出；本类文件应公开的每张标准表都已印出，或文字说明了本单位没有
该项收支；印出的空表注明了“本表无数据”之类的说明。

The standard tables of each document type, and the words of an empty table's note, are data
(vocabulary.toml [text] standard_tables, empty_table_words). A document whose tables the pipeline
could not read (fewer than `standard_tables_read` of them) is not judged on the standard set: its
tables are published apart or printed in a form the pipeline cannot read. An omission is a
warning: it is the pipeline's reading, not a printed figure, that finds a table absent."""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache

from ..model import Outcome
from ..text.figures import nones
from ..text.statements import words
from ..vocabulary import load_vocabulary
from .model import Context, sentence_finding, text_finding
from .text_matches_table import table_name
from .text_zero_total import says_none

RULE = "tables_complete"
LABEL = "报表齐全"
DESCRIPTION = "目录所列和应公开的标准表都已印出，空表注明了原因"
POSITION = 200
NO_NOTE = "表中无金额"  # what normalize writes where an empty table printed no note


@lru_cache(maxsize=1)
def _empty_words() -> re.Pattern:
    return re.compile("|".join(f"(?:{w})" for w in words().raw["empty_table_words"]))


def _printed(ctx: Context, entry: str, key: str) -> bool:
    """A table the 目录 lists is printed: a table of the same kind, or a table or a line outside
    the 目录 that bears nearly its title (部门收支总表 is printed as 部门收支总体情况表)."""
    if key != "other" and key in ctx.tables:
        return True
    vocab = load_vocabulary()
    want = vocab.strip_title(entry)
    titles = [vocab.strip_title(r.title) for r in ctx.tables.values()]
    titles += [vocab.strip_title(s.text) for s in ctx.sentences if s.kind != "contents"]
    return any(want and t and (want in t or t in want or SequenceMatcher(None, want, t).ratio() >= 0.8)
               for t in titles)


def _contents(ctx: Context) -> list[Outcome]:
    vocab = load_vocabulary()
    part = re.compile(words().raw["contents_part"])
    out = []
    for s in ctx.sentences:
        if s.kind != "contents":
            continue
        rule = vocab.title_rule(s.text)
        if rule is None or rule.key == "skip" or part.search(vocab.strip_title(s.text)):
            continue
        if _printed(ctx, s.text, rule.key):
            out.append(Outcome(RULE, True))
            continue
        out.append(Outcome(RULE, False, sentence_finding(
            RULE, "warning", s, label="目录",
            message=f"目录（第{s.page}页）列有“{s.text}”，正文中未见此表。")))
    return out


def _standard(ctx: Context) -> list[Outcome]:
    t = words().raw
    standard = t["standard_tables"]["budget" if ctx.is_budget else "final_account"]
    if sum(k in ctx.tables for k in standard) < t["standard_tables_read"]:
        return []
    explained = {k for n in nones() for s in ctx.sentences if s.kind == "text" and says_none(ctx, n, s)
                 for k in n.shown_in}
    out = []
    for key in standard:
        if key in ctx.tables or key in explained:
            out.append(Outcome(RULE, True))
            continue
        out.append(Outcome(RULE, False, text_finding(
            RULE, "warning", key, "标准报表", 0, 0, 0,
            f"本文件未印出{table_name(key)}（{'预算' if ctx.is_budget else '决算'}应公开的标准报表），"
            f"文字也未说明本单位无此项收支。")))
    return out


def _same_title(a: str, b: str) -> bool:
    vocab = load_vocabulary()
    a, b = vocab.strip_title(a), vocab.strip_title(b)
    return bool(a and b) and (a == b or SequenceMatcher(None, a, b).ratio() >= 0.9)


def _listed_as_empty(ctx: Context, title: str) -> bool:
    """A 报表目录 printed as a table says the table is empty: its row names the table and says
    空表/不涉及 (西安: 表9 部门综合预算政府性基金收支表 | 是 | 不涉及, under 是否空表)."""
    empty = _empty_words()
    for key, r in ctx.tables.items():
        if not key.startswith("other_"):
            continue
        cells = [[v for k, v in row.items() if k not in ("row_number", "page") and v] for row in r.rows]
        flags_empty = any("空表" in v for row in cells for v in row)  # a 是否空表 column
        for row in cells:
            if any(_same_title(v, title) for v in row) and (
                    any(empty.search(v) for v in row) or (flags_empty and "是" in row)):
                return True
    return False


def _notes(ctx: Context) -> list[Outcome]:
    empty = _empty_words()
    if any(re.search(words().raw["empty_tables_note"], s.text) for s in ctx.sentences):
        return [Outcome(RULE, True)]
    # a page whose titles read as several empty tables is a list of titles, not tables
    starts = Counter(min(r.extra.get("pages") or [0]) for r in ctx.tables.values() if not r.rows)
    out = []
    for key, r in ctx.tables.items():
        pages = set(r.extra.get("pages") or [])
        if r.rows or key.startswith("other_") or not pages or starts[min(pages)] >= 3:
            continue
        if NO_NOTE not in r.description or any(
                s.page in pages and s.kind != "contents" and empty.search(s.text) for s in ctx.sentences) \
                or _listed_as_empty(ctx, r.title):
            out.append(Outcome(RULE, True))
            continue
        out.append(Outcome(RULE, False, text_finding(
            RULE, "warning", key, r.title, min(pages), 0, 0,
            f"第{min(pages)}页“{r.title}”为空表，但未注明“本表无数据”或无此项收支的说明。")))
    return out


def check(ctx: Context) -> list[Outcome]:
    if not any(not k.startswith("other_") for k in ctx.tables):
        return []  # the explanation part of a disclosure whose tables are published apart
    return _contents(ctx) + _standard(ctx) + _notes(ctx)
