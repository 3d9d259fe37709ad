"""A service's per-partition stages, kept in Kafka inside each batch's transaction.

Two kinds of state live per input partition (ARCHITECTURE.md invariant 3):

- on a topic the service takes in event-time order (the check queue), the whole stage — watermark,
  events held, pools — as a snapshot per (run, topic, partition) a batch touched, as it stands after
  the batch, into the compacted changelog ``<topic>.state`` (same partition, zlib-compressed JSON: a
  day's held checks would pass the brokers' 1 MiB as plain JSON), written in the batch's transaction
  with the offsets;
- on every other topic, only the partition's clock (how far each origin's markers have come),
  small enough to travel as the metadata of the committed offset itself, as Kafka Streams keeps
  its partition time.

Either way state and offset commit together or not at all, so a SIGKILL or a rebalance neither
loses a marker nor hands an event to the handler twice. A partition's state is read back the
first time it is seen after it was assigned, or after the consumer rewound to its committed offset.
"""

import json
import zlib
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.structs import OffsetAndMetadata

import structlog

from nexus_contracts.catalogue import state_topic
from nexus_contracts.watermarks import END_OF_TIME

from .processing import Processor
from .records import Inbound, Record
from .retrying import retried
from .settings import KafkaSettings

__all__ = ["METADATA_LIMIT", "StageStore"]

METADATA_LIMIT = 4000
"""Bytes of offset metadata the brokers keep by default (offset.metadata.max.bytes is 4096)."""

RESUME_PATIENCE_S = 60.0
"""How long a partition's state is waited for while brokers fail over."""

log = structlog.get_logger("nexus.stage_store")


