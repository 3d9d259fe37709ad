"""Consumer groups and offsets on the brokers: where a run starts, and where a new service joins."""

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from aiokafka import AIOKafkaConsumer, TopicPartition

from nexus_runtime.settings import KafkaSettings, consumer_group

from ..kafka_local.admin import kafka_settings
from ..kafka_local.topics import catalogue_topics
from .wiring import SERVICES, topics_of

__all__ = ["consumer", "end_offsets", "join_at_live_end", "start_groups_at"]


@asynccontextmanager
async def consumer(connection: KafkaSettings | str, **options) -> AsyncIterator[AIOKafkaConsumer]:
    """A started consumer (no auto-commit, committed records only) that is stopped however the block ends,
    even if it never started."""
    kafka = AIOKafkaConsumer(**kafka_settings(connection).client_options(), enable_auto_commit=False,
                             **{"isolation_level": "read_committed", **options})
    try:
        await kafka.start()
        yield kafka
    finally:
        await kafka.stop()


async def end_offsets(connection: KafkaSettings | str, topics: list[str]) -> dict[TopicPartition, int]:
    """The end of every partition of ``topics`` (committed records only)."""
    async with consumer(connection) as kafka:
        counts = catalogue_topics()
        partitions = [TopicPartition(t, p) for t in topics for p in range(counts[t])]
        kafka.assign(partitions)  # one metadata request for every topic: aiokafka alone asks a topic at a
        return await kafka.end_offsets(partitions)  # time, 100 ms apart (2 s for the catalogue's)


async def start_groups_at(connection: KafkaSettings | str, group_prefix: str, start: dict[TopicPartition, int],
                          services: Sequence[str] | None = None, run: str = "") -> None:
    """New consumer groups (``<prefix>.<service>[.<run>]``) start where this run starts: older runs'
    messages are not theirs."""
    for service in services or SERVICES:
        mine = {tp: off for tp, off in start.items() if tp.topic in topics_of(service)}
        if not mine:
            continue
        async with consumer(connection, group_id=consumer_group(group_prefix, service, run)) as kafka:
            kafka.assign(list(mine))
            await kafka.commit(mine)


async def join_at_live_end(connection: KafkaSettings | str, group_prefix: str, services: Sequence[str]) -> list[str]:
    """Start each service's consumer group that has never committed at the current end of its topics,
    so a newly started service joins the live flow instead of re-running history; returns those groups."""
    joined = []
    for service in services:
        group = consumer_group(group_prefix, service)
        ends = await end_offsets(connection, topics_of(service))
        if not await _has_commits(connection, group, list(ends)):
            await start_groups_at(connection, group_prefix, ends, services=(service,))
            joined.append(group)
    return joined


async def _has_commits(connection: KafkaSettings | str, group: str, partitions: list[TopicPartition]) -> bool:
    async with consumer(connection, group_id=group) as kafka:
        return any([await kafka.committed(tp) is not None for tp in partitions])
