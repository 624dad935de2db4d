"""The geometry of the report page's bar charts, drawn as inline SVG by its templates.

Each chart is a list of rows: the label (shortened to fit), a track, the bar on it and the
value beside. Right-to-left pages mirror it: labels on the right, bars growing leftwards.
The numbers are written into the SVG as Python writes them (``20.0``, ``359.0``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Bar:
    """A bar to draw: its label, its length as a fraction of the longest, the value beside."""

    label: str
    fraction: float
    value: str
    mark: str = ""
    """An extra class of the bar (``busiest``, ``quietest``) that colours it apart."""


@dataclass(frozen=True, slots=True)
class PlacedBar:
    """A bar of a chart with its place: x of its label, track, bar and value; y of its row."""

    label: str
    short_label: str
    value: str
    mark: str
    label_x: int
    track_x: int
    bar_x: int | float
    value_x: int | float
    length: float
    top: int
    middle: float


@dataclass(frozen=True, slots=True)
class Chart:
    """A horizontal bar chart, drawn as inline SVG by the template."""

    caption: str
    direction: str
    width: int
    height: int
    area: int
    thickness: int
    label_anchor: str
    bars: list[PlacedBar]


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(1, limit - 1)].rstrip() + "…"


def bar_chart(
    caption: str, bars: list[Bar], direction: str, *, label_width: int = 220, width: int = 760
) -> Chart:
    """A horizontal bar chart; mirrored when ``direction`` is ``rtl`` (right to left)."""
    rtl = direction == "rtl"
    row, top, gap, value_width = 28, 6, 10, 170
    area = width - label_width - value_width - 2 * gap
    limit = max(8, label_width // 7)
    placed = []
    for index, bar in enumerate(bars):
        y = top + index * row
        length = round(area * min(1.0, max(0.0, bar.fraction)), 1)
        bar_x: int | float
        if rtl:
            label_x = width - 4
            track_x = width - label_width - gap - area
            bar_x = width - label_width - gap - length
            value_x = bar_x - 6
        else:
            label_x = label_width
            track_x = label_width + gap
            bar_x = track_x
            value_x = bar_x + length + 6
        placed.append(
            PlacedBar(
                label=bar.label,
                short_label=_shorten(bar.label, limit),
                value=bar.value,
                mark=bar.mark,
                label_x=label_x,
                track_x=track_x,
                bar_x=bar_x,
                value_x=value_x,
                length=length,
                top=y + 5,
                middle=y + row / 2,
            )
        )
    return Chart(
        caption=caption,
        direction=direction,
        width=width,
        height=2 * top + row * max(1, len(bars)),
        area=area,
        thickness=row - 10,
        label_anchor="start" if rtl else "end",
        bars=placed,
    )
