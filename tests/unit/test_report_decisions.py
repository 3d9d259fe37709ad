"""The report's decision measures without a run: custody cost dated by booking, per suite and per
force, costs per check and per offender found (n/a when nothing was found), the suite schematic,
charts on a shared axis with intervals."""

from collections import Counter
from datetime import UTC, datetime
from types import SimpleNamespace

from nexus_runtime.scenarios import load_scenario
from nexus_sim.report.builder import ReportBuilder
from nexus_sim.report.chart_sides import Side, chart_sections
from nexus_sim.report.decision_costs import decision_costs
from nexus_sim.report.places import PlaceTallies, by_force, by_suite
from nexus_sim.report.suite_map import suite_schematic
from nexus_sim.report.svg import bar_chart
from nexus_sim.report.weekly import Window


def _closed(at: datetime, hours: float, gbp: int, suite: str = "MET-CX"):
    payload = SimpleNamespace(outcome="handed_to_immigration", custody_hours=hours, immigration_detention_hours=5.0,
                              constant_watch=False, custody_cost_gbp=gbp)
    return SimpleNamespace(event_type="BookingClosed", payload=payload, occurred_at=at, force="met", custody_suite=suite)


def test_custody_cost_counts_in_the_week_of_the_booking_not_of_the_closure():
    scenario = load_scenario("london-2013")  # starts Monday 2013-03-04
    builder = ReportBuilder()
    builder.add(_closed(datetime(2013, 3, 11, 6, tzinfo=UTC), hours=30.0, gbp=500))  # booked Sunday 10th: week 1
    builder.add(_closed(datetime(2013, 3, 12, 6, tzinfo=UTC), hours=10.0, gbp=300))  # booked Monday 11th: week 2
    weeks = builder.build(Window(scenario, 14))["weekly"]["weeks"]
    assert [w["custody_cost_gbp"] for w in weeks] == [500, 300]


def _journey(suite: str, force: str, **facts):
    payload = SimpleNamespace(**{"foreign_national": False, "status_checked": False, "check_missed": False,
                                 "released_before_attendance": False, "referrals": 0, "high_harm": False} | facts)
    return SimpleNamespace(force=force, custody_suite=suite), payload


def test_suites_and_forces_add_up_their_journeys_and_a_suite_with_nobody_to_check_is_na():
    tallies = PlaceTallies()
    for event, payload in (_journey("A-1", "a", foreign_national=True, status_checked=True),
                           _journey("A-1", "a", foreign_national=True, check_missed=True),
                           _journey("B-1", "b", referrals=2)):
        tallies.journey(event, payload)
    tallies.cost(SimpleNamespace(force="a", custody_suite="A-1"), 400)
    suites = by_suite(tallies, {"A-1": "a", "A-2": "a", "B-1": "b"})
    assert list(suites) == ["A-1", "A-2", "B-1"]
    assert suites["A-1"]["share_checked"] == 0.5 and suites["A-1"]["custody_cost_gbp"] == 400
    assert suites["A-2"]["journeys"] == 0 and suites["A-2"]["share_checked"] is None
    assert suites["B-1"]["share_checked"] is None and suites["B-1"]["referrals"] == 2
    forces = by_force(suites, {"a/ccu": {"officer_cost_gbp": 100}, "a/phone": {"officer_cost_gbp": 20},
                               "b/ccu": {"officer_cost_gbp": 7}})
    assert forces["a"]["suites"] == 2 and forces["a"]["journeys"] == 2 and forces["a"]["officer_cost_gbp"] == 120
    assert forces["b"]["officer_cost_gbp"] == 7 and forces["a"]["checks_missed"] == 1


def test_costs_per_check_and_per_offender_found_and_na_when_none():
    capacity = {"officer_cost_gbp": 9000, "rostered_officer_hours": 300.0, "officer_hour_gbp": 30.0,
                "officer_cost_basis": "Assumption: ..."}
    counts = Counter({"erf.foreign_nationals_checked": 90, "status.overstayer": 2, "status.absconder": 1,
                      "status.asylum_pending": 5})
    costs = decision_costs(counts, capacity)
    assert costs["cost_per_foreign_national_checked_gbp"] == 100.0
    assert costs["immigration_offenders_identified"] == 3 and costs["cost_per_immigration_offender_identified_gbp"] == 3000.0
    assert costs["price_source"] == "Assumption: ..."
    none = decision_costs(Counter(), capacity)
    assert none["cost_per_foreign_national_checked_gbp"] is None and none["cost_per_immigration_offender_identified_gbp"] is None
    unpriced = decision_costs(counts, capacity | {"officer_cost_gbp": 0, "rostered_officer_hours": 0.0})
    assert unpriced["cost_per_foreign_national_checked_gbp"] is None  # nobody rostered yet: not £0 a check


def test_the_schematic_draws_a_tile_per_suite_coloured_by_share_checked():
    svg = suite_schematic("m", {"A-1": {"force": "a", "journeys": 10, "foreign_nationals": 4, "share_checked": 1.0,
                                        "released_before_attendance": 0},
                                "A-2": {"force": "a", "journeys": 0, "foreign_nationals": 0, "share_checked": None,
                                        "released_before_attendance": 0}})
    assert 'data-marks="2"' in svg and svg.count('class="mark"') == 2
    assert 'fill="#28a050"' in svg and 'fill="#cccccc"' in svg and "n/a checked" in svg


def test_error_bars_are_drawn_and_reach_into_the_axis():
    svg = bar_chart("c", "t", ["x", "y"], {"s": [10, 20]}, intervals={"s": [(8, 12), None]})
    assert svg.count('class="interval"') == 1 and 'data-intervals="1"' in svg
    tall = bar_chart("c", "t", ["x"], {"s": [10]}, intervals={"s": [(5, 45)]})
    assert float(_top_tick(tall, "c")) >= 45 > float(_top_tick(bar_chart("c", "t", ["x"], {"s": [10]}), "c"))


def test_paired_charts_share_one_y_axis(small_scenario):
    from nexus_sim.run.in_memory import report_in_memory
    from nexus_sim.run.spec import RunSpec

    small = report_in_memory(small_scenario, RunSpec("london-2013", seed=1, days=2))
    big = report_in_memory(load_scenario("london-2013", ["arrests.per_year=100000"]), RunSpec("london-2013", seed=1, days=2))
    html = chart_sections([Side("small", small), Side("big", big)])
    ticks = [_top_tick(html, f"checks-per-week-{i}") for i in (0, 1)]
    assert ticks[0] == ticks[1] and float(ticks[0].replace(",", "")) >= big["status_checks"]
    alone = chart_sections([Side("small", small)])
    assert float(_top_tick(alone, "checks-per-week-0").replace(",", "")) < float(ticks[0].replace(",", ""))


def _top_tick(html: str, chart_id: str) -> str:
    import re

    svg = html[html.index(f'id="{chart_id}"'):]
    svg = svg[:svg.index("</svg>")]
    return re.findall(r'class="tick"[^>]*>([^<]+)<', svg)[-1]
