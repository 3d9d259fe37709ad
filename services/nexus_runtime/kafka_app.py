"""Serve one service's processor on Kafka with FastStream: the thin edge.

Exactly once, the Kafka way (ARCHITECTURE.md invariant 5): the service takes what one poll
returns as a batch (``batches.BatchHandler``) and publishes the batch's records, its ordered
stages' snapshots and its input offsets in one transaction of its own transactional producer;
consumers read ``read_committed``. A crash leaves either the whole batch on the wire and committed,
or none of it. A failed transaction rewinds the consumer to its committed offsets and the
processor's state to what was committed with them. Malformed messages go to ``<topic>.dlq``.
"""

import asyncio
import dataclasses
import inspect
import logging
import os
import signal

import structlog
from aiokafka import AIOKafkaProducer, ConsumerRebalanceListener, TopicPartition
from aiokafka.errors import IllegalStateError, ProducerFenced
from aiokafka.structs import OffsetAndMetadata
from faststream import AckPolicy, FastStream
from faststream.kafka import KafkaBroker, KafkaMessage
from faststream.kafka.message import FakeConsumer
from faststream.kafka.prometheus import KafkaPrometheusMiddleware

from nexus_contracts.catalogue import STATEFUL_TOPICS

from .batches import Batch, BatchHandler, inbound, text_headers
from .metrics import ServiceMetrics
from .partitioner import KeyPartitioner
from .processing import Processor
from .records import Record
from .retrying import retried
from .stage_store import StageStore
from .settings import KafkaSettings
from .tracing import JourneyTracing

__all__ = ["inbound", "make_broker", "serve", "text_headers"]

POLL_WAIT_MS = 5
"""How long an idle poll waits (FastStream sleeps as long again after an empty one): a hop's added latency."""


RETRY_BACKOFF_MS = 5
"""How soon the transactional producer asks again after a retriable error. Mostly that is the
coordinator saying the last transaction is still completing: aiokafka's 100 ms default was added to
every batch that commits only offsets. It also paces the producer's metadata and coordinator lookups
while a broker is down (a request each 5 ms per service, on a local connection)."""
PRODUCE_BATCH_BYTES = 512 * 1024
"""How many bytes the producer gathers per partition before a send must wait for the partition's
previous batch to go. A transaction sends all its records at once, and with aiokafka's 16 KiB every
few sends waited for a round trip. Below the broker's 1 MiB; a larger record goes in a batch of its own."""


async def _raw_body(message: KafkaMessage):
    """Leave decoding to the contracts codec, so bad bytes reach the dead-letter path."""
    return message.body


async def _tolerant_parser(records, original_parser):
    """Non-UTF-8 header values would crash FastStream's parser (and with it a whole batch): it parses
    copies with those values hexed; the handler reads the records as they came."""
    try:
        return await original_parser(records)
    except UnicodeDecodeError:
        batch = records if isinstance(records, tuple) else (records,)
        safe = tuple(dataclasses.replace(r, headers=[(k, v if _is_utf8(v) else v.hex().encode()) for k, v in r.headers])
                     for r in batch)
        message = await original_parser(safe if isinstance(records, tuple) else safe[0])
        message.raw_message = records
        return message


def _is_utf8(value: bytes | None) -> bool:
    try:
        (value or b"").decode()
    except UnicodeDecodeError:
        return False
    return True


def make_broker(settings: KafkaSettings, client_id: str, metrics: ServiceMetrics | None = None) -> KafkaBroker:
    middlewares = []
    if metrics is not None:
        middlewares.append(KafkaPrometheusMiddleware(registry=metrics.registry, app_name=client_id))
    return KafkaBroker(
        settings.bootstrap_servers.split(","),
        security=settings.security(),
        client_id=client_id,
        acks="all",
        enable_idempotence=True,
        decoder=_raw_body,
        parser=_tolerant_parser,
        logger=structlog.get_logger("faststream"),
        log_level=logging.DEBUG,
        graceful_timeout=15.0,
        middlewares=middlewares,
    )


class Transactions:
    """The instance's transactional producer (transactional id ``<group>.<instance>``, stable across
    restarts, so a restarted instance fences the one it replaces and aborts its open transaction)."""

    def __init__(self, settings: KafkaSettings, service: str, partitioner: KeyPartitioner | None = None) -> None:
        self._settings = settings
        self._partitioner = partitioner
        self._group = settings.consumer_group(service)
        self._id = settings.transactional_id(service)
        self._producer: AIOKafkaProducer | None = None

    async def commit(self, batch: Batch) -> None:
        if not batch.records and not batch.offsets:
            return
        producer = await self._started()
        async with producer.transaction():
            for r in batch.records:  # a keyless null cannot be sent: it goes as an empty value
                await producer.send(r.topic, r.value if r.value is not None or r.key is not None else b"", key=r.key,
                                    partition=r.partition, headers=[(k, v.encode()) for k, v in r.headers.items()])
            await producer.send_offsets_to_transaction(batch.offsets, self._group)

    async def _started(self) -> AIOKafkaProducer:
        if self._producer is None:
            producer = AIOKafkaProducer(acks="all", enable_idempotence=True, transactional_id=self._id, linger_ms=2,
                                        retry_backoff_ms=RETRY_BACKOFF_MS, max_batch_size=PRODUCE_BATCH_BYTES,
                                        transaction_timeout_ms=self._settings.transaction_timeout_ms,
                                        **({"partitioner": self._partitioner} if self._partitioner else {}),
                                        **self._settings.client_options())
            await producer.start()
            self._producer = producer
        return self._producer

    async def close(self) -> None:
        producer, self._producer = self._producer, None
        if producer is not None:
            await producer.stop()


