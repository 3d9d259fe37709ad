"""A continuous feed: a scenario's arrests, day after day, onto any Kafka, paced or not.

Each arrest is sent with its event time as the record timestamp and the feed's name in the
``nexus.run`` header, and acknowledged before the next; each finished day is closed with the
driver's markers. A feed that is stopped or killed resumes where the arrests topic says it got
to: from the day of its latest arrest there, skipping every arrest of that day already sent,
so the topic holds no arrest twice and no gap.
"""

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from nexus_contracts import decode_event
from nexus_contracts.catalogue import ARRESTS
from nexus_contracts.scenario import Scenario
from nexus_contracts.wire import RUN_HEADER
from nexus_runtime.processing import to_record
from nexus_runtime.partitioner import KeyPartitioner
from nexus_runtime.records import Record
from nexus_runtime.settings import KafkaSettings

from ..kafka_local.acls import DRIVER
from ..kafka_local.admin import kafka_settings
from ..kafka_local.credentials import connection

from .arrests import arrests_on, day_start, driver_markers
from .pacing import Schedule

__all__ = ["FeedProgress", "feed", "resume_point"]

CHUNK = 500


@dataclass
class FeedProgress:
    resumed_from: date | None = None
    skipped: int = 0
    sent: int = 0
    days_closed: int = 0
    last_day: date | None = None
    reached: datetime | None = None
    stopped_early: bool = False
    seen: set[bytes] = field(default_factory=set, repr=False)

    def summary(self) -> str:
        resumed = f"resumed on {self.resumed_from} ({self.skipped:,} already sent), " if self.resumed_from else ""
        reached = f"{self.reached:%Y-%m-%d %H:%M}" if self.reached else "no new arrest"
        how = "stopped" if self.stopped_early else "finished"
        return f"feed {how}: {resumed}{self.sent:,} arrests sent, {self.days_closed} days closed, reached {reached}"


async def feed(scenario: Scenario, seed: int, bootstrap: str, name: str, *, until: date | None,
               schedule: Schedule | None, stop: asyncio.Event,
               on_day: Callable[[FeedProgress], None] | None = None) -> FeedProgress:
    """Send the scenario's arrests from its start (or where this feed got to) through ``until``
    (None: until ``stop`` is set)."""
    kafka = connection(bootstrap, DRIVER)
    resume = await resume_point(kafka, name)
    progress = FeedProgress(resumed_from=resume[0] if resume else None, seen=resume[1] if resume else set())
    day = progress.resumed_from or scenario.start_date
    producer = AIOKafkaProducer(**kafka.client_options(), acks="all", enable_idempotence=True,
                                partitioner=KeyPartitioner.of(scenario))
    await producer.start()
    try:
        while not stop.is_set() and (until is None or day <= until):
            if not await _send_day(producer, scenario, seed, day, name, schedule, stop, progress):
                break
            for marker in driver_markers(day_start(day + timedelta(days=1)), name, ARRESTS.partitions):
                await _send(producer, marker, name)
            progress.days_closed, progress.last_day = progress.days_closed + 1, day
            if on_day:
                on_day(progress)
            day += timedelta(days=1)
    finally:
        progress.stopped_early = stop.is_set()
        await producer.stop()
    return progress


async def _send_day(producer, scenario: Scenario, seed: int, day: date, name: str, schedule: Schedule | None,
                    stop: asyncio.Event, progress: FeedProgress) -> bool:
    for arrest in arrests_on(scenario, seed, day):
        if arrest.event_id.bytes in progress.seen:
            progress.skipped += 1
            continue
        if schedule is not None:
            try:  # wait for the arrest's time, or for a stop
                await asyncio.wait_for(stop.wait(), schedule.due_in(arrest.occurred_at))
            except TimeoutError:
                pass
        if stop.is_set():
            return False
        await _send(producer, to_record(arrest), name, int(arrest.occurred_at.timestamp() * 1000))
        progress.sent += 1
        progress.reached = arrest.occurred_at
    return True


async def _send(producer, record: Record, name: str, timestamp_ms: int | None = None) -> None:
    headers = {**record.headers, RUN_HEADER: name}
    await producer.send_and_wait(record.topic, record.value, key=record.key, partition=record.partition,
                                 timestamp_ms=timestamp_ms, headers=[(k, v.encode()) for k, v in headers.items()])


async def resume_point(kafka: KafkaSettings | str, name: str) -> tuple[date, set[bytes]] | None:
    """The day of the feed's latest arrest on the topic and the ids of its arrests sent since that
    day began; None if the feed has sent nothing yet."""
    consumer = AIOKafkaConsumer(**kafka_settings(kafka).client_options(), enable_auto_commit=False)
    await consumer.start()
    try:
        partitions = [TopicPartition(ARRESTS.name, p) for p in range(ARRESTS.partitions)]  # as the catalogue creates it
        latest = [t for tp in partitions if (t := await _latest_of(consumer, tp, name)) is not None]
        if not latest:
            return None
        day = datetime.fromtimestamp(max(latest) / 1000, tz=UTC).date()
        return day, await _sent_since(consumer, partitions, name, int(day_start(day).timestamp() * 1000))
    finally:
        await consumer.stop()


async def _latest_of(consumer: AIOKafkaConsumer, tp: TopicPartition, name: str) -> int | None:
    """The timestamp of the feed's last arrest in one partition, reading back from the end in chunks."""
    consumer.assign([tp])
    end = (await consumer.end_offsets([tp]))[tp]
    begin = (await consumer.beginning_offsets([tp]))[tp]
    while end > begin:
        start = max(begin, end - CHUNK)
        mine = [r.timestamp for r in await _read(consumer, tp, start, end) if _of_feed(r, name)]
        if mine:
            return max(mine)
        end = start
    return None


async def _sent_since(consumer: AIOKafkaConsumer, partitions: list[TopicPartition], name: str,
                      since_ms: int) -> set[bytes]:
    sent = set()
    for tp in partitions:
        consumer.assign([tp])
        start = (await consumer.offsets_for_times({tp: since_ms}))[tp]
        end = (await consumer.end_offsets([tp]))[tp]
        if start is not None:
            sent |= {_event_id(r) for r in await _read(consumer, tp, start.offset, end) if _of_feed(r, name)}
    return sent


async def _read(consumer: AIOKafkaConsumer, tp: TopicPartition, start: int, end: int) -> list:
    consumer.seek(tp, start)
    records = []
    while start < end and (await consumer.position(tp)) < end:
        batch = (await consumer.getmany(tp, timeout_ms=1000)).get(tp, [])
        records += [r for r in batch if r.offset < end]
    return records


def _of_feed(record, name: str) -> bool:
    return (RUN_HEADER, name.encode()) in record.headers and record.value


def _event_id(record) -> bytes:
    return decode_event(record.value).event_id.bytes
