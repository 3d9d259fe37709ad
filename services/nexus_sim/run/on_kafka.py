"""Run a scenario through the services on a real Kafka: publish the arrests, collect every
event from every topic until each journey has concluded, and compute the same digest."""

import asyncio
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from aiokafka import AIOKafkaProducer, TopicPartition
from rich.console import Console

from nexus_contracts.catalogue import ARRESTS, TOPICS
from nexus_contracts.watermarks import END_OF_TIME
from nexus_contracts.scenario import Scenario
from nexus_contracts.wire import RUN_HEADER
from nexus_runtime.partitioner import KeyPartitioner
from nexus_runtime.processing import to_record
from nexus_runtime.records import Record
from nexus_runtime.settings import DEFAULT_GROUP_PREFIX, KafkaSettings

from ..kafka_local.acls import DRIVER
from ..kafka_local.credentials import connection
from ..kafka_local.topics import create_topics_async
from .arrests import arrests_on, day_start, driver_markers
from .collector import KafkaRunError, RunCollector
from .consumer_groups import consumer, end_offsets, start_groups_at
from .outcomes import Outcomes
from .pacing import Schedule, paced
from .result import RunResult
from .service_processes import ServiceProcesses
from .spec import RunSpec
from .wiring import SERVICES

__all__ = ["KafkaRunError", "run_on_kafka", "run_records_on_kafka", "send_inputs"]

Progress = Callable[[Outcomes, ServiceProcesses | None], None]


def run_on_kafka(scenario: Scenario, spec: RunSpec, bootstrap: str, **options) -> RunResult:
    """Drive the arrests of ``spec.days`` of ``scenario`` (loaded from ``spec``) through the services on
    Kafka until every journey concluded."""
    partitions = ARRESTS.partitions
    records = [record for day in range(spec.days) for record in (
        *(to_record(a) for a in arrests_on(scenario, spec.seed, scenario.start_date + timedelta(days=day))),
        *driver_markers(day_start(scenario.start_date + timedelta(days=day + 1)), partitions=partitions))]
    journeys = sum(record.partition is None for record in records)
    return run_records_on_kafka(records, spec, bootstrap, journeys=journeys, **options)


def run_records_on_kafka(records: Sequence[Record], spec: RunSpec, bootstrap: str, *, journeys: int | None,
                         spawn: bool = True, external: Sequence[str] = (), console: Console | None = None,
                         idle_timeout: float = 120.0, settle_seconds: float = 10.0, on_progress: Progress | None = None,
                         observers: tuple[Callable[[object], None], ...] = (), instances: int = 1,
                         speed: float | None = None, principal: str = DRIVER) -> RunResult:
    """Publish ``records`` (in order), then the driver's end-of-time markers, and collect every topic until ``journeys`` journeys have
    concluded, or, when that is not known, until nothing new came for ``settle_seconds``.

    With ``spawn`` the services run as processes for this run, except those named ``external``:
    yours, already running against ``bootstrap`` (e.g. your own adapter of that system); ``instances``
    processes of each in one consumer group; one that dies is restarted (at most ``MAX_RESTARTS`` times, each
    said on ``console``). ``speed`` paces the inputs by their event time (None: as fast as the broker takes
    them); outcomes are collected while they go out. On secured brokers this run connects as ``principal``
    and each service it starts as its own (``kafka_local.credentials.connection``)."""
    unknown = sorted(set(external) - set(SERVICES))
    if unknown:
        raise KafkaRunError(f"unknown service(s) {unknown}; choose from {', '.join(SERVICES)}")
    plan = _Plan(spec, connection(bootstrap, principal),
                 tuple(s for s in SERVICES if s not in external) if spawn else (), console or Console(stderr=True),
                 _Limits(idle_timeout, settle_seconds, _journeys_done(journeys) if journeys is not None else None),
                 on_progress, observers, instances, Schedule(speed) if speed else None)
    return asyncio.run(_run(records, plan))


@dataclass(frozen=True)
class _Limits:
    idle_timeout: float
    settle_seconds: float
    finished: Callable[[Outcomes], bool] | None


@dataclass(frozen=True)
class _Plan:
    spec: RunSpec
    kafka: KafkaSettings
    spawned: tuple[str, ...]
    console: Console
    limits: _Limits
    on_progress: Progress | None
    observers: tuple[Callable[[object], None], ...]
    instances: int = 1
    schedule: Schedule | None = None


async def _run(records: Sequence[Record], plan: _Plan) -> RunResult:
    await create_topics_async(plan.kafka)
    start = await end_offsets(plan.kafka, [t for spec in TOPICS for t in (spec.name, spec.dlq)])
    run = uuid.uuid4().hex  # transport metadata: tells this run's records from any other's on the topics
    services = await _start_services(plan, start, run) if plan.spawned else None
    began = time.perf_counter()
    try:
        partitioner = KeyPartitioner.of(plan.spec.load_scenario())
        publishing = asyncio.create_task(_publish(plan.kafka, records, run, plan.schedule, plan.console, partitioner))
        outcomes = await _collect(plan.kafka, start, run, plan.limits, services, plan.console,
                                  _with_pace(plan.on_progress, plan.schedule, plan.console), plan.observers,
                                  busy=lambda: not publishing.done())
        await publishing
    finally:
        if services:
            services.stop_all()
    return RunResult(outcomes, time.perf_counter() - began, len(records))


