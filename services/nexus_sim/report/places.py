"""Per custody suite and per force: what the journey records say happened there, and the custody
cost of its immigration detainees; forces add their suites up and their pools' officer cost.

Each journey record (ERF) names its suite and force on the event, so a suite's row adds up its
journeys; a suite with no journey in the run is listed (from the scenario) with zeros, and its
share checked is None (not applicable).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from nexus_contracts import Event
from nexus_contracts import events as ev

from .stats import rate

__all__ = ["PLACE_MEASURES", "PlaceTallies", "by_force", "by_suite"]

PLACE_MEASURES = ("journeys", "foreign_nationals", "foreign_nationals_checked", "checks_missed",
                  "released_before_attendance", "referrals", "high_harm", "custody_cost_gbp")


@dataclass(eq=False)
class PlaceTallies:
    suites: dict[tuple[str, str], Counter[str]] = field(default_factory=lambda: defaultdict(Counter))  # (force, suite)

    def journey(self, event: Event, p: ev.JourneyRecorded) -> None:
        place = self.suites[(event.force, event.custody_suite)]
        place["journeys"] += 1
        place["foreign_nationals"] += p.foreign_national
        place["foreign_nationals_checked"] += p.foreign_national and p.status_checked
        place["checks_missed"] += p.check_missed
        place["released_before_attendance"] += p.released_before_attendance
        place["referrals"] += p.referrals
        place["high_harm"] += p.high_harm

    def cost(self, event: Event, gbp: int) -> None:
        self.suites[(event.force, event.custody_suite)]["custody_cost_gbp"] += gbp


def _row(counts: Counter[str]) -> dict[str, Any]:
    row: dict[str, Any] = {m: counts[m] for m in PLACE_MEASURES}
    row["share_checked"] = (rate(counts["foreign_nationals_checked"], counts["foreign_nationals"])
                            if counts["foreign_nationals"] else None)
    return row


def by_suite(tallies: PlaceTallies, suites: dict[str, str]) -> dict[str, dict[str, Any]]:
    """``suites`` (suite id -> force id, in the scenario's order; empty without a scenario) first,
    then any other suite the events name."""
    seen = {suite: force for force, suite in tallies.suites}
    order = {**suites, **{s: f for s, f in sorted(seen.items()) if s not in suites}}
    return {suite: {"force": force, **_row(tallies.suites.get((force, suite), Counter()))}
            for suite, force in order.items()}


def by_force(suite_rows: dict[str, dict[str, Any]], pools: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each force's suites added up, with the officer cost of its capacity pools (``<force>/<pool>``)."""
    totals: dict[str, Counter[str]] = defaultdict(Counter)
    for row in suite_rows.values():
        totals[row["force"]].update({m: row[m] for m in PLACE_MEASURES})
        totals[row["force"]]["suites"] += 1
    forces = {}
    for force, counts in totals.items():
        officer_cost = sum(p["officer_cost_gbp"] for name, p in pools.items() if name.split("/")[0] == force)
        forces[force] = {"suites": counts["suites"], **_row(counts), "officer_cost_gbp": officer_cost}
    return forces
