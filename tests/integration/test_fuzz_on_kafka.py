"""Fuzz on a real broker (invariant 5): 10,000 malformed messages over every input topic while the four
services run. Every one ends in its topic's DLQ with a reason, no service dies, no partition stalls
(every consumer group commits to the end of every partition it reads), and a simulation run on the
same services afterwards gives the in-memory digest."""

import asyncio
import time
import uuid
from collections import Counter

import pytest
from aiokafka import AIOKafkaProducer, TopicPartition
from fuzz_messages import CASE_HEADER, INPUT_TOPICS, KIND_HEADER, fuzz_messages

from nexus_contracts.catalogue import TOPICS, dlq_topic
from nexus_contracts.wire import DEAD_LETTER_REASON
from nexus_runtime.settings import consumer_group
from nexus_sim.run.consumer_groups import consumer, end_offsets, start_groups_at
from nexus_sim.run.in_memory import run_in_memory
from nexus_sim.run.on_kafka import run_on_kafka
from nexus_sim.run.service_processes import ServiceProcesses
from nexus_sim.run.spec import RunSpec
from nexus_sim.run.wiring import SERVICES, topics_of

pytestmark = pytest.mark.integration

RUN = RunSpec("london-2013", ("arrests.per_year=25000",), seed=7, days=1)
MESSAGES = 10_000
COLLECT_SECONDS = 240
"""Room for a loaded machine: on 2 free cores the services dead-letter the 10,000 in about a minute."""


@pytest.fixture(scope="module")
def memory_run():
    """The run whose records the fuzz breaks, and whose digest the Kafka run after the fuzz must give."""
    by_topic: dict[str, list] = {name: [] for name in INPUT_TOPICS}
    observe = (lambda r: by_topic[r.topic].append(r) if r.event and r.topic in by_topic else None,)
    return run_in_memory(RUN.load_scenario(), RUN.seed, RUN.days, observers=observe), by_topic


def test_malformed_messages_all_reach_a_dlq_and_nothing_stalls(kafka_bootstrap, memory_run):
    memory, bases = memory_run
    fuzz = list(fuzz_messages(bases, run=f"fuzz-{uuid.uuid4().hex[:8]}", count=MESSAGES))
    expected = {dict(m.headers)[CASE_HEADER].decode(): m for m in fuzz if m.dead}
    assert len(expected) == MESSAGES and {m.topic for m in fuzz} == set(INPUT_TOPICS)
    started = time.monotonic()
    services = asyncio.run(start_services(kafka_bootstrap))
    try:
        dead = asyncio.run(send_and_collect(kafka_bootstrap, fuzz, set(expected)))
        collected = time.monotonic() - started
        services.check_alive()
        missing = sorted(set(expected) - set(dead), key=int)
        assert not missing, (f"{len(missing)} not dead-lettered: {Counter(expected[m].kind for m in missing)}, "
                             f"by topic {Counter(expected[m].topic for m in missing)}; logs in {services.log_dir}")
        assert all(dead[case][0] for case in expected), "every dead letter has a reason"
        assert all(dead[case][1] is None for case, m in expected.items() if m.kind == "null_value"), "null kept null"
        assert not [case for case in dead if case.endswith("-original")], "a valid original was dead-lettered"
        kinds = Counter(expected[case].kind for case in expected)
        result = run_on_kafka(RUN.load_scenario(), RUN, kafka_bootstrap, spawn=False, idle_timeout=60)
        services.check_alive()
        assert result.digest == memory.digest and result.dead_letters == 0
        asyncio.run(every_group_commits_to_the_end(kafka_bootstrap, services.group_prefix))
    finally:
        services.stop_all()
    print(f"\nfuzz: {len(fuzz):,} sent ({MESSAGES:,} malformed), all dead-lettered with a reason; "
          f"{len(kinds)} kinds {dict(sorted(kinds.items()))}; {collected:.0f} s to start the services and "
          f"dead-letter them, {time.monotonic() - started:.0f} s with the run after")


async def start_services(bootstrap: str) -> ServiceProcesses:
    services = ServiceProcesses(RUN, bootstrap, f"fuzz-{uuid.uuid4().hex[:8]}")
    start = await end_offsets(bootstrap, [spec.name for spec in TOPICS])
    await start_groups_at(bootstrap, services.group_prefix, start)
    services.start_all()
    return services


async def send_and_collect(bootstrap: str, fuzz: list, cases: set[str]) -> dict[str, tuple[str, bytes | None]]:
    """Send every message with a raw producer, then read the DLQs until every case is there (or
    ``COLLECT_SECONDS`` pass); returns the reason and the value of each case found."""
    dlqs = [dlq_topic(name) for name in INPUT_TOPICS]
    start = await end_offsets(bootstrap, dlqs)
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", max_request_size=2 * 1024 * 1024)
    await producer.start()
    try:
        for message in fuzz:
            await producer.send(message.topic, message.value, key=message.key, headers=list(message.headers))
        await producer.flush()
    finally:
        await producer.stop()
    found: dict[str, tuple[str, bytes | None]] = {}
    async with consumer(bootstrap) as kafka:
        kafka.assign(list(start))
        for tp, offset in start.items():
            kafka.seek(tp, offset)
        deadline = time.monotonic() + COLLECT_SECONDS
        while not cases <= found.keys() and time.monotonic() < deadline:
            for records in (await kafka.getmany(timeout_ms=500)).values():
                for record in records:
                    headers = dict(record.headers)
                    if CASE_HEADER in headers:
                        found[headers[CASE_HEADER].decode()] = (headers.get(DEAD_LETTER_REASON, b"").decode(),
                                                                record.value)
    return found


async def every_group_commits_to_the_end(bootstrap: str, group_prefix: str) -> None:
    """Each service's group commits up to the end of every partition it reads (polled for up to 30 s:
    a commit follows the output it covers a moment later)."""
    deadline = time.monotonic() + 30
    while True:
        lagging = {service: lag for service in SERVICES
                   if (lag := await _lag(bootstrap, consumer_group(group_prefix, service), topics_of(service)))}
        if not lagging or time.monotonic() > deadline:
            break
        await asyncio.sleep(0.5)  # polling the committed offsets again
    assert not lagging, f"partitions whose committed offset is not at the end (committed, end): {lagging}"


async def _lag(bootstrap: str, group: str, topics: list[str]) -> dict[TopicPartition, tuple]:
    ends = await end_offsets(bootstrap, topics)
    async with consumer(bootstrap, group_id=group) as kafka:
        committed = {tp: await kafka.committed(tp) for tp in ends}
    return {tp: (committed[tp], end) for tp, end in ends.items() if committed[tp] != end}
