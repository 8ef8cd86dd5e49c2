"""Small inline SVG charts: no script, no external request, readable without colour."""

from __future__ import annotations

import html
from decimal import Decimal

PALETTE = ["#1565c0", "#ef6c00", "#2e7d32", "#6a1b9a", "#c62828", "#00838f", "#9e9d24", "#5d4037"]


def _fmt(v: Decimal) -> str:
    return f"{v:,.2f}"


def bar_chart(title: str, items: list[tuple[str, Decimal]], unit: str) -> str:
    """Horizontal bars, one per item, with value and share printed beside each."""
    items = [(label, value) for label, value in items if value is not None and value > 0]
    if not items:
        return ""
    total = sum((v for _, v in items), Decimal(0))
    biggest = max(v for _, v in items)
    row_h, label_w, bar_w, value_w = 26, 230, 360, 190
    width = label_w + bar_w + value_w
    height = row_h * len(items) + 34
    parts = [
        f'<svg class="budget-chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="t"><title>{html.escape(title)}</title>',
        f'<text x="0" y="16" font-size="14" font-weight="bold">{html.escape(title)}（{html.escape(unit)}）</text>',
    ]
    for i, (label, value) in enumerate(items):
        y = 28 + i * row_h
        w = float(value / biggest) * bar_w if biggest else 0
        share = float(value / total * 100) if total else 0
        short = label if len(label) <= 14 else label[:13] + "…"
        parts += [
            f'<text x="{label_w - 6}" y="{y + 16}" font-size="12" text-anchor="end"><title>{html.escape(label)}'
            f"</title>{html.escape(short)}</text>",
            f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" '
            f'fill="{PALETTE[i % len(PALETTE)]}"><title>{html.escape(label)}: {_fmt(value)}</title></rect>',
            f'<text x="{label_w + w + 6:.1f}" y="{y + 16}" font-size="12">{_fmt(value)}（{share:.1f}%）</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)


def split_bar(title: str, parts: list[tuple[str, Decimal]], unit: str) -> str:
    """One bar split into its parts (基本支出 | 项目支出), with a legend."""
    parts = [(label, value) for label, value in parts if value is not None and value > 0]
    total = sum((v for _, v in parts), Decimal(0))
    if not parts or total <= 0:
        return ""
    width, bar_h = 780, 34
    out = [
        f'<svg class="budget-chart" role="img" viewBox="0 0 {width} {bar_h + 70}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{html.escape(title)}</title>',
        f'<text x="0" y="16" font-size="14" font-weight="bold">{html.escape(title)}（{html.escape(unit)}）</text>',
    ]
    x = 0.0
    for i, (label, value) in enumerate(parts):
        w = float(value / total) * width
        color = PALETTE[i % len(PALETTE)]
        out.append(f'<rect x="{x:.1f}" y="26" width="{w:.1f}" height="{bar_h}" fill="{color}">'
                   f"<title>{html.escape(label)}: {_fmt(value)}</title></rect>")
        lx = 0 if i == 0 else width / 2
        out.append(f'<rect x="{lx}" y="{bar_h + 38}" width="12" height="12" fill="{color}"/>'
                   f'<text x="{lx + 18}" y="{bar_h + 49}" font-size="13">{html.escape(label)} {_fmt(value)}'
                   f"（{float(value / total * 100):.1f}%）</text>")
        x += w
    out.append("</svg>")
    return "".join(out)
