"""What the 情况说明 says in words: duties (职责), internal units (机构设置), and the figures
its sections state (预算收入总计 1,564.72 万元; 下降 1.31%; 办公用房 692.58 平方米)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from ..model import Box, Line, Page
from ..vocabulary import (
    ORDINAL_MARKERS,
    PAGE_NUMBER,
    SECTION_HEADING,
    UNIT_FACTORS,
    UNIT_PATTERN,
    load_vocabulary,
    nfkc,
    squash,
    without_markers,
)
from .metadata import glossary_span
from .statements import CLAUSE_BREAK, plain

MARKERS = [("part", SECTION_HEADING), *ORDINAL_MARKERS]
# a number with a leading zero is part of a code ('（01项）'), not a figure
FIGURE = re.compile(r"(?<![\d.,])(?!-?0\d)(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)\s*(" + UNIT_PATTERN + ")")
LEAD = re.compile(r"^(其中|主要包括|主要用于|包括|共计|合计|分别是|主要是|原因是|为|是|共|有)+")


@dataclass(frozen=True)
class Figure:
    section: str
    subject: str
    figure: str
    unit: str
    page: int
    context: str
    box: Box | None = None  # where its digits are printed, on `page`
    confidence: float | None = None  # OCR: its line's least certain character; None for a text layer


def marker_kind(text: str) -> str | None:
    s = squash(text)
    return next((kind for kind, p in MARKERS if p.match(s)), None)


def body_lines(pages: list[Page]) -> list[tuple[int, str]]:
    """(page, text) of every printed line outside the tables, page numbers left out."""
    return [(page, line.text.strip()) for page, line in printed_lines(pages)]


def printed_lines(pages: list[Page]) -> list[tuple[int, Line]]:
    """body_lines' lines themselves, with their place on the page."""
    return [(p.number, ln) for p in pages for ln in p.lines
            if ln.text.strip() and not PAGE_NUMBER.match(nfkc(ln.text.strip()))]


def states_money(text: str) -> bool:
    """Whether the text states an amount of money ('人员经费5080.69万元')."""
    return any(m.group(2) in UNIT_FACTORS for m in FIGURE.finditer(plain(text)))


# A line ending in a printed amount goes on in the next line with its unit ('…（项）支出391.72' '万元').
ENDS_IN_AMOUNT = re.compile(r"\d\.\d+$|\d,\d{3}$")
STARTS_WITH_FIGURE = re.compile(r"^\s*(?:" + FIGURE.pattern + ")")
# A 类/款/项 path broken over two lines: the line ends inside a name ('…（类）行政事业单位养老支') and
# the next goes on with the rest of it and its tag ('出（款）行政单位离退休（项）307.91万元').
ENDS_IN_A_PATH = re.compile(r"[（(]\d*[类款项][）)][^（()）]+$")
# ... but '1.一般公共服务（类）支出情况' is a heading whatever the next line says
HEADING_END = re.compile(r"(?:情况|说明|明细|如下)$")
GOES_ON_IN_A_PATH = re.compile(r"^[^，。；：:（()）]{0,20}[（(]\d*[类款项][）)]")


def is_heading(text: str, following: str = "") -> bool:
    """A short numbered line without sentence punctuation that states no amount: the heading of a
    section. '（一）人员经费5080.69万元，主要包括：' opens an item of text, and so does a line whose
    amount the next line prints ('3.住房公积金（项）' above '344.32万元。主要用于…'), and one that
    breaks a 类/款/项 path the next line goes on with."""
    s = squash(text)
    after = squash(following)
    return (marker_kind(s) is not None and len(s) <= 30 and not re.search(r"[。；]|\.{3,}|…", s)
            and not states_money(s) and not ENDS_IN_AMOUNT.search(s)
            and not STARTS_WITH_FIGURE.match(plain(nfkc(following)))
            and not (ENDS_IN_A_PATH.search(s) and not HEADING_END.search(s) and marker_kind(after) is None
                     and GOES_ON_IN_A_PATH.match(after)))


