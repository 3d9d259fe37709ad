"""The JSON and HTML reports: weekly series, charts, and byte-identical files for identical runs."""

import json

from typer.testing import CliRunner

from nexus_sim.cli.app import app
from nexus_sim.report.charts import CHARTS

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
    assert html.count("<svg") == len(CHARTS)
