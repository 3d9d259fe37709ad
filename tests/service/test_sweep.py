"""`nexus sweep`: a grid of CCU capacities x seeds into one table (CSV and JSON) and a page of
response curves; the same sweep on a Dask cluster (a LocalCluster of worker processes) gives the
same numbers as local processes."""

import csv
import json

import pytest
from typer.testing import CliRunner

from nexus_sim.cli.app import app

SWEEP = ["sweep", "--scenario", "london-2013", "--days", "1", "--set", "arrests.per_year=25000",
         "--vary", "operating_model.ccu.capacity=1,10", "--replicates", "5"]


def _sweep(tmp_path, name: str, *where: str) -> tuple[dict, str, str]:
    paths = {kind: tmp_path / f"{name}.{kind}" for kind in ("csv", "json", "html")}
    result = CliRunner().invoke(app, [*SWEEP, *where, "--table-csv", str(paths["csv"]), "--table-json",
                                      str(paths["json"]), "--report-html", str(paths["html"])])
    assert result.exit_code == 0, result.output
    return json.loads(paths["json"].read_text()), paths["csv"].read_text(), paths["html"].read_text()


@pytest.fixture(scope="module")
def local_sweep(tmp_path_factory):
    return _sweep(tmp_path_factory.mktemp("local"), "local", "--workers", "2")


def test_a_sweep_writes_one_table_of_every_point_and_measure(local_sweep):
    table, text, _ = local_sweep
    assert table["vary"] == {"operating_model.ccu.capacity": ["1", "10"]} and table["seeds"] == [1, 2, 3, 4, 5]
    assert table["overrides"] == ["arrests.per_year=25000"] and len(table["runs"]) == 10
    rows = list(csv.DictReader(text.splitlines()))
    assert len(rows) == len(table["rows"]) and {r["operating_model.ccu.capacity"] for r in rows} == {"1", "10"}
    cost = {r["operating_model.ccu.capacity"]: float(r["mean"]) for r in rows if r["path"] == "capacity.officer_cost_gbp"}
    assert cost["1"] < cost["10"]  # fewer operators, fewer officer-hours paid
    waits = {r["operating_model.ccu.capacity"]: r for r in table["rows"]
             if r["path"] == "time_to_status_minutes.ccu_remote.mean"}
    assert waits["1"]["mean"] > waits["10"]["mean"] and waits["1"]["n"] == 5
    assert all(r["low"] <= r["mean"] <= r["high"] for r in table["rows"])
    # the same seeds at every point: the arrests do not depend on the CCU
    arrests = [r for r in table["rows"] if r["path"] == "arrests"]
    assert arrests[0]["mean"] == arrests[1]["mean"]


def test_the_page_draws_a_response_curve_per_measure_with_intervals(local_sweep):
    table, _, html = local_sweep
    curves = len({r["path"] for r in table["rows"]})
    assert html.count('data-chart="response-') == curves > 10
    assert html.count('class="interval"') >= 2 * curves - 2 and "http://" not in html.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")


def test_the_same_sweep_on_a_dask_cluster_gives_identical_numbers(local_sweep, tmp_path):
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        on_dask = _sweep(tmp_path, "dask", "--cluster", cluster.scheduler_address)
    assert on_dask == local_sweep


def test_a_bad_sweep_is_refused_naming_what_is_wrong():
    for vary, problem in (("operating_model.ccu.capacity", "expected FIELD.PATH=v1,v2"),
                          ("operating_model.ccu.capacity=1,lots", "operating_model.ccu.capacity")):
        result = CliRunner().invoke(app, ["sweep", "--days", "1", "--vary", vary, "--replicates", "1"])
        assert result.exit_code == 2 and problem in result.output, result.output
