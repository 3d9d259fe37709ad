"""The benchmark's CPU accounting (cpu_use.py): per group of processes, and for the machine, from /proc."""

import os
import sys
import time

import pytest

from nexus_sim.run.cpu_use import CpuUse, Sample, Sampler, sample

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def _burn(seconds: float) -> None:
    """Keep this process on a core for about ``seconds`` of its own CPU time."""
    end = os.times().user + seconds
    while os.times().user < end:
        pass


def test_a_sample_counts_this_process_and_leaves_out_a_group_without_pids():
    before = sample({"this process": [os.getpid()], "broker (not started here)": []})
    _burn(0.2)
    after = sample({"this process": [os.getpid()], "broker (not started here)": []})
    assert list(after.groups) == ["this process"]
    assert after.groups["this process"] - before.groups["this process"] >= 0.15
    assert 0 < after.busy - before.busy <= after.total - before.total


def test_a_pid_that_is_gone_counts_nothing():
    assert sample({"gone": [2 ** 22 + 12345]}).groups == {"gone": 0.0}


def test_spans_add_up_per_round_and_say_how_busy_the_machine_was():
    use = CpuUse()
    use.add(Sample({"services": 1.0, "broker": 2.0}, 10.0, 20.0), Sample({"services": 2.5, "broker": 2.5}, 13.0, 24.0))
    use.add(Sample({"services": 5.0, "broker": 3.0}, 30.0, 40.0), Sample({"services": 6.5, "broker": 3.5}, 33.0, 44.0))
    assert use.groups == {"services": 3.0, "broker": 1.0}
    line, = use.lines()
    assert "machine busy 75%" in line and "services 1.50" in line and "broker 0.50" in line


def test_no_span_prints_nothing():
    assert CpuUse().lines() == []


def test_the_sampler_finds_the_span_a_call_took():
    with Sampler({"this process": [os.getpid()]}, interval=0.02) as sampler:
        started = time.perf_counter()
        _burn(0.3)
        before, after = sampler.span(time.perf_counter() - started)
    assert after.groups["this process"] - before.groups["this process"] >= 0.2
