"""The report's capacity section from a few hand-made checks: utilisation, queue, waits,
overflows, missed checks and officer cost per pool."""

from collections import Counter
from datetime import UTC, datetime, timedelta
from uuid import UUID

from nexus_contracts import Event
from nexus_contracts import events as ev
from nexus_contracts.payloads_common import StatusSummary
from nexus_contracts.vocabulary import (CheckReason, CheckRoute, IabsOutcome, ImmigrationStatus, NationalityGroup,
                                        OffenceCategory, ProducingSystem)
from nexus_runtime.scenarios import load_scenario
from nexus_sim.report.builder import ReportBuilder
from nexus_sim.report.capacity import capacity_section
from nexus_sim.report.pool_load import minutes_per_hour
from nexus_sim.report.weekly import Window

from checks_by_hand import CASE, DAY, IABS, at, event

def answered(n: int, pool: str, route: CheckRoute, hours: tuple[float, float, float], overflowed_from=None) -> Event:
    requested, started, done = (at(h) for h in hours)
    status = StatusSummary(route=route, requested_at=requested, started_at=started, answered_at=done,
                           status=ImmigrationStatus.LAWFUL_LEAVE, immigration_interest=False, high_harm=False,
                           high_harm_definition="v1", pool=pool, overflowed_from=overflowed_from)
    return event(ev.StatusCheckAnswered(case=CASE, iabs=IABS, reason=CheckReason.FOREIGN_NATIONAL, status=status,
                                        acro_requested=False, foreign_national=True), n)


def missed(n: int, requested: float, released: float) -> Event:
    return event(ev.StatusCheckMissed(case=CASE, iabs=IABS, reason=CheckReason.FOREIGN_NATIONAL, foreign_national=True,
                                      route=CheckRoute.CCU_REMOTE, pool="met/ccu", requested_at=at(requested),
                                      released_at=at(released)), n)


def one_operator_day() -> Window:
    scenario = load_scenario("london-2013", ["operating_model.ccu.capacity=1", "operating_model.officer_hour_gbp=40"])
    return Window(scenario, days=1)


def section() -> dict:
    builder = ReportBuilder()
    for e in (answered(1, "met/ccu", CheckRoute.CCU_REMOTE, (9.5, 10, 11.5)),
              answered(2, "met/phone", CheckRoute.PHONE, (12, 12, 13), overflowed_from=CheckRoute.CCU_REMOTE),
              missed(3, requested=14, released=16),
              answered(4, "met/ccu", CheckRoute.CCU_REMOTE, (23, 23.5, 25))):  # its last hour falls after the run
        builder.add(e)
    return capacity_section(builder.pools, Counter({"erf.foreign_nationals": 4, "erf.foreign_nationals_checked": 3}),
                            one_operator_day())


def test_a_check_is_split_across_the_clock_hours_it_spans():
    assert minutes_per_hour(at(9.5), at(11.25)) == {at(9): 30, at(10): 60, at(11): 15}
    assert minutes_per_hour(at(10), at(10)) == {}


def test_utilisation_is_busy_over_rostered_minutes_by_hour_of_day_within_the_run():
    ccu = section()["pools"]["met/ccu"]
    assert ccu["rostered_officer_hours"] == 24
    assert ccu["utilisation_by_hour"][10] == 1.0 and ccu["utilisation_by_hour"][11] == 0.5
    assert ccu["utilisation_by_hour"][23] == 0.5  # 23:30-01:00, of which 00:00-01:00 is after the run
    assert ccu["busy_officer_hours"] == 2.0 and ccu["utilisation"] == round(2 / 24, 4)
    assert ccu["utilisation_by_week"] == [ccu["utilisation"]]


def test_queue_length_counts_waiting_and_missed_checks_by_hour_of_day():
    ccu = section()["pools"]["met/ccu"]
    queue = ccu["queue_length_by_hour"]
    assert queue[9] == 0.5 and queue[14] == 1.0 and queue[15] == 1.0 and queue[23] == 0.5
    assert sum(queue) == 3.0
    assert ccu["queue_length_by_day"] == [round(3 * 60 / 1440, 2)]  # the same waiting minutes, over the day
    assert ccu["wait_p90_by_day"] == [30.0]


def test_waits_overflows_and_missed_checks_per_pool():
    pools = section()["pools"]
    ccu, phone = pools["met/ccu"], pools["met/phone"]
    assert ccu["wait_minutes"] == {"count": 2, "mean": 30.0, "p50": 30.0, "p90": 30.0}
    assert ccu["checks"] == 2 and ccu["missed"] == 1 and ccu["missed_foreign_nationals"] == 1
    assert ccu["missed_share_of_foreign_nationals"] == round(1 / 3, 4)
    assert phone["checks"] == 1 and phone["overflows"] == {"ccu_remote->phone": 1} and ccu["overflows"] == {}


def test_officer_cost_prices_rostered_hours_and_says_it_is_an_assumption():
    capacity = section()
    assert capacity["pools"]["met/ccu"]["officer_cost_gbp"] == 24 * 40
    assert capacity["pools"]["met/phone"]["officer_cost_gbp"] == 2 * 24 * 40
    assert capacity["officer_cost_gbp"] == sum(p["officer_cost_gbp"] for p in capacity["pools"].values())
    assert "Assumption" in capacity["officer_cost_basis"]


def test_rec1_coverage_is_the_share_of_foreign_nationals_checked():
    coverage = section()["rec1_coverage"]
    assert coverage == {"foreign_nationals": 4, "checked": 3, "share_checked": 0.75, "missed": 1, "share_missed": 0.25}


def test_no_window_no_pools():
    assert capacity_section(ReportBuilder().pools, Counter(), None) == {"pools": {}}
