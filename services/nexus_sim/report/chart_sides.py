"""The same chart for each side of a page (one run, A and B, or their replicates), on one y-axis.

A side is a label (scenario and overrides), the report drawn (a run's, or the mean report of
replicates) and, for replicates, the runs: then each point is the mean of that point over the runs
that have it (a route one run never used is not applicable there), with its 95% interval.
"""

from collections.abc import Sequence
from html import escape
from typing import Any, NamedTuple

from .charts import CHARTS, Chart, ChartSpec
from .intervals import point_intervals
from .svg import Intervals, chart_top

__all__ = ["Side", "caption", "chart_sections"]

Report = dict[str, Any]


class Side(NamedTuple):
    label: str
    report: Report
    runs: Sequence[Report] = ()
    measures: dict[str, Any] | None = None  # of replicates: dotted path -> mean, interval, range


def _point(runs: list[ChartSpec], s: int, category: str) -> list[float]:
    return [list(run.series.values())[s][run.categories.index(category)] for run in runs
            if s < len(run.series) and category in run.categories]


def _with_intervals(spec: ChartSpec, runs: list[ChartSpec]) -> tuple[ChartSpec, Intervals]:
    """``spec`` (of the mean report) with each point the mean over ``runs``, and the intervals."""
    series, intervals = {}, {}
    for s, name in enumerate(spec.series):
        series[name], intervals[name] = point_intervals([_point(runs, s, c) for c in spec.categories])
    return spec._replace(series=series), intervals


def caption(side: Side, with_intervals: bool) -> str:
    """A chart's caption: the side's label, and for replicates how many runs its points are the mean of."""
    return escape(side.label) + (f" (mean of {len(side.runs)} runs, 95% intervals)" if with_intervals else "")


def _drawn(chart: Chart, side: Side) -> tuple[ChartSpec, Intervals | None]:
    spec = chart[2](side.report)
    if len(side.runs) < 2:
        return spec, None
    return _with_intervals(spec, [chart[2](run) for run in side.runs])


def _figures(chart: Chart, sides: Sequence[Side]) -> str:
    drawn = [_drawn(chart, side) for side in sides]
    shared = (max(spec.y_max if spec.y_max is not None else chart_top(spec.series, ivs) for spec, ivs in drawn)
              if len(sides) > 1 else None)
    return "".join(f'<figure data-chart="{chart[0]}"><figcaption>{caption(side, bool(ivs))}</figcaption>'
                   f'{spec.draw(f"{chart[0]}-{i}", y_max=shared, intervals=ivs)}</figure>'
                   for i, (side, (spec, ivs)) in enumerate(zip(sides, drawn, strict=True)))


def chart_sections(sides: Sequence[Side]) -> str:
    """Charts by section; with two sides, each chart of A is followed by the same chart of B, both
    on the y-axis of the higher."""
    parts = []
    for section in dict.fromkeys(section for _, section, _ in CHARTS):
        figures = "".join(_figures(chart, sides) for chart in CHARTS if chart[1] == section)
        parts.append(f'<h2>{escape(section)}</h2><div class="row">{figures}</div>')
    return "".join(parts)
