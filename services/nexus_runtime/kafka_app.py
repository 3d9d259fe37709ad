"""Serve one service's processor on Kafka with FastStream: the thin edge.

At-least-once: offsets are committed only after the handler returned and every record it
produced was acknowledged by the brokers (acks=all, idempotent producer). Redeliveries are
absorbed by the processor's dedupe by event id. Malformed messages go to ``<topic>.dlq``.
"""

import asyncio
import base64
import dataclasses
import inspect
import logging

import structlog
from aiokafka import TopicPartition
from faststream import AckPolicy, FastStream
from faststream.kafka import KafkaBroker, KafkaMessage
from faststream.kafka.message import FakeConsumer
from faststream.kafka.prometheus import KafkaPrometheusMiddleware

from nexus_contracts.catalogue import STATEFUL_TOPICS
from nexus_contracts.watermarks import is_marker
from nexus_contracts.wire import BASE64_HEADERS, RUN_HEADER

from .metrics import ServiceMetrics
from .processing import Processor
from .records import Inbound, Record
from .stage_store import StageStore
from .tracing import JourneyTracing
from .settings import KafkaSettings

__all__ = ["make_broker", "serve"]


async def _raw_body(message: KafkaMessage) -> bytes:
    """Leave decoding to the contracts codec, so bad bytes reach the dead-letter path."""
    return message.body


async def _tolerant_parser(record, original_parser):
    """Non-UTF-8 header values would crash FastStream's parser; hex them, keep the record."""
    try:
        return await original_parser(record)
    except UnicodeDecodeError:
        safe = [(k, v if _is_utf8(v) else v.hex().encode()) for k, v in record.headers]
        message = await original_parser(dataclasses.replace(record, headers=safe))
        message.raw_message = record
        return message


def _is_utf8(value: bytes) -> bool:
    try:
        value.decode()
    except UnicodeDecodeError:
        return False
    return True


def make_broker(settings: KafkaSettings, client_id: str, metrics: ServiceMetrics | None = None,
                tracing: JourneyTracing | None = None) -> KafkaBroker:
    middlewares = []
    if metrics is not None:
        middlewares.append(KafkaPrometheusMiddleware(registry=metrics.registry, app_name=client_id))
    if tracing is not None:
        middlewares.extend(tracing.middlewares())
    return KafkaBroker(
        settings.bootstrap_servers.split(","),
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


def inbound(message: KafkaMessage) -> Inbound:
    raw = message.raw_message
    return Inbound(raw.topic, raw.key, raw.value, text_headers(raw.headers), partition=raw.partition,
                   offset=raw.offset)


def text_headers(pairs) -> dict[str, str]:
    """Kafka headers as text, reversibly: a value that is not UTF-8 is base64-encoded and its name
    listed in the ``BASE64_HEADERS`` header (FastStream publishes text headers only, and a dead letter
    must keep what came in)."""
    headers, encoded = {}, []
    for name, value in pairs:
        value = value or b""
        try:
            headers[name] = value.decode()
        except UnicodeDecodeError:
            headers[name] = base64.b64encode(value).decode()
            encoded.append(name)
    if encoded:
        headers[BASE64_HEADERS] = ",".join(encoded)
    return headers


async def publish_all(broker: KafkaBroker, records: list[Record]) -> None:
    """Publish in order, then wait until all are acknowledged."""
    pending = [
        await broker.publish(r.value, topic=r.topic, key=r.key, partition=r.partition, headers=dict(r.headers),
                             no_confirm=True)
        for r in records
    ]
    await asyncio.gather(*(p for p in pending if inspect.isawaitable(p)))  # the test broker confirms at once


async def commit_record(message: KafkaMessage, record: Inbound, offset: int) -> None:
    """Commit ``offset`` for this record's partition alone, never the consumer's other positions:
    another partition may hold events not yet in a state snapshot, or markers not yet forwarded.
    (FastStream's test broker has nothing to commit.)"""
    if not isinstance(message.consumer, FakeConsumer):
        await message.consumer.commit({TopicPartition(record.topic, record.partition): offset})


def highwater(message: KafkaMessage, record: Inbound) -> int | None:
    """The end of the record's partition as the consumer last fetched it (None on the test broker)."""
    if isinstance(message.consumer, FakeConsumer):
        return None
    try:
        return message.consumer.highwater(TopicPartition(record.topic, record.partition))
    except (AssertionError, KeyError):  # the partition was revoked meanwhile
        return None


def serve(processor: Processor, topics: list[str], settings: KafkaSettings,
          metrics: ServiceMetrics | None = None, tracing: JourneyTracing | None = None) -> FastStream:
    """A FastStream app consuming ``topics`` with ``processor``, in consumer group <prefix>.<service>.

    Offsets are committed by hand, per message, once its output is acknowledged; on a topic whose
    events the service takes in event-time order, only after a marker's state snapshot is."""
    metrics = metrics or ServiceMetrics(processor.service, processor.stages)
    broker = make_broker(settings, client_id=processor.service, metrics=metrics, tracing=tracing)
    log = structlog.get_logger(processor.service)
    stateful = {spec.name for spec in STATEFUL_TOPICS} & set(topics) if processor.stages.ordered else set()
    store = StageStore(broker, settings.bootstrap_servers, processor, stateful)

    @broker.subscriber(*topics, group_id=settings.consumer_group(processor.service),
                       auto_offset_reset=settings.offset_reset, ack_policy=AckPolicy.MANUAL)
    async def on_message(message: KafkaMessage) -> None:
        received = inbound(message)
        since = metrics.received(received)
        structlog.contextvars.clear_contextvars()  # nothing of the previous message leaks into this one's logs
        structlog.contextvars.bind_contextvars(topic=received.topic, partition=received.partition,
                                               offset=received.offset)
        run, keeps_state = received.headers.get(RUN_HEADER, ""), received.topic in store.topics
        if keeps_state and await store.already_held(received, run):
            return
        marker = is_marker(received.headers)
        records = processor.process(received)
        try:
            await publish_all(broker, records)
            if keeps_state and marker:
                await store.save(received, run)
        except BaseException:
            processor.forget(received)  # not committed: redelivered, and it must be handled again
            await message.nack()
            raise
        if keeps_state and marker:
            await commit_record(message, received, received.offset + 1)  # the snapshot holds all before it
        elif not keeps_state:
            await commit_record(message, received,
                                processor.stages.committable(received.topic, received.partition, received.offset))
        metrics.handled(received, records, since, highwater(message, received))

    app = FastStream(broker, logger=log)
    app.after_startup(lambda: log.info("service started", topics=topics))
    if tracing is not None:
        app.after_shutdown(tracing.provider.shutdown)  # exports the spans still batched
    return app
