"""The image and number steps of OCR on hand-made input (no recognition engine involved)."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.model import Cell, Grid
from pipeline.read.grids.ocr import repair_amount_columns, snap_indents
from pipeline.read.ocr.clean import ink, remove_specks
from pipeline.read.ocr.numbers import digit_commas, prose_digits, repair_amount, stray_marks
from pipeline.read.ocr.orient import rotated, skew_angle
from pipeline.read.ocr.ruling import find_frames, rule_masks

DPI = 150


@pytest.mark.parametrize("read, meant", [
    ("13OO.26", "1300.26"), ("l,564.72", "1,564.72"), ("1300，26", "1300.26"), ("1300。26", "1300.26"),
    ("1,300,26", "1,300.26"), ("52.6l", "52.61"), ("1564.72。", "1564.72"), ("I2", "12"),
    ("•.1300.26", "1300.26"),  # a speck beside the number
])
def test_confusions_resolved_where_one_amount_is_meant(read, meant):
    assert repair_amount(read) == meant


@pytest.mark.parametrize("read", [
    "1300.26",  # nothing to resolve
    "1.2.3", "l", "O", "2026年", "abc1", "-",  # no amount, or not made of digits and look-alikes
    "1，300，000，00,0",  # more separators than any amount has
])
def test_nothing_resolved_where_no_single_amount_is_meant(read):
    assert repair_amount(read) is None


def test_ambiguous_comma_is_left_as_read():
    assert repair_amount("1，3O0，5") == "1,300.5"  # only one reading is an amount
    assert repair_amount("l，300") is None  # 1,300 or 1.300: two amounts could be meant


@pytest.mark.parametrize("read, meant", [
    ("支出总计1，564.72万元", "支出总计1,564.72万元"),  # a thousands separator read as a sentence comma
    ("其他公务用车O辆。", "其他公务用车0辆。"), ("2O26年", "2026年"), ("1l3.97万元", "113.97万元"),
    ("分为3，12人", "分为3，12人"), ("O型", "O型"), ("PDF文件", "PDF文件"), ("二〇二六年", "二〇二六年"),
])
def test_digits_misread_in_the_words_resolved_where_no_letter_can_be_meant(read, meant):
    assert "".join(prose_digits(digit_commas(list(read)))) == meant


@pytest.mark.parametrize("read, meant", [
    ("三、国有资本经营预算.", "三、国有资本经营预算"), ("·二、外交支出", "二、外交支出"),  # dust beside a word
    ("1300.26", "1300.26"), (".5", ".5"), ("表一......", "表一......"), ("一般公共预算", "一般公共预算"), (".", "."),
])
def test_a_mark_dust_put_at_the_end_of_a_line_is_dropped(read, meant):
    assert "".join(list(read)[stray_marks(list(read))]) == meant


def grid(rows: list[list[str]]) -> Grid:
    return Grid(1, (0, 0, 100, 100), len(rows), len(rows[0]),
                [Cell(i, j, 1, 1, t) for i, row in enumerate(rows) for j, t in enumerate(row)])


def test_confusions_resolved_only_in_amount_columns():
    g = repair_amount_columns(grid([
        ["项目", "金额", "备注"],
        ["合计", "1,3O0.26", "I0"],
        ["行政运行", "709.53", "说明"],
        ["一般行政管理事务", "59O.73", "见附表"],
    ]))
    m = g.matrix()
    assert [m[i][1].text for i in (1, 2, 3)] == ["1,300.26", "709.53", "590.73"]
    assert [m[i][1].ocr_text for i in (1, 2, 3)] == ["1,3O0.26", None, "59O.73"]
    assert m[1][2].text == "I0"  # a column of words: left as read


def test_indents_snap_to_half_an_em_from_the_flush_labels():
    cells = [Cell(i, 0, 1, 1, t, indent) for i, (t, indent) in enumerate(
        [("工资福利支出", 2.9), ("基本工资", 1.4), ("津贴补贴", 3.4), ("  其中：奖金", 12.1)])]
    snap_indents(cells, {id(c): 9.0 for c in cells})
    assert [c.indent for c in cells] == [1.4, 1.4, 1.4, pytest.approx(1.4 + 2 * 4.5)]


def drawn_table() -> np.ndarray:
    """A white page with a ruled 3 × 3 table whose header row is one merged cell, and a speck."""
    page = np.full((600, 800), 255, np.uint8)
    xs, ys = [100, 300, 500, 700], [100, 150, 200, 250]
    for y in ys:
        page[y - 1: y + 1, xs[0]: xs[-1] + 1] = 0
    for i, x in enumerate(xs):
        top = ys[0] if i in (0, len(xs) - 1) else ys[1]  # inner rules stop under the merged header
        page[top: ys[-1] + 1, x - 1: x + 1] = 0
    page[400:403, 600:603] = 0  # dust on blank paper
    page[220:238, 150:162] = 0  # a character-sized blot in a cell: print, not dust
    return page


def test_ruled_frame_keeps_a_merged_header_cell():
    page = drawn_table()
    (frame,) = find_frames(*rule_masks(ink(page, DPI), DPI), DPI)
    assert (len(frame.xs), len(frame.ys)) == (4, 4)
    assert frame.cells[0] == (0, 0, 1, 3)  # the header spans all three columns
    assert sorted(frame.cells[1:]) == [(r, c, 1, 1) for r in (1, 2) for c in range(3)]
    assert frame.xs[0] == pytest.approx(100 * 72 / DPI, abs=1)


def test_table_open_at_the_sides_and_rules_overhanging():
    page = drawn_table()
    page[:, 95:102] = 255  # the left rule not drawn: the rules across still end where it was
    page[149:151, 700:706] = 0  # a rule running on 6 px past the right one (a blot at its end)
    (frame,) = find_frames(*rule_masks(ink(page, DPI), DPI), DPI)
    assert [x * DPI / 72 for x in frame.xs] == pytest.approx([102, 300, 500, 700], abs=3)


def test_dust_erased_and_print_kept():
    page = drawn_table()
    clean = remove_specks(page, DPI)
    assert clean[400:403, 600:603].min() == 255
    assert clean[220:238, 150:162].max() == 0 and (clean[90:260, 90:710] == page[90:260, 90:710]).all()


def test_skew_measured_from_rules_and_text():
    page = drawn_table()
    for degrees in (1.5, -0.8):
        assert skew_angle(ink(rotated(page, degrees, 255), DPI)) == pytest.approx(-degrees, abs=0.15)
    assert skew_angle(ink(page, DPI)) == 0.0
