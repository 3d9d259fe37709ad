"""Invariant 4 on a real broker: the four services as separate processes on Kafka give the
same outcome digest as the in-memory transport, on one node, on three, and across a SIGKILL."""

import json
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from crashes import KillOnce

from nexus_runtime.partitioner import KeyPartitioner
from nexus_sim.run.in_memory import run_in_memory
from nexus_sim.run.on_kafka import run_on_kafka
from nexus_sim.run.spec import RunSpec

pytestmark = pytest.mark.integration

SCENARIO = "london-2013"
OVERRIDES = ("arrests.per_year=25000",)
SEED = 7
DAYS = 1
RUN = RunSpec(SCENARIO, OVERRIDES, SEED, DAYS)


@pytest.fixture(scope="module")
def scenario():
    return RUN.load_scenario()


@pytest.fixture(scope="module")
def in_memory(scenario):
    return run_in_memory(scenario, SEED, DAYS)


def on_kafka(scenario, bootstrap: str, **options):
    return run_on_kafka(scenario, RUN, bootstrap, idle_timeout=90, **options)


def assert_same_outcomes(kafka_run, memory_run) -> None:
    assert kafka_run.outcomes.counts == memory_run.outcomes.counts
    assert kafka_run.outcomes.report.build() == memory_run.outcomes.report.build()
    assert kafka_run.digest == memory_run.digest
    assert kafka_run.dead_letters == 0


def test_one_broker_gives_the_in_memory_digest(kafka_bootstrap, scenario, in_memory):
    assert in_memory.outcomes.counts["ArrestMade"] > 30
    placed, wrong = KeyPartitioner.of(scenario), []

    def where(raw) -> None:  # every keyed record where the scenario's placement puts its key
        if raw.key is not None and not raw.topic.endswith(".dlq") and raw.partition != placed(raw.key, list(range(6)), []):
            wrong.append((raw.topic, raw.key, raw.partition))

    assert_same_outcomes(on_kafka(scenario, kafka_bootstrap, observers=(where,)), in_memory)
    assert wrong == []


def test_three_broker_cluster_gives_the_in_memory_digest(kafka_cluster3, scenario, in_memory):
    assert_same_outcomes(on_kafka(scenario, kafka_cluster3), in_memory)


class RecordCounts:
    """How many times each (topic, event id) of the run was written, as a read_committed consumer sees them."""

    def __init__(self) -> None:
        self.seen: Counter[tuple[str, str]] = Counter()

    def __call__(self, raw) -> None:
        if not raw.topic.endswith(".dlq"):
            self.seen[raw.topic, json.loads(raw.value)["event_id"]] += 1

    def duplicates(self) -> dict[tuple[str, str], int]:
        return {key: n for key, n in self.seen.items() if n > 1}


@pytest.mark.parametrize("service", ["custody_booking", "fingerprint_match", "status_check", "referral_exchange"])
def test_a_service_killed_mid_run_and_restarted_changes_nothing_and_writes_nothing_twice(
        kafka_bootstrap, scenario, in_memory, service):
    kill, records = KillOnce(service, answers=3), RecordCounts()
    result = on_kafka(scenario, kafka_bootstrap, on_progress=kill, observers=(records,))
    assert kill.killed_at is not None, "the service was killed during the run"
    assert kill.killed_at < in_memory.outcomes.events
    assert_same_outcomes(result, in_memory)
    assert sum(records.seen.values()) == in_memory.outcomes.events
    assert records.duplicates() == {}


def test_two_simulations_on_one_broker_at_once_leave_each_other_alone(kafka_bootstrap, scenario):
    other = RunSpec(SCENARIO, OVERRIDES, SEED + 1, DAYS)
    with ThreadPoolExecutor(2) as pool:
        runs = [pool.submit(run_on_kafka, spec.load_scenario(), spec, kafka_bootstrap, idle_timeout=90)
                for spec in (RUN, other)]
        results = [run.result() for run in runs]
    for spec, result in zip((RUN, other), results, strict=True):
        assert_same_outcomes(result, run_in_memory(spec.load_scenario(), spec.seed, spec.days))
    assert results[0].digest != results[1].digest


