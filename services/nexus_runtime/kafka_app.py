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

from nexus_contracts.catalogue import STATEFUL_TOPICS
from nexus_contracts.watermarks import is_marker
from nexus_contracts.wire import BASE64_HEADERS, RUN_HEADER

from .processing import Processor
from .records import Inbound, Record
from .stage_store import StageStore
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


def make_broker(settings: KafkaSettings, client_id: str) -> KafkaBroker:
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
    )


def inbound(message: KafkaMessage) -> Inbound:
    raw = message.raw_message
    return Inbound(raw.topic, raw.key, raw.value or b"", text_headers(raw.headers), partition=raw.partition,
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


def serve(processor: Processor, topics: list[str], settings: KafkaSettings) -> FastStream:
    """A FastStream app consuming ``topics`` with ``processor``, in consumer group <prefix>.<service>.

    Offsets are committed by hand, per message, once its output is acknowledged; on a topic whose
    events the service takes in event-time order, only after a marker's state snapshot is."""
    broker = make_broker(settings, client_id=processor.service)
    log = structlog.get_logger(processor.service)
    stateful = {spec.name for spec in STATEFUL_TOPICS} & set(topics) if processor.stages.ordered else set()
    store = StageStore(broker, settings.bootstrap_servers, processor, stateful)

    @broker.subscriber(*topics, group_id=settings.consumer_group(processor.service),
                       auto_offset_reset=settings.offset_reset, ack_policy=AckPolicy.MANUAL)
    async def on_message(message: KafkaMessage) -> None:
        received = inbound(message)
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

    app = FastStream(broker, logger=log)
    app.after_startup(lambda: log.info("service started", topics=topics))
    return app
