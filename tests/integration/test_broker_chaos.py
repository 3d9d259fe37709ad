"""Invariant 4 across broker failures on the 3-node cluster (replication 3, min ISR 2): a SIGKILL of the
node leading the controller quorum mid-run, and of two nodes at once then their recovery, each end
with the in-memory digest; and `restart-node`. Each test leaves all three nodes running."""

import time

import pytest

from nexus_sim.kafka_local.admin import broker_ids
from nexus_sim.kafka_local.cluster import admin_settings
from nexus_sim.kafka_local.nodes import quorum_leader, restart_node, start_nodes, stop_node
from nexus_sim.kafka_local.process import is_running
from nexus_sim.kafka_local.state import read_state
from nexus_sim.run.in_memory import run_in_memory
from nexus_sim.run.on_kafka import run_on_kafka
from nexus_sim.run.spec import RunSpec

pytestmark = pytest.mark.integration

RUN = RunSpec("london-2013", ("arrests.per_year=25000",), 7, 1)


@pytest.fixture(scope="module")
def scenario():
    return RUN.load_scenario()


@pytest.fixture(scope="module")
def in_memory(scenario):
    return run_in_memory(scenario, RUN.seed, RUN.days)


class BrokerLoss:
    """An ``on_progress`` callback: once ``after`` events have been collected, SIGKILL ``count`` nodes,
    the active controller first; with ``recover``, start them again at the next progress (the outage
    lasts as long as their start-up). ``down_seconds`` is how long they were down."""

    def __init__(self, state_file, count: int, after: int = 120, recover: bool = False) -> None:
        self.state_file, self.count, self.after, self.recover = state_file, count, after, recover
        self.killed: list[int] = []
        self.killed_at: int | None = None
        self.down_seconds: float | None = None
        self._since = 0.0

    def __call__(self, outcomes, services) -> None:
        if self.killed_at is None and outcomes.events >= self.after:
            leader = quorum_leader(self.state_file)
            others = [n.node_id for n in read_state(self.state_file).nodes if n.node_id != leader]
            self.killed = [leader, *others][: self.count]
            for node in self.killed:
                stop_node(node, self.state_file, crash=True)
            self.killed_at, self._since = outcomes.events, time.monotonic()
        elif self.recover and self.killed_at is not None and self.down_seconds is None:
            self.restore()

    def restore(self) -> None:
        """Start the lost nodes again (once) and wait until all three are brokers."""
        if self.killed and self.down_seconds is None:
            start_nodes(self.killed, self.state_file)
            self.down_seconds = time.monotonic() - self._since


def run_through(cluster, scenario, loss: BrokerLoss):
    try:
        began = time.monotonic()
        result = run_on_kafka(scenario, RUN, cluster.bootstrap, idle_timeout=120, on_progress=loss)
        back = f"back after {loss.down_seconds:.1f} s" if loss.down_seconds else "not back during the run"
        print(f"\n{loss.count} node(s) {loss.killed} lost after {loss.killed_at} events, {back}; "
              f"run {time.monotonic() - began:.1f} s")
        return result
    finally:
        loss.restore()  # the next test gets three nodes


def assert_same_outcomes(kafka_run, memory_run) -> None:
    assert kafka_run.outcomes.counts == memory_run.outcomes.counts
    assert kafka_run.digest == memory_run.digest
    assert kafka_run.dead_letters == 0


def test_losing_the_active_controller_mid_run_changes_nothing(cluster3, scenario, in_memory):
    loss = BrokerLoss(cluster3.state_file, count=1)
    result = run_through(cluster3, scenario, loss)
    assert loss.killed_at is not None and loss.killed_at < in_memory.outcomes.events
    assert quorum_leader(cluster3.state_file) != loss.killed[0], "the other two elected a new controller"
    assert_same_outcomes(result, in_memory)


def test_losing_two_brokers_then_recovering_changes_nothing(cluster3, scenario, in_memory):
    loss = BrokerLoss(cluster3.state_file, count=2, recover=True)
    result = run_through(cluster3, scenario, loss)
    assert len(loss.killed) == 2 and loss.killed_at < in_memory.outcomes.events
    assert loss.down_seconds is not None
    assert_same_outcomes(result, in_memory)


def test_restart_node_stops_one_node_and_brings_it_back(cluster3):
    """`nexus kafka restart-node N`: SIGTERM, a new process on the same data, a broker again."""
    before = read_state(cluster3.state_file).node(2).pid
    state = restart_node(2, cluster3.state_file)
    assert state.node(2).pid != before and is_running(state.node(2).pid, state.node(2).config)
    assert not is_running(before)
    assert broker_ids(admin_settings(state)) == {1, 2, 3}
