"""Levels and parents from codes or from indentation."""

from __future__ import annotations

from pipeline.tables.hierarchy import rows_to_levels


def test_levels_from_codes():
    keys = [("", "合计"), ("201", "一般公共服务支出"), ("20103", "政府办公厅"), ("2010301", "行政运行"),
            ("208", "社会保障和就业支出")]
    assert rows_to_levels(keys, [None] * 5) == [(0, None), (1, 0), (2, 1), (3, 2), (1, 0)]


def test_levels_from_indentation():
    keys = [("", "合计"), ("", "科学技术支出"), ("", "技术研究与开发"), ("", "科技成果转化与扩散"),
            ("", "卫生健康支出")]
    indents = [40.0, 5.4, 15.4, 25.5, 5.3]  # 合计 is centred: not part of the indentation
    assert rows_to_levels(keys, indents) == [(0, None), (1, 0), (2, 1), (3, 2), (1, 0)]


def test_no_hierarchy_when_everything_is_flush():
    keys = [("", "合计"), ("", "A局"), ("", "B中心")]
    assert rows_to_levels(keys, [5.4, 5.4, 5.4]) is None


def test_ordinal_markers_beat_indentation():
    """珠海's 三公 table indents '其中：（一）…' deeper than '（二）…'; the markers say they are siblings."""
    keys = [("", "“三公”经费"), ("", "其中：（一）因公出国（境）支出"), ("", "（二）公务用车购置及运行维护支出"),
            ("", "1.公务用车购置费"), ("", "（三）公务接待费支出")]
    levels = rows_to_levels(keys, [5.0, 25.0, 5.0, 10.0, 5.0])
    assert levels == [(0, None), (1, 0), (1, 0), (2, 2), (1, 0)]