def test_a_service_that_dies_is_restarted_by_the_run(kafka_bootstrap, scenario, in_memory):
    """Supervision: the run itself notices the SIGKILLed process and starts it again (once, said on the console)."""
    import io

    from rich.console import Console

    kill, said = KillOnce("fingerprint_match", answers=2, restart=False), io.StringIO()
    result = on_kafka(scenario, kafka_bootstrap, on_progress=kill, console=Console(file=said, width=400))
    assert kill.killed_at is not None and kill.killed_at < in_memory.outcomes.events
    assert kill.services.restarts == {"fingerprint_match": 1}
    assert "service fingerprint_match" in said.getvalue() and "restarted (1 of 3" in said.getvalue()
    assert_same_outcomes(result, in_memory)


def test_a_log_recorded_in_memory_replays_on_kafka_without_differences(kafka_bootstrap, tmp_path):
    from typer.testing import CliRunner

    from nexus_sim.cli.app import app
    log = tmp_path / "memory.jsonl"
    runner = CliRunner()
    recorded = runner.invoke(app, ["simulate", "--days", "1", "--seed", str(SEED), "--set", OVERRIDES[0],
                                   "--record", str(log), "-q"])
    assert recorded.exit_code == 0, recorded.output
    replayed = runner.invoke(app, ["replay", str(log), "--transport", "kafka", "--bootstrap", kafka_bootstrap,
                                   "--check"])
    assert replayed.exit_code == 0, replayed.output
    assert "no differences" in replayed.output
    assert recorded.output.strip().splitlines()[-1] in replayed.output


def test_already_running_services_are_used_with_no_spawn(kafka_bootstrap, scenario, in_memory):
    """The README path: `nexus services run` joins new groups at the live end, then `simulate --no-spawn`."""
    import asyncio
    import uuid

    from nexus_sim.run.consumer_groups import join_at_live_end
    from nexus_sim.run.service_processes import ServiceProcesses
    from nexus_sim.run.wiring import SERVICES

    services = ServiceProcesses(RUN, kafka_bootstrap, f"mine-{uuid.uuid4().hex[:8]}")
    joined = asyncio.run(join_at_live_end(kafka_bootstrap, services.group_prefix, list(SERVICES)))
    assert len(joined) == 4
    assert asyncio.run(join_at_live_end(kafka_bootstrap, services.group_prefix, list(SERVICES))) == []
    services.start_all()
    try:
        first = on_kafka(scenario, kafka_bootstrap, spawn=False)
        again = on_kafka(scenario, kafka_bootstrap, spawn=False)  # same event ids, a new run: handled afresh
        services.check_alive()
    finally:
        services.stop_all()
    assert_same_outcomes(first, in_memory)
    assert_same_outcomes(again, in_memory)


def test_your_own_service_runs_with_the_others_around_it(kafka_bootstrap, scenario, in_memory):
    """The integration engineer's path: `nexus services run` (standing in for your adapter) as its
    own process, `simulate --external` starting the other three; then a graceful SIGTERM."""
    import signal
    import subprocess
    import sys
    import threading
    import uuid

    command = [sys.executable, "-m", "nexus_sim.cli", "services", "run", "fingerprint_match", "--bootstrap",
               kafka_bootstrap, "--seed", str(SEED), "--set", OVERRIDES[0], "--group-prefix", f"own-{uuid.uuid4().hex[:6]}"]
    mine = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for line in mine.stdout:  # wait for the service to say it is consuming, however long that takes
            if "service started" in line:
                break
        threading.Thread(target=mine.stdout.read, daemon=True).start()  # keep its pipe from filling up
        result = on_kafka(scenario, kafka_bootstrap, external=("fingerprint_match",))
    finally:
        mine.send_signal(signal.SIGTERM)
        assert mine.wait(timeout=60) == 0
    assert_same_outcomes(result, in_memory)
