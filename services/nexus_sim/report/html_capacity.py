"""The HTML report's capacity section: per run, a table of the pools, each pool's utilisation by
hour of day and its queue day by day (a surge or an absence builds it, and it drains), drawn with
the report's own charts (svg.py). For replicates each point is the mean over the runs, with its 95%
interval, as in the other charts (chart_sides.py)."""

import re
from collections.abc import Sequence
from datetime import date, timedelta
from html import escape
from typing import Any

from .chart_sides import Side, caption
from .intervals import point_intervals
from .svg import Intervals, chart_top, line_chart

__all__ = ["capacity_chart_ids", "capacity_html"]

Report = dict[str, Any]
_COLUMNS = ("pool", "rostered officer-hours", "utilisation", "checks", "wait p50 (min)", "wait p90 (min)",
            "overflows", "missed", "missed share of FNs", "officer cost (GBP)")


def capacity_chart_ids(report: Report, index: int = 0) -> list[str]:
    """The ids of the utilisation and queue charts of ``report`` drawn as the ``index``-th run of the page."""
    return [_chart_id(kind, pool, index) for pool in report["capacity"]["pools"] for kind in _CHARTS]


def capacity_html(sides: Sequence[Side]) -> str:
    """The section for one run (or the replicates of one), or for two compared (A's table and charts,
    then B's), each named by its side's label (scenario and overrides). A pool's charts share one
    y-axis across the sides."""
    if not any(side.report["capacity"]["pools"] for side in sides):
        return ""
    drawn = [_points(side) for side in sides]
    tops: dict[tuple[str, str], float] = {}
    for points in drawn:
        for key, (values, intervals) in points.items():
            tops[key] = max(tops.get(key, 1.0), chart_top({"": values}, {"": intervals} if intervals else None))
    return "<h2>Capacity</h2>" + "".join(_run(side, i, points, tops)
                                         for i, (side, points) in enumerate(zip(sides, drawn, strict=True)))


_FIELDS = {"utilisation": "utilisation_by_hour", "queue": "queue_length_by_day"}


def _points(side: Side) -> dict[tuple[str, str], tuple[list[float], list | None]]:
    """Per (chart kind, pool): the points drawn and, for two runs or more, their 95% intervals (each
    point over the runs that have the pool and the point)."""
    points = {}
    for pool, p in side.report["capacity"]["pools"].items():
        for kind, field in _FIELDS.items():
            columns = [run["capacity"]["pools"][pool][field] for run in side.runs if pool in run["capacity"]["pools"]]
            if len(columns) < 2:
                points[kind, pool] = (p[field], None)
                continue
            points[kind, pool] = point_intervals([[column[i] for column in columns if i < len(column)]
                                                  for i in range(len(p[field]))])
    return points


def _chart_id(kind: str, pool: str, index: int) -> str:
    return f"{kind}-{re.sub(r'[^A-Za-z0-9]+', '-', pool)}-{index}"


def _run(side: Side, index: int, points: dict, tops: dict[tuple[str, str], float]) -> str:
    capacity = side.report["capacity"]
    coverage = capacity["rec1_coverage"]
    charts = "".join(
        f'<figure data-chart="{kind}"><figcaption>{caption(side, bool(points[kind, pool][1]))}</figcaption>'
        f'{draw(_chart_id(kind, pool, index), pool, p, side.report, tops[kind, pool], *points[kind, pool])}</figure>'
        for pool, p in capacity["pools"].items() for kind, draw in _CHARTS.items())
    return (f'<p class="meta"><b>{escape(side.label)}</b>: Rec 1 coverage {coverage["share_checked"]:.1%} '
            f'of {coverage["foreign_nationals"]:,} foreign nationals checked, {coverage["missed"]:,} missed before '
            f'release; officer cost £{capacity["officer_cost_gbp"]:,} '
            f'({escape(capacity["officer_cost_basis"])})</p>{_table(capacity["pools"])}<div class="row">{charts}</div>')


def _table(pools: dict[str, Any]) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in _COLUMNS)
    rows = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in _cells(pool, p)) + "</tr>"
                   for pool, p in pools.items())
    return f'<table class="capacity"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def _cells(pool: str, p: dict[str, Any]) -> tuple[str, ...]:
    overflows = ", ".join(f"{route} {n:,}" for route, n in p["overflows"].items()) or "-"
    return (pool, f"{p['rostered_officer_hours']:,.0f}", f"{p['utilisation']:.0%}", f"{p['checks']:,}",
            f"{p['wait_minutes']['p50']:.0f}", f"{p['wait_minutes']['p90']:.0f}", overflows, f"{p['missed']:,}",
            f"{p['missed_share_of_foreign_nationals']:.1%}", f"{p['officer_cost_gbp']:,}")


def _utilisation(chart_id: str, pool: str, p: dict[str, Any], _report: Report, top: float, by_hour: list[float],
                 intervals: list | None) -> str:
    name = "busy share of rostered time"
    return line_chart(chart_id, f"{pool}: utilisation by hour of day (mean {p['utilisation']:.0%})",
                      [f"{h:02d}" for h in range(24)], {name: by_hour}, fmt="{:.0%}".format, y_max=top,
                      intervals=_named(name, intervals))


def _queue(chart_id: str, pool: str, _p: dict[str, Any], report: Report, top: float, by_day: list[float],
           intervals: list | None) -> str:
    name = "checks waiting"
    first = date.fromisoformat(report["weekly"]["weeks"][0]["from"])
    days = [(first + timedelta(days=d)).strftime("%a %d %b") for d in range(len(by_day))]
    return line_chart(chart_id, f"{pool}: checks waiting for an officer, mean by day (peak {max(by_day):.1f})",
                      days, {name: by_day}, fmt="{:.1f}".format, y_max=top, intervals=_named(name, intervals))


def _named(series: str, intervals: list | None) -> Intervals | None:
    return {series: intervals} if intervals else None


_CHARTS = {"utilisation": _utilisation, "queue": _queue}
