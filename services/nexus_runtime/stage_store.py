"""Ordered stages' state in Kafka: a snapshot per (run, topic, partition) in a compacted changelog.

A service that takes events in event-time order (ARCHITECTURE.md invariant 3) holds state per
partition of its ordered topic: the watermark, the events held, the pools. After each marker it
writes a snapshot, with the offset after that marker, to ``<topic>.state`` (same partition),
waits for the brokers' acknowledgement, and only then commits the ordered topic's offset. So a
SIGKILL or a rebalance loses nothing: the next owner of the partition reads the last snapshot
and resumes from the committed offset, skipping what the snapshot already holds.
"""

import json
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from faststream.kafka import KafkaBroker

from nexus_contracts.catalogue import state_topic

from .processing import Processor
from .records import Inbound
from .settings import KafkaSettings

__all__ = ["StageStore"]


class StageStore:
    def __init__(self, broker: KafkaBroker, kafka: KafkaSettings, processor: Processor, topics: set[str]) -> None:
        self._broker = broker
        self._kafka = kafka
        self._processor = processor
        self.topics = topics
        self._resume_at: dict[tuple[str, str, int], int] = {}
        self._last_offset: dict[tuple[str, int], int] = {}

    async def already_held(self, message: Inbound, run: str) -> bool:
        """Whether ``message`` is older than the snapshot restored for its partition (restoring it
        on first sight): then its effect is already in the state. An offset that does not follow the
        last one means the partition was away (a rebalance) or rewound: its state is read again."""
        where = (message.topic, message.partition)
        if self._last_offset.get(where, message.offset - 1) != message.offset - 1:
            self._processor.stages.drop(*where)
            self._resume_at = {key: at for key, at in self._resume_at.items() if key[1:] != where}
        self._last_offset[where] = message.offset
        key = (run, message.topic, message.partition)
        if key not in self._resume_at:
            snapshot = await self._load(key)
            self._resume_at[key] = snapshot["next_offset"] if snapshot else 0
            if snapshot:
                self._processor.stages.restore(*key, snapshot["stage"])
        return message.offset < self._resume_at[key]

    async def save(self, message: Inbound, run: str) -> None:
        key = (run, message.topic, message.partition)
        snapshot = {"stage": self._processor.stages.snapshot(*key), "next_offset": message.offset + 1}
        await self._broker.publish(json.dumps(snapshot).encode(), topic=state_topic(message.topic),
                                   partition=message.partition, key=_key(key))

    async def _load(self, key: tuple[str, str, int]) -> dict[str, Any] | None:
        changelog = TopicPartition(state_topic(key[1]), key[2])
        consumer = AIOKafkaConsumer(**self._kafka.client_options(), enable_auto_commit=False,
                                    auto_offset_reset="earliest")  # no group, no committed offset: from the start
        await consumer.start()
        try:
            consumer.assign([changelog])
            end = (await consumer.end_offsets([changelog]))[changelog]
            found = None
            while await consumer.position(changelog) < end:
                for records in (await consumer.getmany(changelog, timeout_ms=1000)).values():
                    found = next((r.value for r in reversed(records) if r.key == _key(key)), found)
            return json.loads(found) if found else None
        finally:
            await consumer.stop()


def _key(key: tuple[str, str, int]) -> bytes:
    return "|".join(map(str, key)).encode()
