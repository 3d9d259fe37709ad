"""Issue 15 on a real broker: `nexus feed` killed with SIGKILL mid-day and restarted leaves the
arrests topic with every arrest of its days once, none twice; SIGTERM stops it with a summary."""

import asyncio
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from datetime import timedelta

import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition

from nexus_contracts import decode_event
from nexus_contracts.catalogue import ARRESTS
from nexus_contracts.wire import RUN_HEADER
from nexus_sim.run.arrests import arrests_on
from nexus_sim.run.spec import RunSpec

pytestmark = pytest.mark.integration

RUN = RunSpec("london-2013", ("arrests.per_year=20000",), 4)
UNTIL = "2013-03-06"  # three days from the scenario's start


def feed_command(bootstrap: str, name: str, speed: str) -> list[str]:
    return [sys.executable, "-m", "nexus_sim.cli", "feed", "--bootstrap", bootstrap, "--seed", str(RUN.seed),
            "--set", RUN.overrides[0], "--speed", speed, "--until", UNTIL, "--name", name]


def fed_ids(bootstrap: str, name: str) -> Counter[bytes]:
    async def read() -> Counter[bytes]:
        consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False,
                                    auto_offset_reset="earliest")
        await consumer.start()
        try:
            partitions = [TopicPartition(ARRESTS.name, p) for p in range(ARRESTS.partitions)]
            consumer.assign(partitions)
            ends, ids = await consumer.end_offsets(partitions), Counter()
            while any([await consumer.position(tp) < ends[tp] for tp in partitions]):
                for records in (await consumer.getmany(timeout_ms=1000)).values():
                    ids.update(decode_event(r.value).event_id.bytes for r in records
                               if (RUN_HEADER, name.encode()) in r.headers and r.value)
            return ids
        finally:
            await consumer.stop()

    return asyncio.run(read())


def expected_ids() -> set[bytes]:
    scenario = RUN.load_scenario()
    return {a.event_id.bytes for d in range(3)
            for a in arrests_on(scenario, RUN.seed, scenario.start_date + timedelta(days=d))}


def test_a_feed_killed_mid_day_resumes_with_no_arrest_twice_and_none_missing(kafka_bootstrap):
    name = f"feed-test-{uuid.uuid4().hex[:8]}"
    expected = expected_ids()
    first = subprocess.Popen(feed_command(kafka_bootstrap, name, "20000"), stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    while sum(fed_ids(kafka_bootstrap, name).values()) < len(expected) // 2 and time.monotonic() < deadline:
        assert first.poll() is None, "the feed ended before it could be killed"
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    sent_before = fed_ids(kafka_bootstrap, name)
    assert 0 < sum(sent_before.values()) < len(expected)
    resumed = subprocess.run(feed_command(kafka_bootstrap, name, "max"), capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    assert "resumed on" in resumed.stderr
    fed = fed_ids(kafka_bootstrap, name)
    assert max(fed.values()) == 1  # no arrest twice
    assert set(fed) == expected  # and none missing


def test_sigterm_stops_a_feed_cleanly_with_a_summary(kafka_bootstrap):
    name = f"feed-test-{uuid.uuid4().hex[:8]}"
    feeding = subprocess.Popen(feed_command(kafka_bootstrap, name, "3000"), stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not fed_ids(kafka_bootstrap, name) and time.monotonic() < deadline:
        assert feeding.poll() is None
    feeding.send_signal(signal.SIGTERM)
    _, stderr = feeding.communicate(timeout=30)
    assert feeding.returncode == 0
    assert "feed stopped" in stderr and "arrests sent" in stderr
