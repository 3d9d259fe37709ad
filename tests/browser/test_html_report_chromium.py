"""The HTML report in headless Chromium (Debian's `chromium`): every chart is drawn.

The page's own script counts, after layout, the marks of each chart that have a rendered size
(`getBBox`) into `data-drawn`; the test compares that with the marks the chart says it holds.
Skipped when Chromium is missing, except on CI (CI=true), where it fails.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from nexus_runtime.scenarios import load_scenario
from nexus_sim.report.charts import CHARTS
from nexus_sim.report.html_capacity import capacity_chart_ids
from nexus_sim.report.html_page import write_html
from nexus_sim.run.in_memory import report_in_memory
from nexus_sim.run.spec import RunSpec

pytestmark = pytest.mark.browser
_SVG = re.compile(r'<svg class="chart" id="([\w-]+)" data-marks="(\d+)"[^>]*?data-drawn="(\d+)"')


@pytest.fixture(scope="module")
def chromium() -> str:
    found = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("chromium is required on CI: apt-get install -y chromium")
    pytest.skip("chromium not installed (apt-get install -y chromium)")


@pytest.fixture(scope="module")
def report_page(tmp_path_factory) -> Path:
    report = report_in_memory(load_scenario("london-2013"), RunSpec("london-2013", seed=1, days=14))
    page = tmp_path_factory.mktemp("html") / "report.html"
    write_html([report], page)
    return page, capacity_chart_ids(report)


def _chromium(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
             f"--user-data-dir={profile}", "--window-size=1280,2000"]
    return subprocess.run([binary, *flags, *args], capture_output=True, text=True, timeout=120, check=True)


def test_every_chart_is_drawn(chromium, report_page, tmp_path):
    page, capacity_charts = report_page
    dom = _chromium(chromium, tmp_path / "profile", "--dump-dom", page.as_uri()).stdout
    drawn = {chart: (int(marks), int(seen)) for chart, marks, seen in _SVG.findall(dom)}
    expected = {f"{chart_id}-0" for chart_id, _, _ in CHARTS} | set(capacity_charts) | {"suite-map-0"}
    assert capacity_charts and set(drawn) == expected
    for chart, (marks, seen) in drawn.items():
        assert marks > 0 and seen == marks, f"{chart}: {seen} of {marks} marks drawn"
    assert f'data-charts-drawn="{len(drawn)}/{len(drawn)}"' in dom


def test_a_screenshot_is_taken(chromium, report_page, tmp_path):
    shot = tmp_path / "report.png"
    _chromium(chromium, tmp_path / "profile", f"--screenshot={shot}", report_page[0].as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000  # a blank page is a few kB


_INTERVALS = re.compile(r'<svg class="chart" id="([\w-]+)" data-marks="\d+" data-intervals="(\d+)"[^>]*?'
                        r'data-intervals-drawn="(\d+)"')


@pytest.fixture(scope="module")
def replicates_page(tmp_path_factory) -> Path:
    """A = the small scenario with one CCU operator, B = as it is; 3 seeds each, paired."""
    from nexus_sim.report.files import write_replicate_reports
    from nexus_sim.report.replicates import paired_comparison
    from nexus_sim.run.replicates import Executor, RunTask, replicate_specs, run_reports

    sides = [RunSpec("london-2013", ("arrests.per_year=25000", *extra), seed=1, days=3)
             for extra in (("operating_model.ccu.capacity=1",), ())]
    runs = [run_reports([RunTask(spec.load_scenario(), s) for s in replicate_specs(spec, 3)], Executor(workers=1))
            for spec in sides]
    page = tmp_path_factory.mktemp("html") / "replicates.html"
    write_replicate_reports(paired_comparison(*runs), runs, None, page)
    return page


def test_replicates_draw_their_intervals_and_the_difference_table(chromium, replicates_page, tmp_path):
    dom = _chromium(chromium, tmp_path / "profile", "--dump-dom", replicates_page.as_uri()).stdout
    drawn = {chart: (int(marks), int(seen)) for chart, marks, seen in _SVG.findall(dom)}
    assert drawn and all(seen == marks for marks, seen in drawn.values())
    intervals = {chart: (int(n), int(seen)) for chart, n, seen in _INTERVALS.findall(dom)}
    assert len(intervals) >= len(CHARTS) and all(seen == n > 0 for n, seen in intervals.values())
    capacity = [chart for chart in intervals if chart.startswith(("utilisation-", "queue-"))]
    assert len(capacity) >= 4, "each side's pools draw utilisation and queue with their intervals"
    assert "<h2>Differences</h2>" in dom and dom.count('class="excludes-zero"') > 0
    assert "A - B (london-2013 --set arrests.per_year=25000 --set operating_model.ccu.capacity=1 less " \
           "london-2013 --set arrests.per_year=25000)" in dom


def test_a_sweep_page_draws_every_response_curve_with_its_intervals(chromium, tmp_path):
    from nexus_sim.report.html_sweep import render_sweep_html
    from nexus_sim.report.sweep_table import sweep_table
    from nexus_sim.run.replicates import Executor, run_reports
    from nexus_sim.run.sweep import parse_vary, sweep_grid, sweep_tasks

    points = sweep_grid([parse_vary("operating_model.ccu.capacity=1,10")])
    spec = RunSpec("london-2013", ("arrests.per_year=25000",), seed=1, days=1)
    reports = run_reports(sweep_tasks(spec, points, 2), Executor(workers=1))
    page = tmp_path / "sweep.html"
    page.write_text(render_sweep_html(sweep_table(points, [reports[:2], reports[2:]])))
    dom = _chromium(chromium, tmp_path / "profile", "--dump-dom", page.as_uri()).stdout
    drawn = {chart: (int(marks), int(seen)) for chart, marks, seen in _SVG.findall(dom)}
    assert len(drawn) > 10 and all(seen == marks > 0 for marks, seen in drawn.values())
    intervals = {chart: (int(n), int(seen)) for chart, n, seen in _INTERVALS.findall(dom)}
    assert intervals and all(seen == n for n, seen in intervals.values())