def heading_at(lines: list[tuple[int, str]], i: int) -> bool:
    """Whether the i-th of the body lines is a heading (is_heading, with the line after it)."""
    return is_heading(lines[i][1], lines[i + 1][1] if i + 1 < len(lines) else "")


def _section_at(lines: list[tuple[int, str]], start: int) -> tuple[list[tuple[str, int]], str]:
    kinds = [k for k, _ in MARKERS]
    own = marker_kind(lines[start][1])
    rank = kinds.index(own) if own in kinds else 1
    items: list[list] = []
    item_kind = None
    body = []
    for j in range(start + 1, len(lines)):
        page, text = lines[j]
        kind = marker_kind(text)
        if kind is not None and kinds.index(kind) <= rank and heading_at(lines, j):
            break
        body.append(text)
        if kind is not None and kinds.index(kind) > rank and (item_kind is None or kind == item_kind):
            item_kind = kind
            items.append([re.sub(r"^\s*\S*?[、.．）)]\s*", "", text, count=1), page])
        elif items:
            items[-1][0] += text
    if not items:  # '主要承担以下十项职责：一是…。二是…。': items numbered inside the running text
        return _inline_items(lines[start + 1: start + 1 + len(body)]), "".join(body)
    return [(t.strip(), p) for t, p in items], "".join(body)


# '一是', '二是' … at the start of a sentence (the first may follow a colon): a list written as
# running text. One after '；' or '：' later on is an item of a list inside an item.
INLINE_ORDINAL = re.compile(r"(?:^|(?<=[。；：:]))([一二三四五六七八九十]{1,3})是")
ORDINALS = "一二三四五六七八九十"


def _inline_items(lines: list[tuple[int, str]]) -> list[tuple[str, int]]:
    """The items of a list written as running text ('一是…。二是…。'), each with the page its
    ordinal is printed on; only a run that counts 一是, 二是 … in order, at least two long."""
    text, starts = "", []
    for page, line in lines:
        starts.append((len(text), page))
        text += line.strip()
    run: list[re.Match[str]] = []
    for m in INLINE_ORDINAL.finditer(text):
        expected = ORDINALS[len(run)] if len(run) < 10 else "十" + ORDINALS[len(run) - 10]
        opens_sentence = m.start() == 0 or text[m.start() - 1] == "。"
        if m.group(1) == expected and (opens_sentence or not run):
            run.append(m)
    if len(run) < 2:
        return []
    out = []
    for m, after in zip(run, [*run[1:], None], strict=True):
        # the last item ends with its sentence: what follows it in the section is not a duty
        end = after.start() if after is not None else (text.find("。", m.end()) + 1 or len(text))
        item = text[m.end(): end].strip()
        page = next(p for offset, p in reversed(starts) if offset <= m.start())
        out.append((item, page))
    return out


def section_items(pages: list[Page], heading: re.Pattern) -> tuple[str, list[tuple[str, int]], str]:
    """The section whose heading matches: (heading, numbered items, the section's whole text).
    A section ends at the next heading of its own kind or a higher one. Where several headings
    match (a table of contents repeats them), the one with the most content wins."""
    lines = body_lines(pages)
    best: tuple[int, int, str, list, str] | None = None
    for i, (_, text) in enumerate(lines):
        if heading_at(lines, i) and heading.search(squash(text)):
            items, body = _section_at(lines, i)
            score = (len(items), len(body))
            if best is None or score > best[:2]:
                best = (*score, text, items, body)
    if best is None:
        return "", [], ""
    return best[2], best[3], best[4]


RESPONSIBILITIES = re.compile(r"职责|职能")
ORGANISATION = re.compile(r"机构设置|内设机构|机构情况")


def pages_to_responsibilities(pages: list[Page]) -> list[tuple[int, str, int]]:
    """(number, duty, page) for the numbered items of the 职责 section."""
    _, items, _ = section_items(pages, RESPONSIBILITIES)
    return [(i + 1, text, page) for i, (text, page) in enumerate(items)]