async def _start_services(plan: _Plan, start: dict[TopicPartition, int], run: str) -> ServiceProcesses:
    """This run's own services: they skip any other run's records on the topics, unread."""
    services = ServiceProcesses(plan.spec, plan.kafka.bootstrap_servers, DEFAULT_GROUP_PREFIX, plan.instances,
                                group_run=f"run-{uuid.uuid4().hex[:10]}", only_run=run)
    await start_groups_at(plan.kafka, services.group_prefix, start, services=plan.spawned, run=services.group_run)
    for name in plan.spawned:
        services.start(name)
    plan.console.print(f"started {', '.join(plan.spawned)} as processes (logs in {services.log_dir})")
    return services


def _with_pace(on_progress: Progress | None, schedule: Schedule | None, console: Console) -> Progress | None:
    """``on_progress``, plus a status line every 5 s of a paced run."""
    if schedule is None:
        return on_progress
    last = [time.monotonic()]

    def progress(outcomes: Outcomes, services) -> None:
        if time.monotonic() - last[0] >= 5:
            last[0] = time.monotonic()
            console.print(schedule.status(outcomes.events), highlight=False)
        if on_progress:
            on_progress(outcomes, services)

    return progress


async def _publish(kafka: KafkaSettings, records: Sequence[Record], run: str, schedule: Schedule | None,
                   console: Console, partitioner: KeyPartitioner) -> None:
    producer = AIOKafkaProducer(**kafka.client_options(), acks="all", enable_idempotence=True, linger_ms=5,
                                partitioner=partitioner)
    await producer.start()
    try:
        await send_inputs(producer, records, run, schedule)
        console.print(f"published {sum(r.partition is None for r in records):,} input records; collecting outcomes")
    finally:
        await producer.stop()


async def send_inputs(producer: AIOKafkaProducer, records: Sequence[Record], run: str,
                      schedule: Schedule | None = None, to_topic: str | None = None) -> float:
    """Send a run's inputs, then the driver's end-of-time markers, marked with ``run``, without waiting
    for each (the producer batches them), then wait for all; the seconds it took. ``to_topic``: all of
    them there instead (the benchmark's scratch topic)."""
    began = time.perf_counter()
    run_header = (RUN_HEADER, run.encode())
    async for record in paced((*records, *driver_markers(END_OF_TIME, partitions=ARRESTS.partitions)), schedule):
        headers = [(k, v.encode()) for k, v in record.headers.items() if k != RUN_HEADER]
        headers.append(run_header)
        await producer.send(to_topic or record.topic, record.value, key=record.key, partition=record.partition,
                            headers=headers)
    await producer.flush()
    return time.perf_counter() - began


async def _collect(connection: KafkaSettings, start, run: str, limits: _Limits, services, console: Console,
                   on_progress, observers, busy: Callable[[], bool] = lambda: False) -> Outcomes:
    """Collect until finished, restarting a service that died; a stall counts only once nothing is
    ``busy`` (the inputs all sent)."""
    collector = RunCollector(run, observers)
    async with consumer(connection, max_poll_records=2000) as kafka:
        kafka.assign(list(start))
        for tp, offset in start.items():
            kafka.seek(tp, offset)
        last_new = time.monotonic()
        while not _finished(collector.outcomes, limits, time.monotonic() - last_new):
            for records in (await kafka.getmany(timeout_ms=500)).values():
                for raw in records:
                    collector.take(raw)
                last_new = time.monotonic() if records else last_new
            last_new = time.monotonic() if busy() else last_new
            for line in services.supervise() if services else ():
                console.print(line, highlight=False, markup=False)
            if on_progress:
                on_progress(collector.outcomes, services)
            if limits.finished and time.monotonic() - last_new > limits.idle_timeout:
                raise collector.stalled(limits.idle_timeout)
        await _read_to_the_end(kafka, collector)
    return collector.outcomes


async def _read_to_the_end(kafka, collector: RunCollector) -> None:
    """Read every partition up to its end as it is now: what came before the last journey's closure
    is already there, though a partition on another broker may not have been fetched yet."""
    ends = await kafka.end_offsets(list(kafka.assignment()))
    while any([await kafka.position(tp) < end for tp, end in ends.items()]):
        for records in (await kafka.getmany(timeout_ms=500)).values():
            for raw in records:
                collector.take(raw)


def _journeys_done(journeys: int) -> Callable[[Outcomes], bool]:
    def finished(outcomes: Outcomes) -> bool:
        """Every journey recorded and closed, and what the records say was sent beside them (referrals,
        decisions, non-attendance: other topics, so they may be read after the record) arrived too."""
        counts = outcomes.counts
        return (counts["JourneyRecorded"] >= journeys and counts["BookingClosed"] >= journeys
                and all(counts[kind] >= sent for kind, sent in outcomes.promised.items()))

    return finished


def _finished(outcomes: Outcomes, limits: _Limits, quiet_for: float) -> bool:
    if limits.finished is not None:
        return limits.finished(outcomes)
    return quiet_for >= limits.settle_seconds
