"""Replicate statistics (report/intervals.py, measures.py, replicates.py) and the sweep grid
(run/sweep.py): plain values in, plain values out."""

import math
import statistics

import pytest

from nexus_sim.report.intervals import interval, paired_difference, t_quantile_975
from nexus_sim.report.measures import leaves, mean_report
from nexus_sim.report.replicates import measure_intervals, paired_comparison
from nexus_sim.run.sweep import parse_vary, sweep_grid


@pytest.mark.parametrize(("df", "expected"), [(1, 12.706), (4, 2.776), (9, 2.262), (30, 2.042), (40, 2.021),
                                              (60, 2.000), (120, 1.980), (10_000, 1.960)])
def test_t_quantile_matches_the_tables(df, expected):
    assert t_quantile_975(df) == pytest.approx(expected, abs=0.001)


def test_t_quantile_refuses_no_degrees_of_freedom():
    with pytest.raises(ValueError, match="degrees of freedom"):
        t_quantile_975(0)


def test_interval_of_the_mean_is_t_times_the_standard_error():
    values = [10.0, 12.0, 9.0, 14.0, 11.0]
    half = 2.776 * statistics.stdev(values) / math.sqrt(5)
    found = interval(values)
    assert found["n"] == 5 and found["mean"] == 11.2 and (found["min"], found["max"]) == (9.0, 14.0)
    assert found["low"] == pytest.approx(11.2 - half, abs=1e-4) and found["high"] == pytest.approx(11.2 + half, abs=1e-4)


def test_one_run_has_no_interval():
    assert interval([7]) == {"n": 1, "mean": 7.0, "low": None, "high": None, "min": 7, "max": 7}
    assert paired_difference([3], [1])["excludes_zero"] is None


def test_a_paired_difference_is_of_the_differences_not_of_the_means():
    """Common random numbers: B follows A seed by seed, so the noise shared by a seed cancels."""
    a, b = [100, 140, 90, 160, 120], [98, 137, 89, 157, 118]
    paired = paired_difference(a, b)
    assert paired["delta"] == 2.2 and paired["excludes_zero"] is True and paired["low"] > 0
    unpaired_low = interval(a)["low"] - interval(b)["high"]
    assert unpaired_low < 0 < paired["low"]  # the two intervals overlap; the paired one excludes 0


def test_a_difference_that_straddles_zero_does_not_exclude_it():
    assert paired_difference([1, 2, 3], [2, 1, 3])["excludes_zero"] is False


def test_paired_differences_need_the_same_number_of_runs():
    with pytest.raises(ValueError, match="same seeds"):
        paired_difference([1, 2], [1])


def test_leaves_follow_lists_only_when_asked():
    data = {"a": 1, "flag": True, "w": [{"x": 2}, {"x": 3}], "name": "s", "n": {"v": 1.5}}
    assert leaves(data) == {"a": 1, "n.v": 1.5}
    assert leaves(data, lists=True) == {"a": 1, "w.0.x": 2, "w.1.x": 3, "n.v": 1.5}


def test_the_mean_report_keeps_what_all_runs_share_and_averages_the_rest():
    runs = [{"seed": 1, "week": 1, "v": 2, "routes": {"ccu": 10}, "name": "x"},
            {"seed": 2, "week": 1, "v": 3, "routes": {"ccu": 20, "phone": 50}, "name": "x"}]
    assert mean_report(runs) == {"seed": 1.5, "week": 1, "v": 2.5, "routes": {"ccu": 15.0, "phone": 50}, "name": "x"}


def test_a_measure_a_run_lacks_is_not_applicable_there():
    runs = [{"routes": {"ccu": 10}}, {"routes": {"ccu": 20, "phone": 50}}]
    found = measure_intervals(runs)
    assert found["routes.phone"]["n"] == 1 and found["routes.ccu"]["n"] == 2
    paired = paired_comparison([{**r, "seed": s, "scenario": "a", "days": 1, "digest": "d"} for s, r in zip((1, 2), runs)],
                               [{**r, "seed": s, "scenario": "b", "days": 1, "digest": "d"} for s, r in zip((1, 2), runs)])
    assert "routes.phone" not in paired["differences"]  # not in every run of both sides: no paired difference
    assert paired["differences"]["routes.ccu"]["delta"] == 0 and paired["a_label"] == "a"


def test_a_paired_comparison_refuses_runs_on_different_seeds():
    with pytest.raises(ValueError, match="same seeds"):
        paired_comparison([{"seed": 1}], [{"seed": 2}])


def test_vary_values_split_on_commas_outside_brackets():
    assert parse_vary("operating_model.ccu.capacity=5,10") == ("operating_model.ccu.capacity", ("5", "10"))
    assert parse_vary("operating_model.embedded=[],[{suites: [A, B], officers: 2}]")[1] == (
        "[]", "[{suites: [A, B], officers: 2}]")
    assert parse_vary("x='a,b',c")[1] == ("'a,b'", "c")


@pytest.mark.parametrize(("text", "problem"), [("capacity", "expected FIELD.PATH="), ("a=1,,2", "empty value"),
                                               ("a=1,1", "given twice"), ("=1", "expected FIELD.PATH=")])
def test_a_bad_vary_is_refused_naming_it(text, problem):
    with pytest.raises(ValueError, match=problem):
        parse_vary(text)


def test_the_grid_is_every_combination_first_field_slowest():
    grid = sweep_grid([("a", ("1", "2")), ("b", ("x", "y", "z"))])
    assert len(grid) == 6 and grid[0] == (("a", "1"), ("b", "x")) and grid[3] == (("a", "2"), ("b", "x"))
    with pytest.raises(ValueError, match="names a field twice"):
        sweep_grid([("a", ("1",)), ("a", ("2",))])
