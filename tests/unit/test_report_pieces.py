"""Report pieces without a run: weekly series, custody-hour bands, SVG charts, differences."""

from collections import Counter

from nexus_runtime.scenarios import load_scenario
from nexus_sim.report.differences import differences
from nexus_sim.report.sections import _banded
from nexus_sim.report.svg import bar_chart, line_chart
from nexus_sim.report.weekly import Window, weekly_series


def test_weekly_series_counts_suites_live_and_clips_late_measures_into_the_last_week():
    scenario = load_scenario("london-2012-launch")  # starts 2012-08-27, 5 suites live 2012-09-03
    daily = Counter({("2012-08-27", "checks"): 3, ("2012-09-04", "checks"): 5, ("2012-09-20", "checks"): 7,
                     ("2012-09-04", "foreign_nationals"): 10, ("2012-09-04", "foreign_nationals_checked"): 4})
    weeks = weekly_series(daily, Window(scenario, days=14))
    assert [w["from"] for w in weeks] == ["2012-08-27", "2012-09-03"]
    assert [w["checks"] for w in weeks] == [3, 12]
    assert [w["suites_live"] for w in weeks] == [0, 5]
    assert weeks[1]["share_checked"] == 0.4


def test_custody_hours_fall_into_bands_with_an_open_top():
    assert _banded([1, 6, 11.9, 30, 100], (6, 12, 24)) == {"0-6": 1, "6-12": 2, "12-24": 0, "24+": 2}


def test_bar_chart_draws_one_mark_per_non_zero_value():
    svg = bar_chart("c", "Title <x>", ["a", "b", "c"], {"one": [1, 0, 3], "two": [2, 2, 2]})
    assert svg.count('class="mark"') == 5
    assert 'data-marks="5"' in svg and "Title &lt;x&gt;" in svg


def test_line_chart_draws_a_path_and_points():
    svg = line_chart("c", "t", ["w1", "w2"], {"share": [0.5, 1.0]}, y_max=1.0)
    assert svg.count("<circle") == 2 and 'class="mark line"' in svg and 'data-marks="3"' in svg


def test_differences_cover_every_numeric_leaf_of_either_report():
    diffs = differences({"a": 1, "n": {"x": 2.5, "flag": True}, "w": [1]}, {"a": 4, "n": {"y": 1}})
    # A - B; a measure only one side has is None on the other, its delta None (not applicable), never 0
    assert diffs == {"a": {"a": 1, "b": 4, "delta": -3}, "n.x": {"a": 2.5, "b": None, "delta": None},
                     "n.y": {"a": None, "b": 1, "delta": None}}
