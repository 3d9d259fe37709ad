"""Inline SVG charts for the HTML report: grouped bars and lines, drawn in Python (no JS library).

Every data mark carries ``class="mark"`` (bars of zero are left out) and each chart states in
``data-marks`` how many it drew, so that a browser test can compare with what was rendered. Given
intervals (replicates), each point gets an error bar of ``class="interval"``, counted in
``data-intervals``, and a line its band.
"""

import math
from collections.abc import Callable, Sequence
from html import escape

__all__ = ["Intervals", "Series", "bar_chart", "chart_top", "line_chart"]

Series = dict[str, Sequence[float]]
Intervals = dict[str, Sequence[tuple[float, float] | None]]  # per series, per point: 95% interval (None: n/a)
Format = Callable[[float], str]
WIDTH, HEIGHT = 560, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 28, 80
CHAR_WIDTH = 6.2  # of 11px text, to lay out labels
COLOURS = ("#1f6f8b", "#e07a2f", "#6a994e", "#9c4f96", "#b23a48")


def _ticks(top: float) -> list[float]:
    if top <= 0:
        return [0.0, 1.0]
    raw = top / 4
    step = min((m * 10 ** math.floor(math.log10(raw)) for m in (1, 2, 2.5, 5, 10)), key=lambda s: (s < raw, s))
    return [step * i for i in range(math.ceil(top / step - 1e-9) + 1)]


def _frame(title: str, categories: Sequence[str], ticks: list[float], fmt: Format, series: Series) -> list[str]:
    plot_h, plot_w = HEIGHT - TOP - BOTTOM, WIDTH - LEFT - RIGHT
    parts = [f'<text class="title" x="{LEFT}" y="16">{escape(title)}</text>']
    for tick in ticks:
        y = TOP + plot_h * (1 - tick / ticks[-1])
        parts.append(f'<line class="grid" x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y:.1f}" y2="{y:.1f}"/>'
                     f'<text class="tick" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{escape(fmt(tick))}</text>')
    parts.extend(_category_labels(categories, plot_w / max(1, len(categories))))
    x = LEFT
    for i, name in enumerate(series if len(series) > 1 else ()):
        parts.append(f'<rect x="{x:.0f}" y="{HEIGHT - 18}" width="10" height="10" fill="{COLOURS[i % len(COLOURS)]}"/>'
                     f'<text class="legend" x="{x + 14:.0f}" y="{HEIGHT - 9}">{escape(name)}</text>')
        x += 30 + CHAR_WIDTH * len(name)
    return parts


def _category_labels(categories: Sequence[str], slot: float) -> list[str]:
    """Labels under the slots: every n-th one if crowded, turned 30 degrees if long."""
    every = max(1, math.ceil(len(categories) * 28 / (WIDTH - LEFT - RIGHT)))
    turned = max((len(c) for c in categories), default=0) * CHAR_WIDTH > slot * every
    y = TOP + (HEIGHT - TOP - BOTTOM) + 16
    labels = []
    for i in range(0, len(categories), every):
        x = LEFT + slot * (i + 0.5)
        turn = f' transform="rotate(-30 {x:.1f} {y})" text-anchor="end"' if turned else ' text-anchor="middle"'
        labels.append(f'<text class="cat" x="{x:.1f}" y="{y}"{turn}>{escape(categories[i])}</text>')
    return labels


def _svg(chart_id: str, parts: list[str], marks: int, intervals: int = 0) -> str:
    counted = f' data-intervals="{intervals}"' if intervals else ""
    return (f'<svg class="chart" id="{escape(chart_id)}" data-marks="{marks}"{counted} viewBox="0 0 {WIDTH} {HEIGHT}" '
            f'width="{WIDTH}" height="{HEIGHT}" role="img" xmlns="http://www.w3.org/2000/svg">'
            + "".join(parts) + "</svg>")


def chart_top(series: Series, intervals: Intervals | None = None) -> float:
    """The highest value a chart draws, interval tops included: what a shared axis must reach."""
    highs = (iv[1] for ivs in (intervals or {}).values() for iv in ivs if iv)
    return max((*(v for values in series.values() for v in values), *highs), default=0)


def _top(series: Series, y_max: float | None, intervals: Intervals | None = None) -> float:
    return y_max if y_max is not None else chart_top(series, intervals)


def _whiskers(x: float, ticks: list[float], span: tuple[float, float], text: str) -> str:
    plot_h = HEIGHT - TOP - BOTTOM
    low, high = (TOP + plot_h * (1 - max(0.0, v) / ticks[-1]) for v in span)
    return (f'<path class="interval" d="M{x:.1f},{low:.1f} L{x:.1f},{high:.1f} M{x - 3:.1f},{low:.1f} '
            f'L{x + 3:.1f},{low:.1f} M{x - 3:.1f},{high:.1f} L{x + 3:.1f},{high:.1f}" stroke="#222" '
            f'stroke-width="1.2" fill="none"><title>{escape(text)}</title></path>')


