"""Charts drawn on the server as SVG: geometry computed here, drawn by ``templates/reports/*_chart.html``.

No script and no chart library. Bar charts are rows of HTML, each with a bar drawn as a small SVG, so their
labels are sized like the page's text; the line chart is an SVG drawn at about a phone's width, so its labels stay
at least 12 px tall on a 360 px screen. Every chart has a title and description for screen readers and a table of
the same figures beside it.
"""

from dataclasses import dataclass

WIDTH = 360  # the line chart's drawing units: about one unit per CSS pixel on a phone, so labels stay legible


@dataclass
class Bar:
    label: str
    text: str
    share: float  # of the bar's full length, 0–100


def bar_chart(items, maximum=100):
    """Horizontal bars for ``items`` = [(label, value or None, text)], scaled to ``maximum``. Each bar is a row of
    HTML (label, bar, figure) so that its text is sized by the page, not scaled with a drawing."""
    return {
        "bars": [
            Bar(label, text, round(min(100 * (value or 0) / maximum, 100), 1) if maximum else 0)
            for label, value, text in items
        ]
    }


@dataclass
class Point:
    x: float
    y: float
    label: str
    sublabel: str
    text: str
    value_y: float


def line_chart(items, height=230):
    """A line through ``items`` = [(axis label, second line of the label or "", value, text)], from zero to the
    largest value."""
    left, right, top, bottom = 16, 16, 24, 44
    maximum = max((value for _label, _sublabel, value, _text in items), default=0) or 1
    step = (WIDTH - left - right) / max(len(items) - 1, 1)
    plot_height = height - top - bottom
    points = []
    for position, (label, sublabel, value, text) in enumerate(items):
        y = top + plot_height * (1 - value / maximum)
        points.append(Point(round(left + position * step, 1), round(y, 1), label, sublabel, text, round(y - 8, 1)))
    return {
        "points": points,
        "polyline": " ".join(f"{point.x},{point.y}" for point in points),
        "width": WIDTH,
        "height": height,
        "axis_y": height - bottom,
        "label_y": height - bottom + 18,
        "sublabel_y": height - bottom + 36,
        "left": left,
        "right": WIDTH - right,
        "maximum": maximum,
        "top": top,
    }
