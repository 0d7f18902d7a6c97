"""Inline SVG bar charts: geometry here, markup in `templates/_bar_chart.html`.

Drawn on the server so the chart needs no script and no network, and prints as it shows.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

WIDTH = 700
LABEL_WIDTH = 260
VALUE_WIDTH = 70
ROW_HEIGHT = 30
BAR_HEIGHT = 18
# A label wraps rather than being cut: at 14 px about 30 characters fill the label column.
LINE_CHARS = 30
LINE_HEIGHT = 16


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    y: float
    width: float
    tone: str  # good / fair / poor: colour class, always with the value printed beside it
    lines: tuple[tuple[float, str], ...] = ()  # the label's lines and where each stands

    @property
    def centre(self) -> float:
        return self.y + BAR_HEIGHT / 2


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

    @property
    def empty(self) -> bool:
        """Every bar at nothing: a chart that would only show blank tracks."""
        return not any(bar.width > 0 for bar in self.bars)


def share_chart(rows: list[tuple[str, float | None, str]]) -> BarChart:
    """rows: (label, share 0..1 or None, the share as the report writes it)."""
    bar_area = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars, top = [], 0.0
    for label, share, text in rows:
        lines = wrap(label)
        height = max(ROW_HEIGHT, len(lines) * LINE_HEIGHT + 8)
        y = top + (height - BAR_HEIGHT) / 2
        bars.append(
            Bar(
                label=label,
                value_text=text,
                y=y,
                width=round(bar_area * (share or 0.0), 1),
                tone=_tone(share),
                lines=_placed(lines, y + BAR_HEIGHT / 2),
            )
        )
        top += height
    return BarChart(
        bars=bars,
        width=WIDTH,
        height=int(top) or ROW_HEIGHT,
        label_width=LABEL_WIDTH,
        bar_area=bar_area,
        bar_height=BAR_HEIGHT,
    )


def wrap(label: str) -> list[str]:
    return textwrap.wrap(label, LINE_CHARS, break_on_hyphens=False) or [""]


def _placed(lines: list[str], centre: float) -> tuple[tuple[float, str], ...]:
    first = centre - (len(lines) - 1) * LINE_HEIGHT / 2
    return tuple((first + i * LINE_HEIGHT, line) for i, line in enumerate(lines))


def _tone(share: float | None) -> str:
    if share is None:
        return "none"
    if share >= 0.9:
        return "good"
    if share >= 0.6:
        return "fair"
    return "poor"
