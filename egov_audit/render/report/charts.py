"""The report page's bar charts, drawn with HTML and CSS by its templates.

Each chart is a list of rows: the label (whole: it wraps, never shortened), a track as wide
as the page allows, the bar on it and the value beside. The rows are a CSS grid, so a
right-to-left page mirrors them by itself (labels on the right, bars growing leftwards),
the labels are text that a browser and a PDF both lay out with their own direction, and
the chart fits any width, a phone's included. The only number written into the page is
each bar's length, a percentage of its track with one decimal (``48.8``).
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
    segments: tuple[tuple[str, float], ...] = ()
    """A stacked bar's parts: a class each (``portal``) and its length as a fraction of
    the longest bar; their sum is ``fraction``."""


@dataclass(frozen=True, slots=True)
class PlacedBar:
    """A bar of a chart with its length: a percentage of the track, one decimal."""

    label: str
    value: str
    mark: str
    length: float
    segments: tuple[tuple[str, float], ...] = ()
    """A stacked bar's parts: a class and a length in percent of the track each."""


@dataclass(frozen=True, slots=True)
class Chart:
    """A horizontal bar chart, drawn with HTML and CSS by the template."""

    caption: str
    direction: str
    bars: list[PlacedBar]
    legend: tuple[tuple[str, str], ...] = ()
    """What the colours of a stacked chart's parts stand for: a class and a label each."""


def bar_chart(
    caption: str,
    bars: list[Bar],
    direction: str,
    *,
    label_width: int | None = None,
    width: int | None = None,
    by_value: bool = False,
    legend: tuple[tuple[str, str], ...] = (),
) -> Chart:
    """A horizontal bar chart; mirrored when ``direction`` is ``rtl`` (right to left).

    ``by_value`` sorts the bars by their length, longest first (ties keep their order):
    a chart plots one figure, and reads best sorted by it. Time series and ordered scales
    (months, statuses) keep their own order. ``label_width`` and ``width`` are accepted
    for callers of the earlier drawing and ignored: the page sets the widths.
    """
    del label_width, width  # the CSS grid sizes the chart
    ordered = sorted(bars, key=lambda bar: -bar.fraction) if by_value else bars
    return Chart(
        caption=caption,
        direction=direction,
        bars=[
            PlacedBar(
                label=bar.label,
                value=bar.value,
                mark=bar.mark,
                length=_percent(bar.fraction),
                segments=tuple((key, _percent(part)) for key, part in bar.segments),
            )
            for bar in ordered
        ],
        legend=legend,
    )


def _percent(fraction: float) -> float:
    """A fraction of the track as a percentage with one decimal, within 0 and 100."""
    return round(100 * min(1.0, max(0.0, fraction)), 1)