class _Rebalance(ConsumerRebalanceListener):
    """A partition handed to another instance is let go only between batches, and its stages forgotten."""

    def __init__(self, lock: asyncio.Lock, store: StageStore) -> None:
        self._lock = lock
        self._store = store

    async def on_partitions_revoked(self, revoked) -> None:
        async with self._lock:
            self._store.forget({(tp.topic, tp.partition) for tp in revoked})

    async def on_partitions_assigned(self, assigned) -> None:
        """Nothing yet: a partition's state is read back when its first records come."""


async def publish_all(broker: KafkaBroker, records: list[Record]) -> None:
    """Publish in order, then wait until all are acknowledged (the in-memory test broker's path)."""
    pending = [
        await broker.publish(r.value, topic=r.topic, key=r.key, partition=r.partition, headers=dict(r.headers),
                             no_confirm=True)
        for r in records
    ]
    await asyncio.gather(*(p for p in pending if inspect.isawaitable(p)))  # the test broker confirms at once


def serve(processor: Processor, topics: list[str], settings: KafkaSettings,
          metrics: ServiceMetrics | None = None, tracing: JourneyTracing | None = None,
          partitioner: KeyPartitioner | None = None) -> FastStream:
    """A FastStream app consuming ``topics`` with ``processor`` in batches, in consumer group
    <prefix>.<service>, each batch one transaction; ``partitioner`` places the keys it publishes."""
    metrics = metrics or ServiceMetrics(processor.service, processor.stages)
    broker = make_broker(settings, client_id=processor.service, metrics=metrics)
    log = structlog.get_logger(processor.service)
    group = settings.consumer_group(processor.service)
    stateful = {spec.name for spec in STATEFUL_TOPICS} & set(topics) if processor.stages.ordered else set()
    store = StageStore(processor, settings, group, stateful)
    batches = BatchHandler(processor, store, metrics, tracing, settings.only_run)
    transactions = Transactions(settings, processor.service, partitioner)
    lock = asyncio.Lock()
    failures: list[int] = []

    @broker.subscriber(*topics, group_id=group, auto_offset_reset=settings.offset_reset,
                       ack_policy=AckPolicy.MANUAL, batch=True, max_records=settings.max_batch,
                       batch_timeout_ms=POLL_WAIT_MS, isolation_level="read_committed",
                       listener=_Rebalance(lock, store))
    async def on_batch(message: KafkaMessage) -> None:
        consumer = message.consumer
        async with lock:
            if isinstance(consumer, FakeConsumer):  # FastStream's in-memory test broker: no transactions
                batch = await batches.handle(message.raw_message, lambda topic, partition: None, durable=False)
                await publish_all(broker, batch.records)
                return
            try:
                batch = await batches.handle(message.raw_message,
                                             lambda topic, partition: _highwater(consumer, topic, partition))
                await _past_transaction_markers(consumer, batch)
                await transactions.commit(batch)
                failures.clear()
            except ProducerFenced:
                log.error("another instance took this one's transactional id; stopping",
                          id=settings.transactional_id(processor.service))
                os.kill(os.getpid(), signal.SIGTERM)
            except Exception:
                failures.append(1)
                log.exception("batch failed; rewinding to the committed offsets", attempt=len(failures))
                await transactions.close()
                await _rewind(consumer, store, processor)
                await asyncio.sleep(min(0.05 * 2 ** len(failures), 5.0))  # back off while it keeps failing

    app = FastStream(broker, logger=log)
    app.after_startup(lambda: log.info("service started", topics=topics, group=group,
                                       transactional_id=settings.transactional_id(processor.service)))
    app.after_shutdown(transactions.close)
    if tracing is not None:
        app.after_shutdown(tracing.provider.shutdown)  # exports the spans still batched
    return app


async def _rewind(consumer, store: StageStore, processor: Processor) -> None:
    """Back to what is committed: the consumer to its committed offsets, the stages to be read back."""
    partitions = consumer.assignment()
    store.forget({(tp.topic, tp.partition) for tp in partitions})
    processor.rewound()

    async def seek() -> None:
        if partitions := consumer.assignment():  # what is assigned now: a rebalance may come meanwhile
            await consumer.seek_to_committed(*partitions)

    await retried(seek)


async def _past_transaction_markers(consumer, batch: Batch) -> None:
    """Commit where the consumer stands when that is further than the batch's last record: the records
    between are transaction markers (each committed transaction leaves one), never data. Otherwise a
    group would look one record behind forever."""
    for tp, committed in list(batch.offsets.items()):
        try:
            position = await consumer.position(tp)
        except (AssertionError, KeyError, IllegalStateError):  # revoked meanwhile
            continue
        if position > committed.offset:
            batch.offsets[tp] = OffsetAndMetadata(position, committed.metadata)


def _highwater(consumer, topic: str, partition: int) -> int | None:
    """The end of a partition as the consumer last fetched it."""
    try:
        return consumer.highwater(TopicPartition(topic, partition))
    except (AssertionError, KeyError):  # the partition was revoked meanwhile
        return None