# what a list of units under 机构设置 is: the departments resource's title
NONE_LISTED = None  # no list of units was read: it says nothing of what they are
UNITS_LISTED = {"internal": "内设机构", "subordinate": "所属单位", NONE_LISTED: "机构设置"}  # and the titles


def units_listed(text: str) -> str:
    """What the list of units that `text` (its sentence up to the list) introduces is:
    `subordinate` (所属单位, as vocabulary.toml's [text] subordinate_units tells them) or
    `internal` (内设机构, and wherever the words say 内设: '本中心是XX局所属事业单位，内设：…')."""
    words, vocabulary = squash(text), load_vocabulary().raw["text"]
    if ("内设" in words or re.search(vocabulary["no_subordinate_units"], words)
            or not re.search(vocabulary["subordinate_units"], words)):
        return "internal"
    return "subordinate"


LIST_LEAD = r"[:：，,]|分别是|分别为|包括|如下"  # what may stand between 设 and the list's first name


def pages_to_departments(pages: list[Page]) -> tuple[list[tuple[str, int]], int | None, str | None]:
    """The units listed in 机构设置 ('设：办公室、人事科、……21个内设科室'), the count stated, and
    what they are (units_listed; NONE_LISTED where no unit is named)."""
    _, _, text = section_items(pages, ORGANISATION)
    if not text:
        return [], None, NONE_LISTED
    m = re.search(r"(?:设|内设机构|内设|包括)[:：]?(.+?)(?:(\d+)\s*个[^，。；]*?)?[。；]", text)
    if m and "、" in m.group(1):
        stated = int(m.group(2)) if m.group(2) else None
        # the words between 设 and the first name are not part of it: '设8个内设机构，分别是办公室、…',
        # '包括：办公室、…', '设有下列内设机构：办公室、…'
        first = m.group(1).split("、")[0]
        lead = re.match(rf"(?:.*(?:{LIST_LEAD}))?", first).group(0)  # type: ignore[union-attr]
        names = [n.strip() for n in m.group(1)[len(lead):].split("、") if n.strip()]
        start = m.start(1) + len(lead)
    elif (m := re.search(r"(?:(\d+)\s*个[^，。；:：\d]{0,12}[，,]?)?(?:即|分别是|分别为|包括)[:：](.+?)。", text)) \
            and "；" in m.group(2):
        # '所属二级单位5个，即：北京市政务服务和数据管理局（本级）；北京市市民热线服务中心；…。',
        # '下属 5 个二级预算单位，分别是：…' (what is counted may follow its count)
        stated = int(m.group(1)) if m.group(1) else None
        # a unit's remark after its name ('北京市法律援助中心，属全额拨款事业单位') is not its name
        names = [re.split(r"[，,]", n.strip())[0] for n in m.group(2).split("；") if n.strip()]
        start = m.start(2)
        if any(re.search(r"\d+\s*个$", n) for n in names):
            return [], None, NONE_LISTED  # '包括：行政单位1个；事业单位2个。' counts kinds of unit, it names none
    else:
        return [], None, NONE_LISTED
    # the page that prints the first name, which may run over two of its lines
    page = next((p.number for p in pages if names and names[0] in "".join(ln.text.strip() for ln in p.lines)), 0)
    # the words before the list, from the start of their sentence, say what the units are
    return [(n, page) for n in names], stated, units_listed(text[max(text.rfind("。", 0, start),
                                                                   text.rfind("；", 0, start)) + 1: start])


