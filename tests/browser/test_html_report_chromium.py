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
    assert capacity_charts and set(drawn) == {f"{chart_id}-0" for chart_id, _, _ in CHARTS} | set(capacity_charts)
    for chart, (marks, seen) in drawn.items():
        assert marks > 0 and seen == marks, f"{chart}: {seen} of {marks} marks drawn"
    assert f'data-charts-drawn="{len(drawn)}/{len(drawn)}"' in dom


def test_a_screenshot_is_taken(chromium, report_page, tmp_path):
    shot = tmp_path / "report.png"
    _chromium(chromium, tmp_path / "profile", f"--screenshot={shot}", report_page[0].as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000  # a blank page is a few kB
