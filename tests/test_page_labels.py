"""The number each page prints (its folio), read from a line of its own in the top or bottom margin."""

from __future__ import annotations

import pytest

from pipeline.model import Line, Page
from pipeline.read.page_labels import pages_to_labels


def page(number: int, *lines: tuple[str, float]) -> Page:
    """A 595×842 page with a body line and the given (text, top) lines."""
    body = [Line("一、部门主要职责", 90, 300, 400, 312)]
    return Page(number, 595, 842, body + [Line(text, 280, top, 320, top + 10) for text, top in lines], [])


@pytest.mark.parametrize("folio", ["- {n} -", "-{n}-", "{n}", "第{n}页", "第 {n} 页 共 30 页", "{n}/30", "— {n} —"])
def test_folio_styles_at_the_bottom(folio):
    pages = [page(1), page(2)] + [page(i, (folio.format(n=i - 2), 800)) for i in range(3, 6)]
    assert pages_to_labels(pages) == {"3": 1, "4": 2, "5": 3}


def test_folio_at_the_top():
    pages = [page(i, (str(i + 1), 20)) for i in range(1, 4)]
    assert pages_to_labels(pages) == {"1": 2, "2": 3, "3": 4}


def test_a_stray_number_or_a_number_in_the_body_is_not_a_folio():
    pages = [
        page(1, ("2026", 800)),  # a year alone at the bottom of the cover, no neighbour in sequence
        page(2, ("15", 400)),  # a figure in the middle of the page
        page(3, ("- 7 -", 800)),
        page(4, ("- 9 -", 800)),  # out of sequence with page 3
    ]
    assert pages_to_labels(pages) == {}


def test_a_gap_keeps_the_runs_on_either_side():
    pages = [page(1, ("1", 800)), page(2, ("2", 800)), page(3), page(4, ("4", 800)), page(5, ("5", 800))]
    assert pages_to_labels(pages) == {"1": 1, "2": 2, "4": 4, "5": 5}


def test_the_sample_prints_its_page_numbers_from_the_fourth_sheet(sample_descriptor):
    labels = sample_descriptor["page_labels"]
    assert labels["4"] == 1 and labels["10"] == 7 and "1" not in labels
