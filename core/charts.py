"""Bar geometry for the small SVG charts of the public pages.

The charts are drawn on the server, so they work without JavaScript and print
as they look. These functions only compute coordinates in a fixed viewBox;
`templates/core/_chart.html` draws them with a <title>, a <desc> and the data
as a table. When the language reads right to left, x runs from the right:
the first year or the largest sector sits on the reader's starting side,
and the text is never mirrored.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

Number = int | float | Decimal


@dataclass
class Bar:
    label: str
    value: Number
    value_display: str
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float
    value_x: float
    value_y: float
    show_label: bool = True
    # Where the value was expected to stand (a tick across the column), if known.
    expected_y: float | None = None
    expected_display: str = ""


@dataclass
class Chart:
    kind: str  # "columns" (vertical bars, a time axis) or "bars" (horizontal, a ranking)
    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    baseline: tuple[float, float, float, float] = (0, 0, 0, 0)  # x1, y1, x2, y2 of the axis
    target_y: float | None = None
    target_display: str = ""
    rtl: bool = False

    @property
    def has_expected(self) -> bool:
        return any(bar.expected_y is not None for bar in self.bars)

    @property
    def max_value(self):
        return max((bar.value for bar in self.bars), default=0)


def _x(rtl: bool, width: float, x: float, span: float = 0) -> float:
    """`x` measured from the start side, turned into an SVG coordinate."""
    return round(width - x - span, 2) if rtl else round(x, 2)


def column_chart(
    rows: Iterable[tuple[str, Number, str]],
    *,
    rtl: bool = False,
    width: int = 480,
    height: int = 200,
    target: Number | None = None,
    target_display: str = "",
    expected: list[tuple[Number, str] | None] | None = None,
) -> Chart:
    """Vertical bars in reading order, one per (label, value, value_display),
    with an optional horizontal target line, and, per column, the value
    expected at that point (value, display) drawn as a tick across it."""
    rows = list(rows)
    expected = list(expected or [None] * len(rows))
    top, bottom, side = 22, 28, 8
    plot_height = height - top - bottom
    expected_values = [float(pair[0]) for pair in expected if pair is not None]
    values = [float(value) for _label, value, _display in rows]
    top_value = max(values + expected_values + [float(target or 0), 0]) or 1
    chart = Chart("columns", width, height, rtl=rtl)
    chart.baseline = (side, top + plot_height, width - side, top + plot_height)
    if not rows:
        return chart
    slot = (width - 2 * side) / len(rows)
    # Past a dozen columns the labels would collide: name one column in `every`
    # (the <desc> and the data table still give them all).
    every = -(-len(rows) // 12)
    bar_width = max(min(slot * 0.7, 64), 2)
    for index, (label, value, display) in enumerate(rows):
        bar_height = round(max(float(value), 0) / top_value * plot_height, 2)
        start = side + index * slot + (slot - bar_width) / 2
        centre = _x(rtl, width, start + bar_width / 2)
        chart.bars.append(
            Bar(
                label=str(label),
                value=value,
                value_display=display,
                x=_x(rtl, width, start, bar_width),
                y=round(top + plot_height - bar_height, 2),
                width=round(bar_width, 2),
                height=bar_height,
                label_x=centre,
                label_y=height - 8,
                value_x=centre,
                value_y=round(top + plot_height - bar_height - 6, 2),
                show_label=index % every == 0 or index == len(rows) - 1,
            )
        )
        if expected[index] is not None:
            value_expected, shown = expected[index]
            level = max(float(value_expected), 0) / top_value * plot_height
            bar = chart.bars[-1]
            bar.expected_y = round(top + plot_height - level, 2)
            bar.expected_display = shown
            # The value's label stays clear of a tick drawn above the column.
            bar.value_y = round(min(bar.value_y, bar.expected_y - 8), 2)
    if target is not None:
        chart.target_y = round(top + plot_height - float(target) / top_value * plot_height, 2)
        chart.target_display = target_display
    return chart


def bar_chart(rows: Iterable[tuple[str, Number, str]], *, rtl: bool = False, width: int = 480) -> Chart:
    """Horizontal bars, largest first as given, each under its label (labels
    such as sector names are long: they get the whole line)."""
    rows = list(rows)
    row_height, bar_height, side, value_room = 42, 14, 4, 48
    chart = Chart("bars", width, max(len(rows) * row_height + 8, 24), rtl=rtl)
    top_value = max([float(value) for _label, value, _display in rows] + [0]) or 1
    plot_width = width - 2 * side - value_room
    for index, (label, value, display) in enumerate(rows):
        length = round(max(float(value), 0) / top_value * plot_width, 2)
        y = index * row_height + 22
        chart.bars.append(
            Bar(
                label=str(label),
                value=value,
                value_display=display,
                x=_x(rtl, width, side, length),
                y=y,
                width=max(length, 1),
                height=bar_height,
                label_x=_x(rtl, width, side),
                label_y=y - 6,
                value_x=_x(rtl, width, side + length + 6),
                value_y=y + bar_height - 3,
            )
        )
    chart.baseline = (_x(rtl, width, side), 16, _x(rtl, width, side), chart.height - 4)
    return chart
