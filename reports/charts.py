"""Inline SVG bar charts: geometry here, markup in `templates/_bar_chart.html`.

Drawn on the server so the chart needs no script and no network, and prints as it shows.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 700
LABEL_WIDTH = 260
VALUE_WIDTH = 70
ROW_HEIGHT = 30
BAR_HEIGHT = 18
MAX_LABEL = 32


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    y: float
    width: float
    tone: str  # good / fair / poor: colour class, always with the value printed beside it


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    label_width: int
    bar_area: int
    bar_height: int

    @property
    def value_x(self) -> int:
        return self.label_width + self.bar_area + 8


def share_chart(rows: list[tuple[str, float | None, str]]) -> BarChart:
    """rows: (label, share 0..1 or None, the share as the report writes it)."""
    bar_area = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = [
        Bar(
            label=_short(label),
            value_text=text,
            y=i * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2,
            width=round(bar_area * (share or 0.0), 1),
            tone=_tone(share),
        )
        for i, (label, share, text) in enumerate(rows)
    ]
    return BarChart(
        bars=bars,
        width=WIDTH,
        height=max(len(rows), 1) * ROW_HEIGHT,
        label_width=LABEL_WIDTH,
        bar_area=bar_area,
        bar_height=BAR_HEIGHT,
    )


def _tone(share: float | None) -> str:
    if share is None:
        return "none"
    if share >= 0.9:
        return "good"
    if share >= 0.6:
        return "fair"
    return "poor"


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"