def _subject(clause: str, publisher: str) -> str:
    """The words of a figure's own clause before it, without its item number, year, owner and
    lead words: '1.“一般公共服务支出（类）商贸事务（款）行政运行（项）”' keeps its parentheses
    (they say which item it is); in '比上年预算数847128.49万元增加' the words after the last
    figure are this one's."""
    figures = list(FIGURE.finditer(clause))
    if any(f.group(2) in ("%", "％") for f in figures):
        return ""  # shares run together without a break: a chart's legend ('7.28% 一般公共服务支出83.10%')
    if figures:
        after = clause[figures[-1].end():]
        # '在建工程1项12277.73万元': the words before the first figure say what both are
        # ('减少0.03万元（0.44%）': a figure in parentheses is the one before's; see pages_to_figures)
        own = re.search(r"[\u4e00-\u9fff]", after) or after.strip() in ("（", "(")
        clause = after if own else FIGURE.sub("", clause)
    clause = without_markers(clause.strip())
    clause = re.sub(r"^\d{4}年度?", "", clause)
    if publisher:
        clause = clause.replace(publisher, "")
    clause = re.sub(r"^(本单位|本部门)", "", clause)
    return LEAD.sub("", clause).strip()


def pages_to_figures(pages: list[Page], publisher: str = "") -> list[Figure]:
    """Every figure with a unit in the 情况说明 part, with the words that say what it is."""
    placed = printed_lines(pages)
    lines = [(page, line.text.strip()) for page, line in placed]
    # the whole text but the glossary and table-of-contents lines; each figure is filed
    # under the heading above it
    skip = glossary_span(lines) or (len(lines), len(lines))
    out: list[Figure] = []
    section = ""
    buffer: list[tuple[int, str]] = []
    buffered: list[Line] = []  # the line each text of `buffer` is

    def flush():
        text = "".join(t for _, t in buffer)
        offsets, pos = [], 0
        for page, t in buffer:
            offsets.append((pos, page))
            pos += len(t)
        previous = ""
        # where clauses end, and the highest page up to each line: found by bisection, so a long
        # section (a 2,000-page file without headings) is not read again for every figure in it
        breaks = [b.end() for b in CLAUSE_BREAK.finditer(plain(text))]
        # a line that starts a numbered item starts a clause, whatever the line before ends with
        breaks = sorted({*breaks, *(o for (o, _), (_, t) in zip(offsets, buffer, strict=True) if marker_kind(t))})
        starts, highest = [o for o, _ in offsets], list(accumulate((p for _, p in offsets), max))
        for m in FIGURE.finditer(text):
            clause_start = breaks[i - 1] if (i := bisect_right(breaks, m.start())) else 0
            subject = _subject(text[clause_start: m.start()], publisher)
            if previous and not subject.strip("（(") and text[max(0, m.start() - 1): m.start()] in "（(":
                subject = previous  # '减少0.03万元（0.44%）': the figure before says what it is
            if not re.search(r"[\u4e00-\u9fff]", subject) or re.search(r"%|\d\.\d|图$", subject):
                continue  # chart legends and labels lost from a picture, not statements
            if subject in ("占", "占比") and previous:
                subject = f"{previous}占比"
            page = highest[bisect_right(starts, m.start()) - 1]
            at = bisect_right(starts, m.start(1)) - 1
            context = text[max(0, m.start() - 30): m.end() + 5]
            line, offset = buffered[at], m.start(1) - starts[at]
            lead = len(line.text) - len(line.text.lstrip())
            end = min(offset + len(m.group(1)), len(buffer[at][1]))
            box = line.span_box(lead + offset, lead + end) if buffer[at][0] == page else None
            out.append(Figure(section, subject, m.group(1).replace(",", ""), m.group(2).replace("％", "%"),
                              page, context, box, line.confidence))
            if subject not in ("占", "占比") and not subject.endswith("占比"):
                previous = subject

    for i, (page, text) in enumerate(lines):
        if skip[0] <= i < skip[1]:
            continue
        s = squash(text)
        if re.search(r"\.{4,}|…{2,}", s):
            continue  # table of contents
        if heading_at(lines, i):
            flush()
            buffer, buffered = [], []
            section = re.sub(r"\s+", "", text)
            continue
        buffer.append((page, text))
        buffered.append(placed[i][1])
    flush()
    return out
