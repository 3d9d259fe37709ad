"""The charts a rollout planner looks at, each built from one JSON report (see sections.py) as a
``ChartSpec``: what to draw, not yet drawn, so that the same chart of several runs can share an
axis or carry intervals (chart_sides.py)."""

from collections.abc import Callable
from typing import Any, NamedTuple

from .svg import Format, Intervals, bar_chart, line_chart

__all__ = ["CHARTS", "Chart", "ChartSpec"]

Report = dict[str, Any]


class ChartSpec(NamedTuple):
    kind: str  # "bar" or "line"
    title: str
    categories: list[str]
    series: dict[str, list[float]]
    fmt: Format = "{:,.0f}".format
    y_max: float | None = None

    def draw(self, svg_id: str, y_max: float | None = None, intervals: Intervals | None = None) -> str:
        """The SVG; ``y_max`` (a shared axis) wins over the chart's own."""
        draw = bar_chart if self.kind == "bar" else line_chart
        return draw(svg_id, self.title, self.categories, self.series, fmt=self.fmt,
                    y_max=y_max if y_max is not None else self.y_max, intervals=intervals)


Chart = tuple[str, str, Callable[[Report], ChartSpec]]  # id, section heading, report -> what to draw


def _pct(value: float) -> str:
    return f"{value:.0%}"


def _week_labels(report: Report) -> list[str]:
    return [f"w{w['week']}" for w in report["weekly"]["weeks"]]


def _weekly(report: Report, measure: str) -> list[float]:
    return [w[measure] for w in report["weekly"]["weeks"]]


def _checks_per_week(r: Report) -> ChartSpec:
    return ChartSpec("bar", "Status checks per week", _week_labels(r), {"checks": _weekly(r, "checks")})


def _share_per_week(r: Report) -> ChartSpec:
    suites = r["weekly"]["suites"] or 1
    live = [n / suites for n in _weekly(r, "suites_live")]
    return ChartSpec("line", "Foreign nationals checked, as suites go live", _week_labels(r),
                      {"share of foreign nationals checked": _weekly(r, "share_checked"),
                       f"suites live (of {suites})": live}, fmt=_pct, y_max=1.0)


def _time_to_status(r: Report) -> ChartSpec:
    routes = r["time_to_status_minutes"]
    return ChartSpec("bar", "Time to status by route (minutes)", list(routes),
                     {m: [routes[route][m] for route in routes] for m in ("mean", "median", "p90")})


def _non_attendance(r: Report) -> ChartSpec:
    rec2 = r["rec2_non_attendance"]
    by_route = rec2["by_route"]
    return ChartSpec("bar", f"Released before officer attended: {rec2['of_persons_of_interest']:,} of interest "
                             f"({rec2['share_of_persons_of_interest']:.0%} of them), "
                             f"{rec2['after_missed_checks']:,} after a missed check",
                     list(by_route), {"releases": list(by_route.values())})


def _custody_hours(r: Report) -> ChartSpec:
    bands = r["custody"]["custody_hours_bands"]
    return ChartSpec("bar", f"Hours in police custody (mean {r['custody']['custody_hours']['mean']:.1f} h)",
                     [f"{band} h" for band in bands], {"people": list(bands.values())})


def _cost_per_week(r: Report) -> ChartSpec:
    return ChartSpec("bar", f"Custody cost of immigration detainees per week (total £{r['custody_cost_gbp']:,})",
                     _week_labels(r), {"GBP": _weekly(r, "custody_cost_gbp")}, fmt="£{:,.0f}".format)


def _groups(r: Report) -> ChartSpec:
    groups = r["safeguards"]["checks_by_nationality_group"]
    referred = [g["referrals"] / g["journeys"] if g["journeys"] else 0.0 for g in groups.values()]
    return ChartSpec("bar", "Checks and referrals by nationality group", list(groups),
                     {"share checked": [g["share_checked"] for g in groups.values()], "share referred": referred},
                     fmt=_pct, y_max=1.0)


def _claimed_british(r: Report) -> ChartSpec:
    s, iabs = r["safeguards"], r["iabs"]
    return ChartSpec("bar", f"Of {s['claimed_british']:,} arrests claiming British nationality",
                     ["prints held under a foreign identity", "status checked"],
                     {"people": [iabs["claims_british_held_foreign"], s["claimed_british_checked"]]})


def _referral_basis(r: Report) -> ChartSpec:
    basis = r["referrals_by"]["basis"]
    return ChartSpec("bar", f"Referrals by basis ({r['safeguards']['referrals_on_allegation_only']:,} on allegations "
                             "only)", list(basis), {"referrals": list(basis.values())})


def _reliability(r: Report) -> ChartSpec:
    grades = r["safeguards"]["overseas_records_by_reliability"]
    return ChartSpec("bar", "Overseas (ACRO) records by reliability grade", list(grades),
                     {"records": list(grades.values())})


CHARTS: tuple[Chart, ...] = (
    ("checks-per-week", "Go-live", _checks_per_week),
    ("fn-share-per-week", "Go-live", _share_per_week),
    ("time-to-status", "Status checks", _time_to_status),
    ("non-attendance", "Status checks", _non_attendance),
    ("custody-hours", "Custody", _custody_hours),
    ("custody-cost", "Custody", _cost_per_week),
    ("nationality-groups", "Safeguards", _groups),
    ("claimed-british", "Safeguards", _claimed_british),
    ("referral-basis", "Safeguards", _referral_basis),
    ("overseas-reliability", "Safeguards", _reliability),
)
