"""The JSON and HTML reports: weekly series, charts, and byte-identical files for identical runs."""

import json

from typer.testing import CliRunner

from nexus_sim.cli.app import app
from nexus_runtime.scenarios import load_scenario
from nexus_sim.report.charts import CHARTS
from nexus_sim.report.html_capacity import capacity_chart_ids
from nexus_sim.run.in_memory import run_in_memory
from nexus_sim.run.spec import RunSpec

ARGS = ["simulate", "--scenario", "london-2012-launch", "--days", "42", "--seed", "3",
        "--set", "arrests.per_year=20000", "-q"]


def _run(tmp_path, name):
    json_path, html_path = tmp_path / f"{name}.json", tmp_path / f"{name}.html"
    result = CliRunner().invoke(app, [*ARGS, "--report-json", str(json_path), "--report-html", str(html_path)])
    assert result.exit_code == 0, result.output
    return json_path.read_bytes(), html_path.read_text()


def test_identical_runs_write_identical_json_and_html(tmp_path):
    assert _run(tmp_path, "one") == _run(tmp_path, "two")


def test_json_report_keeps_its_keys_and_adds_the_weekly_series(tmp_path):
    report = json.loads(_run(tmp_path, "r")[0])
    for key in ("digest", "arrests", "foreign_nationals", "status_checks", "non_attendance", "referrals",
                "custody_cost_gbp", "weekly"):
        assert key in report
    weeks = report["weekly"]["weeks"]
    assert [w["suites_live"] for w in weeks] == [0, 5, 5, 5, 5, 22]
    assert weeks[5]["share_checked"] > weeks[0]["share_checked"] + 0.2  # checks follow go-live


def test_html_report_is_self_contained_with_every_chart(tmp_path):
    html = _run(tmp_path, "r")[1]
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in html
    assert "<script src" not in html and "<link" not in html
    for chart_id, _, _ in CHARTS:
        assert f'id="{chart_id}-0"' in html
    capacity_figures = html.count('data-chart="utilisation"') + html.count('data-chart="queue"')
    assert html.count('data-chart="queue"') == html.count('data-chart="utilisation"') > 0
    assert html.count('data-chart="suite-map"') == 1
    assert html.count("<svg") == len(CHARTS) + capacity_figures + 1


def test_json_and_html_carry_the_capacity_section(tmp_path):
    json_bytes, html = _run(tmp_path, "r")
    capacity = json.loads(json_bytes)["capacity"]
    assert {"met/ccu", "met/phone"} <= set(capacity["pools"]) and capacity["officer_cost_gbp"] > 0
    assert "Assumption" in capacity["officer_cost_basis"] and 0 < capacity["rec1_coverage"]["share_checked"] <= 1
    for pool in capacity["pools"].values():
        assert len(pool["utilisation_by_hour"]) == len(pool["queue_length_by_hour"]) == 24
        assert len(pool["utilisation_by_week"]) == 6
        assert len(pool["queue_length_by_day"]) == len(pool["wait_p90_by_day"]) == 42
    assert "<h2>Capacity</h2>" in html and '<table class="capacity">' in html
    for chart_id in capacity_chart_ids({"capacity": capacity}):
        assert f'id="{chart_id}"' in html


def _capacity(overrides: list[str]) -> dict:
    scenario = load_scenario("london-2013", overrides)
    spec = RunSpec("london-2013", seed=1, days=7, overrides=tuple(overrides))
    return run_in_memory(scenario, spec.seed, spec.days).report(scenario, spec)["capacity"]["pools"]["met/ccu"]


def test_halving_ccu_operators_raises_ccu_utilisation_and_waits():
    ccu = load_scenario("london-2013").operating_model.ccu
    full, halved = _capacity([]), _capacity([f"operating_model.ccu.capacity={ccu.capacity // 2}"])
    assert halved["rostered_officer_hours"] == full["rostered_officer_hours"] / 2
    assert halved["utilisation"] > full["utilisation"]
    assert halved["wait_minutes"]["p90"] > full["wait_minutes"]["p90"]
    assert halved["wait_minutes"]["mean"] > full["wait_minutes"]["mean"]
