"""Consumer groups and offsets on the brokers: where a run starts, and where a new service joins."""

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from aiokafka import AIOKafkaConsumer, TopicPartition

from nexus_runtime.settings import consumer_group

from ..kafka_local.topics import catalogue_topics
from .wiring import SERVICES, topics_of

__all__ = ["consumer", "end_offsets", "join_at_live_end", "start_groups_at"]


@asynccontextmanager
async def consumer(bootstrap: str, **options) -> AsyncIterator[AIOKafkaConsumer]:
    """A started consumer (no auto-commit, committed records only) that is stopped however the block ends,
    even if it never started."""
    kafka = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False,
                             **{"isolation_level": "read_committed", **options})
    try:
        await kafka.start()
        yield kafka
    finally:
        await kafka.stop()


async def end_offsets(bootstrap: str, topics: list[str]) -> dict[TopicPartition, int]:
    async with consumer(bootstrap) as kafka:
        counts = catalogue_topics()
        partitions = [TopicPartition(t, p) for t in topics for p in range(counts[t])]
        return await kafka.end_offsets(partitions)


async def start_groups_at(bootstrap: str, group_prefix: str, start: dict[TopicPartition, int],
                          services: Sequence[str] | None = None) -> None:
    """New consumer groups start where this run starts: older runs' messages are not theirs."""
    for service in services or SERVICES:
        mine = {tp: off for tp, off in start.items() if tp.topic in topics_of(service)}
        if not mine:
            continue
        async with consumer(bootstrap, group_id=consumer_group(group_prefix, service)) as kafka:
            kafka.assign(list(mine))
            await kafka.commit(mine)


async def join_at_live_end(bootstrap: str, group_prefix: str, services: Sequence[str]) -> list[str]:
    """Start each service's consumer group that has never committed at the current end of its topics,
    so a newly started service joins the live flow instead of re-running history; returns those groups."""
    joined = []
    for service in services:
        group = consumer_group(group_prefix, service)
        ends = await end_offsets(bootstrap, topics_of(service))
        if not await _has_commits(bootstrap, group, list(ends)):
            await start_groups_at(bootstrap, group_prefix, ends, services=(service,))
            joined.append(group)
    return joined


async def _has_commits(bootstrap: str, group: str, partitions: list[TopicPartition]) -> bool:
    async with consumer(bootstrap, group_id=group) as kafka:
        return any([await kafka.committed(tp) is not None for tp in partitions])
