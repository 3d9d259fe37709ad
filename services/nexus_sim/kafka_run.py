"""Run a scenario through the services on a real Kafka: publish the arrests, collect every
event from every topic until each journey has concluded, and compute the same digest."""

import asyncio
import time
import uuid
from collections.abc import Callable

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from rich.console import Console

from nexus_contracts.catalogue import TOPICS
from nexus_contracts.scenario import Scenario
from nexus_runtime.processing import to_record
from nexus_runtime.records import Record

from .arrests import arrests_on
from .kafka_local.topics import catalogue_topics, create_topics_async
from .outcomes import Outcomes
from .service_processes import ServiceProcesses
from .simulation import RunResult

__all__ = ["KafkaRunError", "end_offsets", "run_on_kafka", "start_groups_at"]

Progress = Callable[[Outcomes, ServiceProcesses | None], None]


class KafkaRunError(RuntimeError):
    """The run could not finish on Kafka; the message says how far it got."""


def run_on_kafka(scenario: Scenario, scenario_ref: str, overrides: tuple[str, ...], seed: int, days: int,
                 bootstrap: str, *, spawn: bool = True, console: Console | None = None, idle_timeout: float = 120.0,
                 on_progress: Progress | None = None, observers: tuple[Callable[[object], None], ...] = ()) -> RunResult:
    return asyncio.run(_run(scenario, scenario_ref, overrides, seed, days, bootstrap, spawn, console or Console(
        stderr=True), idle_timeout, on_progress, observers))


async def _run(scenario, scenario_ref, overrides, seed, days, bootstrap, spawn, console, idle_timeout, on_progress,
               observers) -> RunResult:
    await create_topics_async(bootstrap)
    topics = [t for spec in TOPICS for t in (spec.name, spec.dlq)]
    start = await end_offsets(bootstrap, topics)
    services = None
    if spawn:
        services = ServiceProcesses(scenario_ref, overrides, seed, bootstrap, f"nexus-run-{uuid.uuid4().hex[:10]}")
        await start_groups_at(bootstrap, services.group_prefix, start)
        services.start_all()
        console.print(f"started 4 service processes (logs in {services.log_dir})")
    began = time.perf_counter()
    try:
        arrests = await _publish_arrests(bootstrap, scenario, seed, days)
        console.print(f"published {arrests:,} arrests; collecting outcomes")
        outcomes = await _collect(bootstrap, start, arrests, idle_timeout, services, on_progress, observers)
    finally:
        if services:
            services.stop_all()
    return RunResult(outcomes, days, time.perf_counter() - began, sum(outcomes.dead_letters.values()))


async def end_offsets(bootstrap: str, topics: list[str]) -> dict[TopicPartition, int]:
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        counts = catalogue_topics()
        partitions = [TopicPartition(t, p) for t in topics for p in range(counts[t])]
        return await consumer.end_offsets(partitions)
    finally:
        await consumer.stop()


async def start_groups_at(bootstrap: str, group_prefix: str, start: dict[TopicPartition, int]) -> None:
    """New consumer groups start where this run starts: older runs' messages are not theirs."""
    from .services import SERVICES, topics_of

    for service in SERVICES:
        mine = {tp: off for tp, off in start.items() if tp.topic in topics_of(service)}
        if not mine:
            continue
        consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=f"{group_prefix}.{service}",
                                    enable_auto_commit=False)
        await consumer.start()
        try:
            consumer.assign(list(mine))
            await consumer.commit(mine)
        finally:
            await consumer.stop()


async def _publish_arrests(bootstrap: str, scenario: Scenario, seed: int, days: int) -> int:
    from datetime import timedelta

    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True, linger_ms=5)
    await producer.start()
    count = 0
    try:
        for day in range(days):
            for arrest in arrests_on(scenario, seed, scenario.start_date + timedelta(days=day)):
                record = to_record(arrest)
                await producer.send(record.topic, record.value, key=record.key,
                                    headers=[(k, v.encode()) for k, v in record.headers.items()])
                count += 1
        await producer.flush()
    finally:
        await producer.stop()
    return count


async def _collect(bootstrap, start, arrests, idle_timeout, services, on_progress, observers) -> Outcomes:
    outcomes = Outcomes()
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, max_poll_records=2000)
    await consumer.start()
    try:
        consumer.assign(list(start))
        for tp, offset in start.items():
            consumer.seek(tp, offset)
        last_new = time.monotonic()
        while not _finished(outcomes, arrests):
            batches = await consumer.getmany(timeout_ms=500)
            for records in batches.values():
                for raw in records:
                    for observe in observers:
                        observe(raw)
                    outcomes.observe(Record(raw.topic, raw.key, raw.value or b"", {}))
                last_new = time.monotonic() if records else last_new
            if services:
                services.check_alive()
            if on_progress:
                on_progress(outcomes, services)
            if time.monotonic() - last_new > idle_timeout:
                raise KafkaRunError(f"no new events for {idle_timeout:.0f} s: {outcomes.counts['JourneyRecorded']:,} "
                                    f"of {arrests:,} journeys recorded, {outcomes.counts['BookingClosed']:,} closed")
    finally:
        await consumer.stop()
    return outcomes


def _finished(outcomes: Outcomes, arrests: int) -> bool:
    return outcomes.counts["JourneyRecorded"] >= arrests and outcomes.counts["BookingClosed"] >= arrests
