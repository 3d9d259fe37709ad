"""Capacity on a real broker (ARCHITECTURE.md invariant 3 and 4): with queues for scarce officers,
the pool decisions are the same in memory, with two instances of every service in each consumer
group, and across a SIGKILL of the service holding the pools and its restart."""

import pytest
from crashes import KillOnce

from nexus_sim.run.in_memory import run_in_memory
from nexus_sim.run.on_kafka import run_on_kafka
from nexus_sim.run.spec import RunSpec

pytestmark = pytest.mark.integration

SCARCE = RunSpec("london-2013", ("arrests.per_year=30000", "operating_model.ccu.capacity=1",
                                 "operating_model.embedded.0.officers=2", "operating_model.phone_lines=1",
                                 "custody.investigation.median_minutes=120",
                                 "referral_policy.max_wait_for_check_hours=1"), 3, 2)


@pytest.fixture(scope="module")
def scenario():
    return SCARCE.load_scenario()


@pytest.fixture(scope="module")
def in_memory(scenario):
    result = run_in_memory(scenario, SCARCE.seed, SCARCE.days)
    counts = result.outcomes.counts
    assert counts["StatusCheckMissed"] > 0 and counts["StatusCheckAnswered"] > 20, "the pools must be contended"
    return result


def assert_same(kafka_run, memory_run) -> None:
    assert kafka_run.outcomes.counts == memory_run.outcomes.counts
    assert kafka_run.digest == memory_run.digest
    assert kafka_run.dead_letters == 0


def test_two_instances_of_every_service_give_the_in_memory_pool_decisions(kafka_bootstrap, scenario, in_memory):
    assert_same(run_on_kafka(scenario, SCARCE, kafka_bootstrap, idle_timeout=120, instances=2), in_memory)


def test_the_pool_holder_killed_mid_run_resumes_from_its_changelog(kafka_bootstrap, scenario, in_memory):
    kill = KillOnce("status_check", answers=10)  # after the first day's marker: a snapshot exists to resume from
    result = run_on_kafka(scenario, SCARCE, kafka_bootstrap, idle_timeout=120, on_progress=kill)
    assert kill.killed_at is not None and kill.killed_at < in_memory.outcomes.events
    assert_same(result, in_memory)
