"""Invariant 5 on a real broker: a malformed message reaches <topic>.dlq with its original
bytes, headers and the reason, and the service goes on with the next message."""

import asyncio
import uuid

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from nexus_contracts import decode_event
from nexus_contracts.catalogue import ARRESTS, BOOKINGS
from nexus_contracts.wire import DEAD_LETTER_REASON, RUN_HEADER
from nexus_runtime.processing import to_record
from nexus_runtime.scenarios import load_scenario
from nexus_sim.run.arrests import arrests_on
from nexus_sim.run.consumer_groups import end_offsets, start_groups_at
from nexus_sim.run.service_processes import ServiceProcesses
from nexus_sim.run.spec import RunSpec

pytestmark = pytest.mark.integration


async def first_message(bootstrap: str, topic: str, start: dict, predicate) -> object:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        partitions = [tp for tp in start if tp.topic == topic]
        consumer.assign(partitions)
        for tp in partitions:
            consumer.seek(tp, start[tp])
        async with asyncio.timeout(90):
            while True:
                for records in (await consumer.getmany(timeout_ms=500)).values():
                    for record in records:
                        if predicate(record):
                            return record
    finally:
        await consumer.stop()


def not_of_a_run(record) -> bool:
    """What this test's service made: the shared topic may still get a finished run's late copies,
    which carry their run's header; this test sends none."""
    return all(name != RUN_HEADER for name, _ in record.headers)


async def scenario_run(bootstrap: str) -> tuple:
    start = await end_offsets(bootstrap, [ARRESTS.name, ARRESTS.dlq, BOOKINGS.name])
    services = ServiceProcesses(RunSpec("london-2013"), bootstrap, f"dlq-test-{uuid.uuid4().hex[:8]}")
    await start_groups_at(bootstrap, services.group_prefix, start)
    services.start("custody_booking")
    scenario = load_scenario("london-2013")
    good = to_record(arrests_on(scenario, 1, scenario.start_date)[0])
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True)
    await producer.start()
    try:
        await producer.send_and_wait(ARRESTS.name, b"\xffnot json", key=good.key, headers=[("origin", b"test")])
        await producer.send_and_wait(ARRESTS.name, good.value, key=good.key,
                                     headers=[(k, v.encode()) for k, v in good.headers.items()])
        dead = await first_message(bootstrap, ARRESTS.dlq, start, lambda r: True)
        booked = await first_message(bootstrap, BOOKINGS.name, start, not_of_a_run)
    finally:
        await producer.stop()
        services.stop_all()
    return good, dead, booked


def test_malformed_message_is_dead_lettered_and_the_next_one_processed(kafka_bootstrap):
    good, dead, booked = asyncio.run(scenario_run(kafka_bootstrap))
    headers = {k: v.decode() for k, v in dead.headers}
    assert dead.value == b"\xffnot json" and dead.key == good.key
    assert headers["origin"] == "test"
    assert "not JSON" in headers[DEAD_LETTER_REASON]
    assert headers["nexus.dlq.source_topic"] == ARRESTS.name
    assert decode_event(booked.value).causation_id == decode_event(good.value).event_id
