"""Charts drawn on the server as SVG: geometry computed here, drawn by ``templates/reports/*_chart.html``.

No script and no chart library: the SVG scales to the width of a phone, carries a title and description for
screen readers, and every chart has a table of the same figures beside it.
"""

from dataclasses import dataclass

WIDTH = 640
LABEL_WIDTH = 210
BAR_HEIGHT = 22
BAR_GAP = 8
VALUE_SPACE = 70


@dataclass
class Bar:
    label: str
    text: str
    y: float
    width: float
    label_y: float
    value_x: float


def bar_chart(items, maximum=100):
    """Horizontal bars for ``items`` = [(label, value or None, text)], scaled to ``maximum``."""
    span = WIDTH - LABEL_WIDTH - VALUE_SPACE
    bars = []
    for position, (label, value, text) in enumerate(items):
        y = BAR_GAP + position * (BAR_HEIGHT + BAR_GAP)
        width = span * (value or 0) / maximum if maximum else 0
        bars.append(
            Bar(shorten(label), text, y, round(width, 1), y + BAR_HEIGHT * 0.7, round(LABEL_WIDTH + width + 6, 1))
        )
    return {
        "bars": bars,
        "width": WIDTH,
        "height": BAR_GAP + len(bars) * (BAR_HEIGHT + BAR_GAP),
        "label_x": LABEL_WIDTH - 8,
        "bar_x": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
    }


def shorten(label, length=26):
    return label if len(label) <= length else label[: length - 1] + "…"


@dataclass
class Point:
    x: float
    y: float
    label: str
    text: str
    value_y: float


def line_chart(items, height=240):
    """A line through ``items`` = [(axis label, value, text)], from zero to the largest value."""
    left, right, top, bottom = 40, 16, 20, 40
    maximum = max((value for _label, value, _text in items), default=0) or 1
    step = (WIDTH - left - right) / max(len(items) - 1, 1)
    plot_height = height - top - bottom
    points = []
    for position, (label, value, text) in enumerate(items):
        y = top + plot_height * (1 - value / maximum)
        points.append(Point(round(left + position * step, 1), round(y, 1), label, text, round(y - 8, 1)))
    return {
        "points": points,
        "polyline": " ".join(f"{point.x},{point.y}" for point in points),
        "width": WIDTH,
        "height": height,
        "axis_y": height - bottom,
        "label_y": height - bottom + 18,
        "left": left,
        "right": WIDTH - right,
        "maximum": maximum,
        "top": top,
    }
