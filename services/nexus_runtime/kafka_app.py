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
from faststream import AckPolicy, FastStream
from faststream.kafka import KafkaBroker, KafkaMessage

from nexus_contracts.wire import BASE64_HEADERS

from .processing import Processor
from .records import Inbound, Record
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
        await broker.publish(r.value, topic=r.topic, key=r.key, headers=dict(r.headers), no_confirm=True)
        for r in records
    ]
    await asyncio.gather(*(p for p in pending if inspect.isawaitable(p)))  # the test broker confirms at once


def serve(processor: Processor, topics: list[str], settings: KafkaSettings) -> FastStream:
    """A FastStream app consuming ``topics`` with ``processor``, in consumer group <prefix>.<service>."""
    broker = make_broker(settings, client_id=processor.service)
    log = structlog.get_logger(processor.service)

    @broker.subscriber(*topics, group_id=settings.consumer_group(processor.service),
                       auto_offset_reset=settings.offset_reset, ack_policy=AckPolicy.NACK_ON_ERROR)
    async def on_message(message: KafkaMessage) -> None:
        received = inbound(message)
        structlog.contextvars.clear_contextvars()  # nothing of the previous message leaks into this one's logs
        structlog.contextvars.bind_contextvars(topic=received.topic, partition=received.partition,
                                               offset=received.offset)
        records = processor.process(received)
        try:
            await publish_all(broker, records)
        except BaseException:
            processor.forget(received)  # not committed: FastStream redelivers it, and it must be handled again
            raise

    app = FastStream(broker, logger=log)
    app.after_startup(lambda: log.info("service started", topics=topics))
    return app
