"""文字所写科目名称与报表一致：情况说明按“类、款、项”写出的支出科目（“一般公共服务支出（类）商贸事务
（款）行政运行（项）”），其各级名称与报表为该编码印出的名称相同。

A path is read from the words as printed: consecutive 名称（类）名称（款）名称（项） tags, with or
without their digits（（208类）（05款）（01项））. Where the digits are printed, each name is
compared with the name the tables print for that code. Otherwise the path's deepest name is looked
up among the codes the tables print at its level: a code whose every named level agrees passes;
where the deepest name is printed but under other parents, the path names a parent the tables do
not print for it (a warning quoting both); a path whose deepest name no table prints at a level
the tables do print is a warning too. Where the tables print no code of that level, nothing is
decided. The first name of a path may carry the words before it ('主要用于一般公共服务'), so it
matches a printed name it ends with."""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import Finding, Outcome
from ..text.sentences import Sentence
from ..vocabulary import despace, without_markers
from .model import Context, quote, sentence_finding
from .names_agree_by_code import name_of
from .narrative_matches_table import LEVEL_DIGITS, PATH, Coded, same_name

RULE = "text_names_match_codes"
LABEL = "文字所写科目名称与报表一致"
DESCRIPTION = "情况说明按类、款、项写出的科目名称与报表为同一编码印出的名称相同"
POSITION = 69


def _chains(text: str) -> list[list[re.Match[str]]]:
    """Runs of 名称（类）名称（款）… printed one right after the other."""
    out: list[list[re.Match[str]]] = []
    for m in PATH.finditer(text):
        if out and out[-1][-1].end() == m.start() and LEVEL_DIGITS[m.group(3)] > LEVEL_DIGITS[out[-1][-1].group(3)]:
            out[-1].append(m)
        else:
            out.append([m])
    return [c for c in out if len(c) > 1]


def _agrees(stated: str, printed: str, first: bool) -> bool:
    if not printed:
        return False
    if same_name(stated, printed):
        return True
    # the first name may carry the words before it; the printed name may end in 支出 or not
    return first and any(stated.endswith(form) for form in {printed, printed.removesuffix("支出")} if len(form) > 1)


def _finding(sentence: Sentence, start: int, end: int, message: str) -> Finding:
    # the quote comes first: the site and the review PDF find the words by its opening characters
    words = quote(sentence, start, min(end + 20, len(sentence.text)), 0)
    return sentence_finding(RULE, "warning", sentence, f"“{words}”：{message}。",
                            offset=start, printed=Decimal(0), expected=Decimal(0))


def check(ctx: Context) -> list[Outcome]:
    coded = Coded.of(ctx.facts)
    if not coded.names:
        return []
    levels = {len(code) for code in coded.names}
    printed: dict[str, str] = {}  # each code's name as the tables print it, for the message
    for f in ctx.facts:
        if f.row_code in coded.names:
            printed.setdefault(f.row_code, without_markers(despace(f.row_label)))
    out = []
    for sentence in ctx.sentences:
        if sentence.kind != "text":
            continue
        for chain in _chains(sentence.text):
            parts = [(name_of(m.group(1)), m.group(2), LEVEL_DIGITS[m.group(3)], m.group(3)) for m in chain]
            start, end = chain[0].start(), chain[-1].end()
            if all(d for _, d, _, _ in parts):  # （208类）（05款）（01项）, or each level's whole code
                code = ""
                for _, d, digits, _ in parts:
                    code = d if len(d) == digits else code + d
                wrong = [(n, code[:digits], level) for i, (n, _, digits, level) in enumerate(parts)
                         if n and code[:digits] in coded.names and not _agrees(n, coded.names[code[:digits]], i == 0)]
                if not any(code[:digits] in coded.names for _, _, digits, _ in parts):
                    continue
                if not wrong:
                    out.append(Outcome(RULE, True))
                    continue
                n, c, level = wrong[0]
                message = f"文字写科目 {c} 为“{n}”（{level}），报表印为“{printed[c]}”"
                out.append(Outcome(RULE, False, _finding(sentence, start, end, message)))
                continue
            name, _, digits, level = parts[-1]
            if not name or digits not in levels:
                continue  # the tables print no code of that level: nothing to compare with
            codes = coded.named(digits, name)
            # a parent the tables do not print is not compared: nothing says its name
            fits = [c for c in codes if all(_agrees(n, coded.names[c[:d]], i == 0)
                                            for i, (n, _, d, _) in enumerate(parts) if n and c[:d] in coded.names)]
            if fits:
                out.append(Outcome(RULE, True))
                continue
            if codes:
                c = codes[0]
                n, _, d, lv = next((n, x, d, lv) for i, (n, x, d, lv) in enumerate(parts)
                                   if n and c[:d] in coded.names and not _agrees(n, coded.names[c[:d]], i == 0))
                message = (f"文字写“{name}”（{level}）属于“{n}”（{lv}），报表中“{name}”为科目 {c}，"
                           f"其{lv}级科目印为“{printed[c[:d]]}”")
            else:
                message = f"文字写“{name}”（{level}），报表中没有印出这一名称的{level}级科目"
            out.append(Outcome(RULE, False, _finding(sentence, start, end, message)))
    return out
