"""Weekly series of a run: checks, share of foreign nationals checked, suites and forces live.

Week 1 starts on the scenario's first simulated day. A measure dated before the run
counts in week 1, one dated after it (a journey that ended later) in the last week,
so the weekly totals add up to the report's totals.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from nexus_contracts.scenario import Scenario

from .stats import rate

__all__ = ["WEEKLY_MEASURES", "Window", "weekly_series"]

WEEKLY_MEASURES = ("checks", "foreign_nationals", "foreign_nationals_checked", "non_attendance", "custody_cost_gbp")


@dataclass(frozen=True)
class Window:
    """The simulated days of a run and the scenario they come from."""

    scenario: Scenario
    days: int

    @property
    def first_day(self) -> date:
        return self.scenario.start_date

    @property
    def weeks(self) -> int:
        return max(1, -(-self.days // 7))

    def week_of(self, day: date) -> int:
        return min(max((day - self.first_day).days // 7, 0), self.weeks - 1)


def weekly_series(daily: Counter[tuple[str, str]], window: Window) -> list[dict[str, Any]]:
    """One row per simulated week, in order."""
    totals: list[Counter[str]] = [Counter() for _ in range(window.weeks)]
    for (day, measure), amount in daily.items():
        totals[window.week_of(date.fromisoformat(day))][measure] += amount
    return [_week_row(window, index, counts) for index, counts in enumerate(totals)]


def _week_row(window: Window, index: int, counts: Counter[str]) -> dict[str, Any]:
    first = window.first_day + timedelta(days=7 * index)
    last = min(first + timedelta(days=6), window.first_day + timedelta(days=window.days - 1))
    scenario = window.scenario
    return {
        "week": index + 1,
        "from": first.isoformat(),
        **{measure: counts[measure] for measure in WEEKLY_MEASURES},
        "share_checked": rate(counts["foreign_nationals_checked"], counts["foreign_nationals"]),
        "suites_live": sum(scenario.suite_live_from(s.id) <= last for s in scenario.suites),
        "forces_live": sum(f.nexus_from <= last for f in scenario.all_forces),
    }