class StageStore:
    """Restores, snapshots and commits the stages of ``processor`` for the partitions it consumes."""

    def __init__(self, processor: Processor, kafka: KafkaSettings, group: str, stateful: set[str]) -> None:
        self._processor = processor
        self._kafka = kafka
        self._group = group
        self._only_run = kafka.only_run
        self.topics = stateful
        self._resumed: set[tuple[str, int]] = set()
        self._resume_at: dict[tuple[str, str, int], int] = {}
        self._dirty: set[tuple[str, str, int]] = set()

    async def resume(self, partitions: set[tuple[str, int]]) -> None:
        """Read back the state of the partitions not seen since they were assigned (or rewound)."""
        fresh = partitions - self._resumed
        if not fresh:
            return
        ordered = [where for where in fresh if where[0] in self.topics]
        unordered = [where for where in fresh if where[0] not in self.topics]
        for where in ordered:
            for key, snapshot in (await self._changelog(where)).items():
                self._resume_at[key] = snapshot["next_offset"]
                self._processor.stages.restore(*key, snapshot["stage"])
        if unordered:
            for (topic_name, partition), metadata in (await self._committed_metadata(unordered)).items():
                if metadata:
                    self._processor.stages.restore_clocks(topic_name, partition, json.loads(metadata))
        self._resumed |= fresh

    def forget(self, partitions: set[tuple[str, int]]) -> None:
        """Drop the stages of partitions this instance no longer owns, or will read again."""
        for where in partitions:
            self._processor.stages.drop(*where)
            self._resumed.discard(where)
            self._resume_at = {key: at for key, at in self._resume_at.items() if key[1:] != where}
            self._dirty = {key for key in self._dirty if key[1:] != where}

    def already_held(self, message: Inbound, run: str) -> bool:
        """Whether an event of an ordered topic is older than its run's restored snapshot (its effect is in
        the state already: the offset committed with a later batch of another run)."""
        return (message.offset or 0) < self._resume_at.get((run, message.topic, message.partition), 0)

    def touched(self, key: tuple[str, str, int]) -> None:
        """An event or a marker of an ordered topic was taken in: the stage goes into this batch's snapshot."""
        self._dirty.add(key)

    def snapshots(self, next_offset: dict[tuple[str, int], int]) -> list[Record]:
        """The changelog records of the batch: each touched stage as it stands after the batch
        (zlib-compressed JSON), to resume at the offset after the batch."""
        records = []
        for key in sorted(self._dirty):
            at = next_offset[key[1], key[2]]
            self._resume_at[key] = at
            value = {"stage": self._processor.stages.snapshot(*key), "next_offset": at}
            records.append(Record(state_topic(key[1]), _key(key), zlib.compress(json.dumps(value).encode()),
                                  partition=key[2]))
        self._dirty.clear()
        return records

    def offsets(self, next_offset: dict[tuple[str, int], int]) -> dict[TopicPartition, OffsetAndMetadata]:
        """What a batch commits: the offset after it on every partition, and on unordered topics the clocks.
        Clocks too large for offset metadata (many runs at once) are left out, and the offset is held before
        the first marker they still need instead, as at-least-once (the dedupe absorbs the replays)."""
        offsets = {}
        for (topic_name, partition), at in next_offset.items():
            metadata = "" if topic_name in self.topics else json.dumps(
                self._processor.stages.clocks(topic_name, partition), separators=(",", ":"))
            if len(metadata) > METADATA_LIMIT:
                log.warning("clocks too large for offset metadata; committing before pending markers",
                            topic=topic_name, partition=partition, size=len(metadata))
                metadata, at = "", self._processor.stages.committable(topic_name, partition, at - 1)
            offsets[TopicPartition(topic_name, partition)] = OffsetAndMetadata(at, metadata)
        return offsets

    async def _changelog(self, where: tuple[str, int]) -> dict[tuple[str, str, int], dict[str, Any]]:
        """The last snapshot of every run on one partition of an ordered topic."""
        changelog = TopicPartition(state_topic(where[0]), where[1])
        consumer = AIOKafkaConsumer(**self._kafka.client_options(), enable_auto_commit=False,
                                    auto_offset_reset="earliest", isolation_level="read_committed")
        await consumer.start()
        try:
            consumer.assign([changelog])
            end = (await consumer.end_offsets([changelog]))[changelog]
            found: dict[bytes, bytes] = {}
            while await consumer.position(changelog) < end:
                for records in (await consumer.getmany(changelog, timeout_ms=1000)).values():
                    found.update((r.key, r.value) for r in records if r.key and r.value)
        finally:
            await consumer.stop()
        snapshots = {}
        for key, value in found.items():
            run = _unkey(key)
            if self._only_run and run[0] != self._only_run:
                continue
            try:
                snapshots[run] = json.loads(zlib.decompress(value))
            except (zlib.error, ValueError) as exc:  # not a snapshot this version wrote: that run starts afresh
                log.warning("unreadable stage snapshot skipped", key=key.decode(errors="replace"), error=str(exc))
        return {run: snapshot for run, snapshot in snapshots.items() if not _finished(snapshot)}

    async def _committed_metadata(self, partitions: list[tuple[str, int]]) -> dict[tuple[str, int], str]:
        """The group's committed offsets' metadata; while a broker is lost the group's coordinator may be
        moving, so this retries (backing off) for up to ``RESUME_PATIENCE_S`` before giving up."""
        return await retried(lambda: self._fetch_metadata(partitions), RESUME_PATIENCE_S)

    async def _fetch_metadata(self, partitions: list[tuple[str, int]]) -> dict[tuple[str, int], str]:
        admin = AIOKafkaAdminClient(**self._kafka.client_options())
        await admin.start()
        try:
            committed = await admin.list_consumer_group_offsets(
                self._group, partitions=[TopicPartition(*where) for where in partitions])
        finally:
            await admin.close()
        return {(tp.topic, tp.partition): meta.metadata for tp, meta in committed.items() if meta.offset >= 0}


def _finished(snapshot: dict[str, Any]) -> bool:
    """A run whose every origin passed the end of time: nothing of it can still come."""
    clock = snapshot["stage"]["clock"]
    return bool(clock) and all(at == END_OF_TIME.isoformat() for at in clock.values())


def _key(key: tuple[str, str, int]) -> bytes:
    return "|".join(map(str, key)).encode()


def _unkey(raw: bytes) -> tuple[str, str, int]:
    run, topic_name, partition = raw.decode().rsplit("|", 2)
    return run, topic_name, int(partition)
