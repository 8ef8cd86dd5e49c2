"""Bar charts as data: bars with their width, value and share, drawn by a template in HTML and CSS
(pipeline/publish/templates/_charts.html.j2). Labels are text at the page's own size, so they stay
readable on a phone (an SVG scaled to fit a 390 px screen shrank them to ~5 px) and need no
script, no external request and no colour to be read: every bar prints its value."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

SERIES = 6  # colours in the stylesheet (.bar.s0 … .bar.s5)


def fmt(value: Decimal) -> str:
    return f"{value:,.2f}"


@dataclass(frozen=True)
class Bar:
    label: str
    shown: str  # the value as printed beside the bar
    width: float  # percent of the chart's longest bar
    series: int = 0  # colour, and the legend entry it belongs to
    share: str = ""  # percent of the chart's total, where parts make up a whole


@dataclass(frozen=True)
class Group:
    label: str  # '' for a chart of one group
    bars: list[Bar]


@dataclass(frozen=True)
class BarChart:
    title: str
    unit: str
    groups: list[Group]
    legend: list[tuple[int, str]] = field(default_factory=list)  # (series, name) of the series the bars use

    @property
    def bar_count(self) -> int:
        return sum(len(g.bars) for g in self.groups)


def _width(value: Decimal, biggest: Decimal) -> float:
    return round(float(value / biggest) * 100, 1) if biggest > 0 else 0.0


def parts_chart(title: str, items: list[tuple[str, Decimal]], unit: str) -> BarChart | None:
    """Parts of a whole, one bar each, with value and share (支出按功能分类, 基本/项目支出)."""
    items = [(label, value) for label, value in items if value is not None and value > 0]
    if not items:
        return None
    total = sum((v for _, v in items), Decimal(0))
    biggest = max(v for _, v in items)
    bars = [Bar(label, fmt(v), _width(v, biggest), i % SERIES, f"{float(v / total * 100):.1f}%")
            for i, (label, v) in enumerate(items)]
    return BarChart(title, unit, [Group("", bars)])


def grouped_chart(title: str, groups: list[tuple[str, list[tuple[str, int, Decimal]]]], legend: list[str],
                  unit: str) -> BarChart | None:
    """Groups of bars on one scale (an indicator with its figure for each year, budget beside final
    account); each bar is (label, series index into legend, value)."""
    values = [v for _, bars in groups for _, _, v in bars]
    if not values or max(values) <= 0:
        return None
    biggest = max(values)
    out = [Group(label, [Bar(name, fmt(v), _width(v, biggest), s % SERIES) for name, s, v in bars])
           for label, bars in groups]
    used = sorted({s for _, bars in groups for _, s, _ in bars})
    return BarChart(title, unit, [g for g in out if g.bars], [(s % SERIES, legend[s]) for s in used])


def ranked_chart(title: str, items: list[tuple[str, int, Decimal]], legend: list[str], unit: str,
                 limit: int = 30) -> BarChart | None:
    """The largest items first, at most `limit` of them (documents compared on one code)."""
    items = sorted((i for i in items if i[2] > 0), key=lambda i: i[2], reverse=True)[:limit]
    return grouped_chart(title, [("", items)], legend, unit) if items else None
