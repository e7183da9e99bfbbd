"""The geometry of the dashboard's charts, drawn by the template as inline SVG.

Our own rather than a charting library: the admin's charts are two bar shapes, server-rendered without
JavaScript, and the template keeps full control of their accessible names (``<title>``/``<desc>``) and of
the table of the same numbers beside each one. Pure functions: numbers in, coordinates out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

LABEL_CHARS = 38


@dataclass(frozen=True)
class HBar:
    label: str
    text: str  # the value as people read it ("3 days", "12")
    y: float
    width: float
    label_y: float


@dataclass(frozen=True)
class HBarChart:
    bars: list[HBar]
    width: int
    height: int
    label_width: int
    text_x_pad: int = 6


def short(label: str, limit: int = LABEL_CHARS) -> str:
    """A label that fits beside the bars; the table beside the chart gives it in full."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def hbar_chart(
    rows: Sequence[tuple[str, float, str]], width: int = 640, label_width: int = 240, row: int = 26
) -> HBarChart:
    """Horizontal bars, one per ``(label, value, text)`` row, scaled to the largest value."""
    plot = width - label_width - 90  # room for the value's text after the longest bar
    largest = max((value for _label, value, _text in rows), default=0) or 1
    bars = [
        HBar(
            label=short(label),
            text=text,
            y=index * row + 4,
            width=round(plot * value / largest, 1) if value else 0,
            label_y=index * row + row / 2 + 4,
        )
        for index, (label, value, text) in enumerate(rows)
    ]
    return HBarChart(bars=bars, width=width, height=max(len(rows), 1) * row + 8, label_width=label_width)


@dataclass(frozen=True)
class Column:
    x: float
    y: float
    height: float
    value: int
    series: int


@dataclass(frozen=True)
class ColumnGroup:
    label: str
    label_x: float
    columns: list[Column]


@dataclass(frozen=True)
class ColumnChart:
    groups: list[ColumnGroup]
    width: int
    height: int
    baseline: float
    column_width: float
    top: int
    largest: int


def column_chart(
    groups: Sequence[tuple[str, Sequence[int]]], width: int = 640, height: int = 240
) -> ColumnChart:
    """Groups of columns side by side (one per series), one group per ``(label, values)``, on one scale."""
    top, bottom, left = 24, 28, 8
    baseline = height - bottom
    plot_height = baseline - top
    largest = max((value for _label, values in groups for value in values), default=0) or 1
    slot = (width - 2 * left) / max(len(groups), 1)
    series = max((len(values) for _label, values in groups), default=1)
    column_width = round(slot * 0.7 / series, 1)
    result = []
    for index, (label, values) in enumerate(groups):
        start = left + index * slot + slot * 0.15
        columns = []
        for number, value in enumerate(values):
            column_height = round(plot_height * value / largest, 1)
            columns.append(
                Column(
                    x=round(start + number * column_width, 1),
                    y=round(baseline - column_height, 1),
                    height=column_height,
                    value=value,
                    series=number,
                )
            )
        label_x = round(left + index * slot + slot / 2, 1)
        result.append(ColumnGroup(label=label, label_x=label_x, columns=columns))
    return ColumnChart(
        groups=result,
        width=width,
        height=height,
        baseline=baseline,
        column_width=column_width,
        top=top,
        largest=largest,
    )
