"""`nexus simulate --compare B` with `--set` on A: both reports side by side, and the differences."""

import json

from typer.testing import CliRunner

from nexus_sim.cli.app import app

ARGS = ["simulate", "--days", "2", "--seed", "4", "--set", "arrests.per_year=30000"]


def test_compare_shows_the_effect_of_an_override_and_writes_both_reports(tmp_path):
    path = tmp_path / "compare.json"
    html = tmp_path / "compare.html"
    result = CliRunner().invoke(app, [*ARGS, "--set", "operating_model.ccu.capacity=1", "--compare", "london-2013",
                                      "--report-json", str(path), "--report-html", str(html)])
    assert result.exit_code == 0, result.output
    assert "Comparison: A = london-2013 --set arrests.per_year=30000" in " ".join(result.output.split())
    assert "A - B" in result.output
    data = json.loads(path.read_text())
    assert data["mode"] == "compare"
    a, b = data["a"], data["b"]
    assert a["overrides"] and b["overrides"] == []  # --set applies to A only
    assert result.output.strip().splitlines()[-1] == f"outcome digest: {a['digest']}"
    assert data["differences"]["arrests"] == {"a": a["arrests"], "b": b["arrests"],
                                              "delta": a["arrests"] - b["arrests"]}
    assert data["a_label"] == "london-2013 --set arrests.per_year=30000 --set operating_model.ccu.capacity=1"
    assert data["b_label"] == "london-2013"
    page = html.read_text()  # both sides named with their overrides, and the difference table
    assert "<h2>Differences</h2>" in page and f"A - B ({data['a_label']} less london-2013)" in page
    captions = page.count(f"<figcaption>{data['a_label']}</figcaption>")
    assert captions == page.count("<figcaption>london-2013</figcaption>") >= 10
    ccu = "time_to_status_minutes.ccu_remote.mean"
    assert data["differences"][ccu]["a"] > data["differences"][ccu]["b"]  # one CCU officer: slower checks


def test_comparing_a_scenario_with_itself_shows_no_difference(tmp_path):
    path = tmp_path / "same.json"
    result = CliRunner().invoke(app, ["simulate", "--days", "1", "--scenario", "west-midlands-2014",
                                      "--compare", "west-midlands-2014", "--report-json", str(path), "-q"])
    assert result.exit_code == 0, result.output
    data = json.loads(path.read_text())
    assert data["a"] == data["b"]
    assert data["differences"]["arrests"]["a"] > 0
    assert all(d["delta"] == 0 for d in data["differences"].values())


def test_a_broken_comparison_scenario_is_refused_before_anything_runs(tmp_path):
    result = CliRunner().invoke(app, [*ARGS, "--compare", "no-such-scenario"])
    assert result.exit_code == 2
    assert "no scenario named 'no-such-scenario'" in result.output and "outcome digest" not in result.output


def test_a_comparison_changes_only_what_the_override_touches(small_scenario):
    """Common random numbers: each decision has its own draw, and arrests do not depend on the
    scenario's name, so a smaller CCU moves CCU waits but not who is arrested or what status is found."""
    from nexus_runtime.scenarios import load_scenario
    from nexus_sim.run.in_memory import run_in_memory

    small_ccu = load_scenario("london-2013", ["arrests.per_year=25000", "operating_model.ccu.capacity=1"])
    base = run_in_memory(small_scenario, 4, 2).outcomes.report
    tight = run_in_memory(small_ccu, 4, 2).outcomes.report
    same = [k for k in base.counts if k.startswith(("status.", "iabs.", "erf.group.", "arrests"))]
    assert same and all(base.counts[k] == tight.counts[k] for k in same)
    assert sum(tight.minutes_by_route["ccu_remote"]) > sum(base.minutes_by_route["ccu_remote"])
    assert tight.counts["events.NonAttendanceRecorded"] >= base.counts["events.NonAttendanceRecorded"]
