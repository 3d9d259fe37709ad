"""`nexus simulate --replicates N` (and with `--compare`): seeds seed..seed+N-1, every measure a
mean with its 95% interval, A - B paired seed by seed, in the JSON, the terminal and the HTML."""

import json
import statistics

import pytest
from typer.testing import CliRunner

from nexus_sim.cli.app import app
from nexus_sim.run.in_memory import run_in_memory

SMALL = "extends: london-2013\nname: london-small\narrests: {per_year: 25000}\n"


@pytest.fixture(scope="module")
def small_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("scenarios") / "small.yaml"
    path.write_text(SMALL)
    return path


def _simulate(*args: str):
    result = CliRunner().invoke(app, ["simulate", "--days", "2", *args])
    assert result.exit_code == 0, result.output
    return result


def test_replicates_run_consecutive_seeds_and_give_each_measure_an_interval(small_scenario, tmp_path):
    path = tmp_path / "r.json"
    result = _simulate("--set", "arrests.per_year=25000", "--seed", "5", "--replicates", "3", "--workers", "2",
                       "--report-json", str(path))
    data = json.loads(path.read_text())
    assert data["mode"] == "replicates" and data["seeds"] == [5, 6, 7]
    singles = [run_in_memory(small_scenario, seed, 2) for seed in (5, 6, 7)]
    assert data["digests"] == [run.digest for run in singles]  # each replicate is the single run of its seed
    arrests = [run.outcomes.counts["ArrestMade"] for run in singles]
    found = data["measures"]["arrests"]
    assert found["mean"] == round(statistics.fmean(arrests), 4) and found["n"] == 3
    assert found["low"] < found["mean"] < found["high"] and (found["min"], found["max"]) == (min(arrests), max(arrests))
    assert all({"mean", "low", "high", "min", "max", "n"} <= set(m) for m in data["measures"].values())
    assert data["mean"]["arrests"] == found["mean"] and data["label"] == "london-2013 --set arrests.per_year=25000"
    text = " ".join(result.output.split())
    assert "3 runs (seeds 5-7)" in text and "95% interval" in text
    assert [line.split(": ")[1] for line in result.output.splitlines() if line.startswith("outcome digest")] == data["digests"]


def test_compared_replicates_pair_seeds_and_say_which_effects_exclude_zero(small_file, tmp_path):
    json_path, html_path = tmp_path / "c.json", tmp_path / "c.html"
    result = _simulate("--scenario", str(small_file), "--set", "operating_model.ccu.capacity=1", "--compare",
                       str(small_file), "--replicates", "4", "--report-json", str(json_path),
                       "--report-html", str(html_path))
    data = json.loads(json_path.read_text())
    assert data["mode"] == "compare-replicates" and data["a"]["seeds"] == data["b"]["seeds"] == [1, 2, 3, 4]
    a_label = "london-small --set operating_model.ccu.capacity=1"
    assert (data["a_label"], data["b_label"]) == (a_label, "london-small")
    diffs = data["differences"]
    # common random numbers: the same arrests on both sides, so no difference at all, and none excluded
    assert diffs["arrests"]["delta"] == 0 and diffs["arrests"]["excludes_zero"] is False
    officers = diffs["capacity.officer_cost_gbp"]  # 1 CCU operator instead of 10: a fixed, certain saving
    assert officers["delta"] < 0 and officers["excludes_zero"] is True
    wait = diffs["time_to_status_minutes.ccu_remote.mean"]
    assert wait["delta"] == pytest.approx(wait["a"] - wait["b"], abs=1e-3) and wait["delta"] > 0
    text = " ".join(result.output.split())
    assert f"A = {a_label}, B = london-small" in text and "excludes 0" in text
    html = html_path.read_text()
    assert html.count(a_label) >= 10 and "<h2>Differences</h2>" in html  # every chart and table names both sides
    assert 'class="excludes-zero"' in html and 'class="interval"' in html and "data-intervals=" in html


def test_replicates_refuse_kafka_and_recording():
    for extra, problem in ((["--transport", "kafka"], "--replicates runs in memory"),
                           (["--record", "x.jsonl"], "--record records one run"),
                           (["--replicates", "0"], "0 is not in the range x>=1")):
        args = ["simulate", "--days", "1", *(["--replicates", "2"] if "--replicates" not in extra else []), *extra]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 2 and problem in " ".join(result.output.split()), result.output
    result = CliRunner().invoke(app, ["simulate", "--days", "1", "--workers", "2"])
    assert result.exit_code == 2 and "give --replicates N" in result.output
    result = CliRunner().invoke(app, ["simulate", "--days", "1", "--replicates", "2", "--cluster", "scheduler"])
    assert result.exit_code == 2 and "--cluster scheduler: expected a Dask scheduler address" in result.output
