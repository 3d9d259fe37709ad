"""Record from a live Kafka: read the topics from the beginning until they go idle."""

import asyncio
import time
from collections.abc import Callable, Sequence

from nexus_contracts.catalogue import TOPICS

from ..kafka_local.acls import RECORDER
from ..kafka_local.credentials import connection
from .format import LogEntry
from .io import LogWriter

__all__ = ["all_topics", "record_from_kafka"]


def all_topics() -> list[str]:
    """Every catalogue topic and its dead-letter topic."""
    return [name for spec in TOPICS for name in (spec.name, spec.dlq)]


def record_from_kafka(bootstrap: str, topics: Sequence[str], writer: LogWriter, idle_seconds: float,
                      on_batch: Callable[[int], None] | None = None) -> int:
    """Write every record of ``topics`` until none has come for ``idle_seconds``; returns how many.
    On secured brokers, reads as the recorder principal."""
    return asyncio.run(_record(bootstrap, list(topics), writer, idle_seconds, on_batch))


async def _record(bootstrap: str, topics: list[str], writer: LogWriter, idle_seconds: float,
                  on_batch: Callable[[int], None] | None) -> int:
    from aiokafka import AIOKafkaConsumer

    consumer = AIOKafkaConsumer(*topics, **connection(bootstrap, RECORDER).client_options(), group_id=None,
                                enable_auto_commit=False, auto_offset_reset="earliest", isolation_level="read_committed")
    await consumer.start()
    try:
        last_seen = time.monotonic()
        while time.monotonic() - last_seen < idle_seconds:
            batches = await consumer.getmany(timeout_ms=200, max_records=5000)
            for messages in batches.values():
                for m in messages:
                    writer.write_entry(LogEntry.of_consumer_record(m))
                last_seen = time.monotonic()
            if batches and on_batch:
                on_batch(writer.records)
    finally:
        await consumer.stop()
    return writer.records
