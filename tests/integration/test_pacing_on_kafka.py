"""Issue 15 on a real broker: a paced run takes its simulated span divided by the speed, and
gives the in-memory digest (only the driver waits; the services keep event time)."""

import pytest

from nexus_sim.run.arrests import arrests_on
from nexus_sim.run.in_memory import run_in_memory
from nexus_sim.run.on_kafka import run_on_kafka
from nexus_sim.run.spec import RunSpec

pytestmark = pytest.mark.integration

RUN = RunSpec("london-2013", ("arrests.per_year=20000",), 2, 1)
SPEED = 2880.0  # a day in 30 s


def test_a_paced_run_keeps_its_schedule_and_its_digest(kafka_bootstrap):
    scenario = RUN.load_scenario()
    arrests = arrests_on(scenario, RUN.seed, scenario.start_date)
    span = (arrests[-1].occurred_at - arrests[0].occurred_at).total_seconds() / SPEED
    assert span > 20, "the arrests must span enough of the day for pacing to show"
    paced = run_on_kafka(scenario, RUN, kafka_bootstrap, idle_timeout=90, speed=SPEED)
    assert paced.seconds >= span * 0.98  # never sent before its time (unpaced, this run takes a few seconds)
    assert paced.digest == run_in_memory(scenario, RUN.seed, RUN.days).digest
