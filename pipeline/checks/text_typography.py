"""改变数字含义的排版错误：百分比缺“%”（“增长13.95。”）、增减额缺单位（“增加56.95，”）、
标点重复（“。。”“，，”）、单位或虚词重复（“万元万元”“的的”）。All warnings. Words from vocabulary.toml [text]
rate_words, change_words, unitless_end, doubled_punctuation, doubled_word."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from ..model import Outcome
from ..text.statements import plain, words
from .model import Context, quote, sentence_finding

RULE = "text_typography"
LABEL = "排版错误"
DESCRIPTION = "百分比有“%”、增减额有单位、没有重复的标点、单位和虚词"
POSITION = 190
NUMBER = r"\s?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    t = words().raw
    rate = re.compile(f"{t['rate_words']}{NUMBER}(?={t['unitless_end']})")
    change = re.compile(f"{t['change_words']}{NUMBER}(?={t['unitless_end']})")
    return rate, change, re.compile(t["doubled_punctuation"]), re.compile(t["doubled_word"])


def check(ctx: Context) -> list[Outcome]:
    rate, change, doubled, twice = _patterns()
    out: list[Outcome] = []
    for s in ctx.sentences:
        if s.kind != "text":
            continue
        text = plain(s.text)
        for pattern, what in ((rate, "百分比缺少“%”"), (change, "增减额缺少单位")):
            for m in pattern.finditer(text):
                said = f"第{s.page_at(m.start())}页“{quote(s, m.start(), m.end(), 30)}”"
                out.append(Outcome(RULE, False, sentence_finding(
                    RULE, "warning", s, offset=m.start(), printed=Decimal(m.group(1).replace(",", "")), label="排版",
                    message=f"{said}中“{s.text[m.start():m.end()]}”{what}。")))
        for m in doubled.finditer(re.sub(r"(?<=\d),(?=\d{3})", "_", text)):
            out.append(Outcome(RULE, False, sentence_finding(
                RULE, "warning", s, offset=m.start(), label="排版",
                message=f"第{s.page_at(m.start())}页“{quote(s, m.start(), m.end(), 30)}”中标点“{m.group(0)}”重复。")))
        for m in twice.finditer(text):
            out.append(Outcome(RULE, False, sentence_finding(
                RULE, "warning", s, offset=m.start(), label="排版",
                message=f"第{s.page_at(m.start())}页“{quote(s, m.start(), m.end(), 30)}”中“{m.group(1)}”重复。")))
    return out
