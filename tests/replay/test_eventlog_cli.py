"""`nexus simulate --record`, `replay --check`, `diff` and `trace`, as a user runs them."""

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from nexus_sim.cli import log_commands
from nexus_sim.cli.app import app as nexus_app
from nexus_sim.cli.log_commands import register
from nexus_sim.eventlog import golden_log

LOG = golden_log("london-2013")
JOURNEY = "MET-CX/130304/3989394C"
runner = CliRunner()


@pytest.fixture
def app(monkeypatch) -> typer.Typer:
    monkeypatch.setattr(log_commands.console, "width", 220)  # a wide terminal: the trace table in one line a row
    app = typer.Typer()
    register(app)
    return app


def edited(tmp_path: Path, event_type: str, change) -> tuple[Path, str]:
    """A copy of the golden log with the first ``event_type`` event changed; returns its custody record."""
    lines = LOG.read_text().splitlines()
    for number, line in enumerate(lines[1:], start=1):
        record = json.loads(line)
        if record["value"]["event_type"] == event_type:
            change(record["value"])
            lines[number] = json.dumps(record, separators=(",", ":"), ensure_ascii=False)
            break
    path = tmp_path / "edited.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return path, record["value"]["correlation_id"]


def test_simulate_records_the_same_log_twice_and_it_replays_clean(app, tmp_path):
    args = ["simulate", "--days", "1", "--set", "arrests.per_year=3000", "-q", "--record"]
    for name in ("a.jsonl", "b.jsonl"):
        assert runner.invoke(nexus_app, [*args, str(tmp_path / name)]).exit_code == 0
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    result = runner.invoke(app, ["replay", str(tmp_path / "a.jsonl"), "--check"])
    assert result.exit_code == 0, result.output
    assert "no differences" in result.output


def test_check_names_the_custody_record_and_the_field_that_differs(app, tmp_path):
    path, journey = edited(tmp_path, "StatusCheckAnswered", lambda v: v["payload"]["status"].update(status="overstayer"))
    result = runner.invoke(app, ["replay", str(path), "--check"])
    assert result.exit_code == 1
    assert f"custody record {journey}: first divergence" in result.output and "StatusCheckAnswered" in result.output
    assert "payload.status.status: log 'overstayer' -> replay" in result.output


def test_check_names_a_logged_record_that_breaks_the_contract(app, tmp_path):
    path, _ = edited(tmp_path, "StatusCheckAnswered", lambda v: v["payload"]["status"].update(high_harm="?"))
    result = runner.invoke(app, ["replay", str(path), "--check"])
    assert result.exit_code == 1
    assert "log holds a record that is not a valid event: nexus.immigration.status-checks" in result.output
    assert "field 'status.high_harm'" in result.output


def test_diff_is_silent_on_equal_logs_and_loud_on_different_ones(app, tmp_path):
    path, journey = edited(tmp_path, "BookingClosed", lambda v: v.update(occurred_at="2013-03-09T00:00:00Z"))
    same = runner.invoke(app, ["diff", str(LOG), str(LOG)])
    assert same.exit_code == 0 and "no differences" in same.output
    different = runner.invoke(app, ["diff", str(LOG), str(path)])
    assert different.exit_code == 1
    assert journey in different.output and "occurred_at" in different.output


def test_replay_out_writes_what_the_services_produced(app, tmp_path):
    out = tmp_path / "out.jsonl"
    assert runner.invoke(app, ["replay", str(LOG), "--out", str(out)]).exit_code == 0
    assert runner.invoke(app, ["diff", str(LOG), str(out)]).exit_code == 0


def test_trace_shows_the_journey_across_the_four_services(app):
    result = runner.invoke(app, ["trace", JOURNEY, "--log", str(LOG)])
    assert result.exit_code == 0, result.output
    for expected in ("ArrestMade", "IabsSearchCompleted", "AcroCheckAnswered", "1A-P", "home-office-iabs",
                     "immigration-enforcement", "+8d 16h"):
        assert expected in result.output


@pytest.mark.parametrize(("args", "message"), [
    (["trace", "MET-NOBODY", "--log", str(LOG)], "no custody record 'MET-NOBODY'"),
    (["replay", str(LOG), "--transport", "pigeon"], "choose memory or kafka"),
    (["replay", str(LOG), "--speed", "fast"], "expected max or a positive number"),
    (["replay", "missing.jsonl"], "No such file"),
])
def test_mistakes_are_refused_with_a_message(app, args, message):
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.output


def test_a_bad_log_line_is_named(app, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(LOG.read_text().splitlines()[0] + '\n{"topic": "t", "value": 1}\n{not json\n')
    result = runner.invoke(app, ["replay", str(path)])
    assert result.exit_code == 2 and "bad.jsonl:3: not JSON" in result.output


def test_a_garbage_input_is_dead_lettered_and_check_reports_it(app, tmp_path):
    path = tmp_path / "garbage.jsonl"
    garbage = {"topic": "nexus.custody.arrests", "partition": 0, "offset": 999, "timestamp": None, "key": "MET-X",
               "headers": [], "value": "not an event", "value_encoding": "text"}
    path.write_text(LOG.read_text() + json.dumps(garbage) + "\n")
    result = runner.invoke(app, ["replay", str(path), "--check"])
    assert result.exit_code == 1
    assert "dead letters differ" in result.output and "nexus.custody.arrests.dlq': 1" in result.output


@pytest.mark.parametrize("inputs", ["nexus.iabs.results", "nexus.immigration.status-checks",
                                    "nexus.immigration.status-checks,nexus.acro.overseas-checks"])
def test_replaying_from_a_later_topic_checks_only_what_follows_from_it(app, inputs):
    result = runner.invoke(app, ["replay", str(LOG), "--inputs", inputs, "--check"])
    assert result.exit_code == 0, result.output
    assert "no differences" in result.output


def test_a_change_downstream_of_a_later_input_is_still_found(app, tmp_path):
    log, custody_record = edited(tmp_path, "ReferralCreated", lambda v: v["payload"].update(nationality_group="nowhere"))
    result = runner.invoke(app, ["replay", str(log), "--inputs", "nexus.iabs.results", "--check"])
    assert result.exit_code == 1
    assert custody_record in result.output and "nationality_group" in result.output


def test_trace_on_a_narrow_terminal_keeps_what_each_system_said(monkeypatch):
    monkeypatch.setattr(log_commands.console, "width", 80)
    narrow = typer.Typer()
    register(narrow)
    result = runner.invoke(narrow, ["trace", JOURNEY, "--log", str(LOG)])
    assert result.exit_code == 0, result.output
    assert "immigration-status-check: StatusCheckAnswered" in result.output
    assert "route=ccu_remote" in result.output and "1A-P" in result.output


def test_record_refuses_a_scenario_without_its_seed(app, tmp_path):
    result = runner.invoke(app, ["record", "--out", str(tmp_path / "x.jsonl"), "--scenario", "london-2013"])
    assert result.exit_code == 2
    assert "--scenario and --seed name the run together" in result.output
    assert not (tmp_path / "x.jsonl").exists()
