"""After the IE decision, through the whole flow in memory (issue 13): every decision but no action opens a
removal case on nexus.immigration.removals that closes, every ETD application completes, each event at or
after the one it follows; the report counts departures by route and month, ETD delays and the cases still
open when the run ends, and the terminal and HTML reports show them."""

import pytest
from typer.testing import CliRunner

from nexus_contracts.catalogue import REMOVALS
from nexus_runtime.scenarios import load_scenario
from nexus_sim.cli.app import app
from nexus_sim.report.html_page import render_html
from nexus_sim.run.in_memory import run_in_memory
from nexus_sim.run.spec import RunSpec

OVERRIDES = ["arrests.per_year=40000"]
DAYS = 75


@pytest.fixture(scope="module")
def run():
    scenario = load_scenario("london-2013", OVERRIDES)
    events = {}
    result = run_in_memory(scenario, 5, DAYS, observers=(lambda record: events.setdefault(
        record.event.event_id, (record.topic, record.event)) if record.event is not None else None,))
    return result, result.report(scenario, RunSpec("london-2013", tuple(OVERRIDES), 5, DAYS)), events


def test_every_case_opened_closes_and_every_etd_completes(run):
    result, report, events = run
    decisions = [e for _, e in events.values() if e.event_type == "IeDecisionMade"]
    seeking = [d for d in decisions if d.payload.decision != "no_action"]
    assert result.counts["RemovalCaseOpened"] == result.counts["RemovalCaseClosed"] == len(seeking) > 50
    assert result.counts["EtdApplicationCompleted"] == sum(d.payload.etd_application for d in decisions) > 0
    assert {topic for topic, e in events.values() if e.event_type.startswith(("Removal", "Etd"))} == {REMOVALS.name}


def test_each_removal_event_is_at_or_after_what_it_follows_and_leaves_only_by_a_leaving_outcome(run):
    _, _, events = run
    for _, event in events.values():
        if event.event_type in REMOVALS.event_types:
            cause = events[event.causation_id][1]
            assert event.occurred_at >= cause.occurred_at
        if event.event_type == "RemovalCaseClosed":
            p = event.payload
            assert (p.left_uk_at is not None) == p.outcome.left_uk and p.left_uk_at in (None, event.occurred_at)


def test_the_report_counts_departures_by_month_and_the_cases_open_at_the_end(run):
    result, report, _ = run
    removals = report["removals"]
    assert removals["run_end"] == "2013-05-18T00:00:00+00:00"
    by_month = removals["departures_by_month"]
    assert sum(sum(routes.values()) for routes in by_month.values()) == removals["departures"] > 0
    assert set(by_month) <= {"2013-03", "2013-04", "2013-05"} and len(by_month) >= 2
    opened = sum(removals["cases_opened"].values())
    assert opened == result.counts["RemovalCaseOpened"]
    assert sum(removals["closed_by_outcome"].values()) + removals["open_at_run_end"]["cases"] == opened
    assert removals["open_at_run_end"]["cases"] > 0  # deportations take months
    assert sum(removals["eventually"].values()) == opened
    police, minister = (removals["definitions"][k] for k in ("removals_after_high_harm_referrals",
                                                             "departures_of_all_referred"))
    assert police < minister == removals["departures"]
    etd = removals["etd"]
    assert etd["completed"] + etd["pending_at_run_end"] == etd["applications"]
    assert etd["issued"] + etd["refused"] == etd["completed"] and etd["delay_days"]["median"] > 7
    assert removals["custody_to_departure_days"]["median"] > 7


def test_the_terminal_and_html_reports_show_the_after_decision_section(run):
    _, report, _ = run
    html = render_html([report])
    assert "After the decision: removals and departures" in html and "<td>2013-04</td>" in html
    cli = CliRunner().invoke(app, ["simulate", "--days", "3", "--set", "arrests.per_year=40000"])
    assert cli.exit_code == 0, cli.output
    assert "After the decision" in cli.output and "cases still open at the run's end" in cli.output
