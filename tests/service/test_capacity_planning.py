"""Capacity as a planner tries it (issue 9, "Done when"): the officers, CCU desks and phone lines of
london-2013 are pools that status checks queue for, so changing their headcount moves checks, waits
and releases. Each direction is asserted on three seeds, a week of arrests each (in memory).

A short-staffed week has the CCU desk 3 operators short for two days (an ``absences`` entry), a
surge week three times the arrests on one day (an ``arrests.surges`` entry): either way the CCU
queue builds on those days and drains after, against the same week as usual.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

import pytest

from nexus_contracts.vocabulary import CheckRoute
from nexus_runtime.scenarios import load_scenario
from nexus_sim.run.in_memory import run_in_memory
from nexus_sim.run.spec import RunSpec

SCENARIO = "london-2013"  # starts Monday 2013-03-04
DAYS = 7
SEEDS = (1, 2, 3)
SHORT_FROM, SHORT_TO = date(2013, 3, 6), date(2013, 3, 7)  # Wednesday and Thursday
SURGE_ON = date(2013, 3, 5)  # Tuesday
VARIANTS = {
    "unchanged": (),
    "ccu halved": ("operating_model.ccu.capacity=5",),  # london-2013 has 10
    "no embedded officers": ("operating_model.embedded=[]",),
    "every pool doubled": ("operating_model.ccu.capacity=20", "operating_model.embedded.0.officers=44",
                           "operating_model.phone_lines=4"),
    "ccu short for two days": (f"operating_model.absences=[{{pool: ccu, from_date: {SHORT_FROM}, "
                               f"to_date: {SHORT_TO}, staff_off: 7}}]",),
    "arrests tripled for a day": (f"arrests.surges=[{{on: {SURGE_ON}, factor: 3}}]",),
}


@dataclass
class Run:
    """What a planner reads off a run: checks raised, answered and missed, releases before an
    officer attended, foreign nationals and how many were checked, and the waits for an officer."""

    counts: dict[str, int]
    foreign_nationals: int = 0
    foreign_nationals_raised: int = 0
    foreign_nationals_checked: int = 0
    waits: dict[CheckRoute, list[float]] = field(default_factory=lambda: defaultdict(list))
    ccu_waits_by_day: dict[date, list[float]] = field(default_factory=lambda: defaultdict(list))
    missed_by_day: dict[date, int] = field(default_factory=lambda: defaultdict(int))
    ccu_queue_by_day: dict[date, float] = field(default_factory=dict)  # the report's mean checks waiting

    def count(self, event_type: str) -> int:
        return self.counts.get(event_type, 0)

    def mean_wait(self, route: CheckRoute | None = None) -> float:
        waits = self.waits[route] if route else [w for ws in self.waits.values() for w in ws]
        return statistics.mean(waits)

    def ccu_wait_on(self, day: date) -> float:
        return statistics.mean(self.ccu_waits_by_day[day])


@cache
def run(variant: str, seed: int) -> Run:
    found = Run({})

    def observe(record) -> None:
        event = record.event
        if event is None:
            return
        payload = event.payload
        if event.event_type in ("StatusCheckRaised", "StatusCheckNotRequired") and payload.foreign_national:
            found.foreign_nationals += 1
            found.foreign_nationals_raised += event.event_type == "StatusCheckRaised"
        elif event.event_type == "StatusCheckAnswered":
            status = payload.status
            wait = (status.started_at - status.requested_at).total_seconds() / 60
            found.waits[status.route].append(wait)
            if status.route is CheckRoute.CCU_REMOTE:
                found.ccu_waits_by_day[status.requested_at.date()].append(wait)
            found.foreign_nationals_checked += bool(payload.foreign_national)
        elif event.event_type == "StatusCheckMissed":
            found.missed_by_day[payload.requested_at.date()] += 1

    scenario = load_scenario(SCENARIO, list(VARIANTS[variant]))
    result = run_in_memory(scenario, seed, DAYS, observers=(observe,))
    found.counts = result.counts
    ccu = result.report(scenario, RunSpec(SCENARIO, VARIANTS[variant], seed, DAYS))["capacity"]["pools"]["met/ccu"]
    found.ccu_queue_by_day = {scenario.start_date + timedelta(days=d): queue
                              for d, queue in enumerate(ccu["queue_length_by_day"])}
    assert result.dead_letters == 0
    return found


@pytest.mark.parametrize("seed", SEEDS)
def test_halving_the_ccu_checks_fewer_with_longer_waits_and_more_releases(seed):
    before, after = run("unchanged", seed), run("ccu halved", seed)
    assert after.count("StatusCheckRaised") == before.count("StatusCheckRaised")  # the same people need checks
    assert after.count("StatusCheckAnswered") < before.count("StatusCheckAnswered")
    assert after.foreign_nationals_checked < before.foreign_nationals_checked
    assert after.count("StatusCheckMissed") > before.count("StatusCheckMissed")
    assert after.count("NonAttendanceRecorded") > before.count("NonAttendanceRecorded")
    assert after.mean_wait(CheckRoute.CCU_REMOTE) > before.mean_wait(CheckRoute.CCU_REMOTE) + 5
    assert len(after.waits[CheckRoute.PHONE]) > len(before.waits[CheckRoute.PHONE])  # more overflow to the phone


@pytest.mark.parametrize("seed", SEEDS)
def test_removing_embedded_officers_moves_checks_waits_and_releases(seed):
    before, after = run("unchanged", seed), run("no embedded officers", seed)
    assert before.waits[CheckRoute.EMBEDDED_OFFICER] and not after.waits[CheckRoute.EMBEDDED_OFFICER]
    assert after.count("StatusCheckAnswered") < before.count("StatusCheckAnswered") - 100
    assert after.foreign_nationals_checked < before.foreign_nationals_checked
    assert after.count("StatusCheckMissed") > before.count("StatusCheckMissed") + 100
    assert after.count("NonAttendanceRecorded") > before.count("NonAttendanceRecorded") + 100
    assert after.mean_wait() > 2 * before.mean_wait()
    assert len(after.waits[CheckRoute.CCU_REMOTE]) > len(before.waits[CheckRoute.CCU_REMOTE])


@pytest.mark.parametrize("seed", SEEDS)
def test_doubling_every_pool_moves_coverage_towards_the_never_referred_ceiling(seed):
    before, after = run("unchanged", seed), run("every pool doubled", seed)
    ceiling = after.foreign_nationals_raised / after.foreign_nationals  # all but the never referred
    assert 0.90 <= ceiling <= 0.95  # london-2013: never_referred_share 0.07 (ICIBI 2016: 5-10%)
    coverage = lambda r: r.foreign_nationals_checked / r.foreign_nationals  # noqa: E731
    assert coverage(before) < coverage(after) <= ceiling
    assert ceiling - coverage(after) < 0.005
    assert after.count("StatusCheckAnswered") / after.count("StatusCheckRaised") > 0.995
    assert after.count("StatusCheckMissed") < before.count("StatusCheckMissed")
    assert after.mean_wait(CheckRoute.CCU_REMOTE) < before.mean_wait(CheckRoute.CCU_REMOTE) / 5


@pytest.mark.parametrize("seed", SEEDS)
def test_a_short_staffed_ccu_builds_a_queue_that_drains_after(seed):
    full, short = run("unchanged", seed), run("ccu short for two days", seed)
    monday, day_after = date(2013, 3, 4), SHORT_TO + timedelta(days=1)
    assert short.ccu_waits_by_day[monday] == full.ccu_waits_by_day[monday]  # the same until the absence
    for day in (SHORT_FROM, SHORT_TO):  # builds: 3 of 10 operators on duty
        assert short.ccu_wait_on(day) > full.ccu_wait_on(day) + 15
        assert short.missed_by_day[day] > full.missed_by_day[day]
    # drains: still above the fully staffed week the day after, below the short days, then back to it
    assert full.ccu_wait_on(day_after) < short.ccu_wait_on(day_after) < short.ccu_wait_on(SHORT_TO)
    later = day_after + timedelta(days=1)
    assert abs(short.ccu_wait_on(later) - full.ccu_wait_on(later)) < 2


@pytest.mark.parametrize("seed", SEEDS)
def test_a_one_day_surge_of_arrests_builds_a_ccu_queue_that_drains_after(seed):
    usual, surge = run("unchanged", seed).ccu_queue_by_day, run("arrests tripled for a day", seed).ccu_queue_by_day
    monday, day_after, later = date(2013, 3, 4), SURGE_ON + timedelta(days=1), SURGE_ON + timedelta(days=2)
    assert surge[monday] == usual[monday]  # the same until the surge
    assert surge[SURGE_ON] > usual[SURGE_ON] + 2  # builds: three times the arrests, the same desk
    assert usual[day_after] < surge[day_after] < surge[SURGE_ON]  # drains: some of it still waits the next day
    assert abs(surge[later] - usual[later]) < 0.1  # and is gone the day after that
