"""Issue 5 on a real broker: a run recorded on Kafka replays in memory with no differences, and
`nexus record` captures what a live Kafka holds."""

import pytest
from typer.testing import CliRunner

from nexus_contracts.catalogue import ARRESTS
from nexus_sim.cli.app import app
from nexus_sim.eventlog import read_log

pytestmark = pytest.mark.integration

runner = CliRunner()
RUN = ["--days", "1", "--seed", "9", "--set", "arrests.per_year=20000"]


@pytest.fixture(scope="module")
def kafka_log(kafka_bootstrap, tmp_path_factory):
    path = tmp_path_factory.mktemp("logs") / "kafka.jsonl"
    result = runner.invoke(app, ["simulate", *RUN, "--transport", "kafka", "--bootstrap", kafka_bootstrap,
                                 "--record", str(path), "-q"])
    assert result.exit_code == 0, result.output
    return path, result.output.strip().splitlines()[-1]


def test_a_run_recorded_on_kafka_replays_in_memory_without_differences(kafka_log):
    path, digest_line = kafka_log
    assert read_log(path).header.transport == "kafka"
    replayed = runner.invoke(app, ["replay", str(path), "--check"])
    assert replayed.exit_code == 0, replayed.output
    assert "no differences" in replayed.output and digest_line in replayed.output
    memory = runner.invoke(app, ["simulate", *RUN, "-q"])
    assert memory.output.strip().splitlines()[-1] == digest_line


def test_nexus_record_captures_the_live_topics(kafka_bootstrap, kafka_log, tmp_path):
    path, _ = kafka_log
    out = tmp_path / "recorded.jsonl"
    result = runner.invoke(app, ["record", "--bootstrap", kafka_bootstrap, "--topics", ARRESTS.name, "--idle", "3",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    run_arrests = {e.value for e in read_log(path).entries if e.topic == ARRESTS.name}
    recorded = {e.value for e in read_log(out).entries}
    assert run_arrests and run_arrests <= recorded
