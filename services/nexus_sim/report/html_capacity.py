"""The HTML report's capacity section: per run, a table of the pools, each pool's utilisation by
hour of day and its queue day by day (a surge or an absence builds it, and it drains), drawn with
the report's own charts (svg.py)."""

import re
from datetime import date, timedelta
from html import escape
from typing import Any

from .svg import line_chart

__all__ = ["capacity_chart_ids", "capacity_html"]

Report = dict[str, Any]
_COLUMNS = ("pool", "rostered officer-hours", "utilisation", "checks", "wait p50 (min)", "wait p90 (min)",
            "overflows", "missed", "missed share of FNs", "officer cost (GBP)")


def capacity_chart_ids(report: Report, index: int = 0) -> list[str]:
    """The ids of the utilisation and queue charts of ``report`` drawn as the ``index``-th run of the page."""
    return [_chart_id(kind, pool, index) for pool in report["capacity"]["pools"] for kind in _CHARTS]


def capacity_html(reports: list[Report], labels: list[str] | None = None) -> str:
    """The section for one report, or for two compared (A's table and charts, then B's); ``labels``
    name each run (scenario and overrides). A pool's charts share one y-axis across the runs."""
    if not any(r["capacity"]["pools"] for r in reports):
        return ""
    labels = labels or [r["scenario"] for r in reports]
    tops = {kind: _tops(reports, kind) for kind in _CHARTS}
    return "<h2>Capacity</h2>" + "".join(_run(report, name, i, tops)
                                         for i, (report, name) in enumerate(zip(reports, labels, strict=True)))


def _tops(reports: list[Report], kind: str) -> dict[str, float]:
    """Per pool, the highest value of its ``kind`` chart over the runs: their shared axis."""
    field = {"utilisation": "utilisation_by_hour", "queue": "queue_length_by_day"}[kind]
    tops: dict[str, float] = {}
    for report in reports:
        for pool, p in report["capacity"]["pools"].items():
            tops[pool] = max(tops.get(pool, 1.0), *p[field])
    return tops


def _chart_id(kind: str, pool: str, index: int) -> str:
    return f"{kind}-{re.sub(r'[^A-Za-z0-9]+', '-', pool)}-{index}"


def _run(report: Report, name: str, index: int, tops: dict[str, dict[str, float]]) -> str:
    capacity = report["capacity"]
    coverage = capacity["rec1_coverage"]
    charts = "".join(f'<figure data-chart="{kind}"><figcaption>{escape(name)}</figcaption>'
                     f'{draw(_chart_id(kind, pool, index), pool, p, report, tops[kind][pool])}</figure>'
                     for pool, p in capacity["pools"].items() for kind, draw in _CHARTS.items())
    return (f'<p class="meta"><b>{escape(name)}</b>: Rec 1 coverage {coverage["share_checked"]:.1%} '
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


def _utilisation(chart_id: str, pool: str, p: dict[str, Any], _report: Report, top: float) -> str:
    by_hour = p["utilisation_by_hour"]
    return line_chart(chart_id, f"{pool}: utilisation by hour of day (mean {p['utilisation']:.0%})",
                      [f"{h:02d}" for h in range(24)], {"busy share of rostered time": by_hour},
                      fmt="{:.0%}".format, y_max=top)


def _queue(chart_id: str, pool: str, p: dict[str, Any], report: Report, top: float) -> str:
    by_day = p["queue_length_by_day"]
    first = date.fromisoformat(report["weekly"]["weeks"][0]["from"])
    days = [(first + timedelta(days=d)).strftime("%a %d %b") for d in range(len(by_day))]
    return line_chart(chart_id, f"{pool}: checks waiting for an officer, mean by day (peak {max(by_day):.1f})",
                      days, {"checks waiting": by_day}, fmt="{:.1f}".format, y_max=top)


_CHARTS = {"utilisation": _utilisation, "queue": _queue}