def _interval_marks(categories: Sequence[str], series: Series, intervals: Intervals | None, ticks: list[float],
                    x_of, fmt: Format) -> list[str]:
    """An error bar at each point that has an interval; ``x_of(series index, point index)`` places it."""
    return [_whiskers(x_of(s, i), ticks, span, f"{categories[i]}, {name}: 95% interval {fmt(span[0])} to {fmt(span[1])}")
            for s, name in enumerate(series) for i, span in enumerate((intervals or {}).get(name, ())) if span]


def _band(name: str, colour: str, ivs: Sequence[tuple[float, float] | None], ticks: list[float], x_of) -> str:
    plot_h = HEIGHT - TOP - BOTTOM
    points = [(x_of(i), iv) for i, iv in enumerate(ivs) if iv]
    if len(points) < 2:
        return ""
    y = lambda v: TOP + plot_h * (1 - max(0.0, v) / ticks[-1])  # noqa: E731
    outline = [f"{x:.1f},{y(iv[1]):.1f}" for x, iv in points] + [f"{x:.1f},{y(iv[0]):.1f}" for x, iv in reversed(points)]
    return f'<polygon class="band" points="{" ".join(outline)}" fill="{colour}" fill-opacity="0.18"><title>{escape(name)}: 95% interval</title></polygon>'


def bar_chart(chart_id: str, title: str, categories: Sequence[str], series: Series, fmt: Format = "{:,.0f}".format,
              y_max: float | None = None, intervals: Intervals | None = None) -> str:
    """Grouped bars: one group per category, one bar per series; a tooltip on every bar."""
    ticks = _ticks(_top(series, y_max, intervals))
    parts = _frame(title, categories, ticks, fmt, series)
    plot_h, slot = HEIGHT - TOP - BOTTOM, (WIDTH - LEFT - RIGHT) / max(1, len(categories))
    bar_w = slot * 0.8 / max(1, len(series))
    for s, (name, values) in enumerate(series.items()):
        for i, value in ((i, v) for i, v in enumerate(values) if v):
            h = plot_h * value / ticks[-1]
            x = LEFT + slot * i + slot * 0.1 + bar_w * s
            parts.append(f'<rect class="mark" x="{x:.1f}" y="{TOP + plot_h - h:.1f}" width="{bar_w:.1f}" '
                         f'height="{h:.1f}" fill="{COLOURS[s % len(COLOURS)]}"><title>{escape(categories[i])}, '
                         f'{escape(name)}: {escape(fmt(value))}</title></rect>')
    whiskers = _interval_marks(categories, series, intervals, ticks,
                               lambda s, i: LEFT + slot * i + slot * 0.1 + bar_w * (s + 0.5), fmt)
    return _svg(chart_id, parts + whiskers, sum(1 for values in series.values() for v in values if v), len(whiskers))


def line_chart(chart_id: str, title: str, categories: Sequence[str], series: Series, fmt: Format = "{:,.0f}".format,
               y_max: float | None = None, intervals: Intervals | None = None) -> str:
    """One line per series with a dot at every point (and a band with error bars given intervals)."""
    ticks = _ticks(_top(series, y_max, intervals))
    parts = _frame(title, categories, ticks, fmt, series)
    plot_h, slot = HEIGHT - TOP - BOTTOM, (WIDTH - LEFT - RIGHT) / max(1, len(categories))
    for s, (name, values) in enumerate(series.items()):
        colour = COLOURS[s % len(COLOURS)]
        parts.append(_band(name, colour, (intervals or {}).get(name, ()), ticks, lambda i: LEFT + slot * (i + 0.5)))
        points = [(LEFT + slot * (i + 0.5), TOP + plot_h * (1 - v / ticks[-1])) for i, v in enumerate(values)]
        path = " ".join(f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(points))
        if len(points) > 1:  # one point is a dot, no line
            parts.append(f'<path class="mark line" d="{path}" stroke="{colour}" fill="none" stroke-width="2"/>')
        parts.extend(f'<circle class="mark" cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"><title>'
                     f'{escape(categories[i])}, {escape(name)}: {escape(fmt(values[i]))}</title></circle>'
                     for i, (x, y) in enumerate(points))
    whiskers = _interval_marks(categories, series, intervals, ticks, lambda s, i: LEFT + slot * (i + 0.5), fmt)
    return _svg(chart_id, parts + whiskers, sum(len(values) + (len(values) > 1) for values in series.values()), len(whiskers))
