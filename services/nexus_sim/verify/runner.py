"""The Kafka side of `nexus verify`: publish a log's inputs under a fresh run header, then read
what the service writes (and every dead letter of the run) until each input needing a reply is
answered, each end marker forwarded (and, with a reference, each reference output matched), the
first failure, or the timeout."""

import asyncio
import time
import uuid

from aiokafka import AIOKafkaProducer

from nexus_contracts.watermarks import END_OF_TIME, Marker
from nexus_contracts.wire import RUN_HEADER
from nexus_runtime.stages import marker_record

from nexus_runtime.settings import KafkaSettings

from ..kafka_local.acls import REPLAY
from ..kafka_local.credentials import connection
from ..kafka_local.topics import create_topics_async
from ..run.consumer_groups import consumer, end_offsets
from .expectations import Expectations, end_markers_to_send, input_topics
from .model import Output
from .reference import ReferenceCheck
from .tally import Tally

__all__ = ["new_run", "verify_on_kafka"]


def new_run() -> str:
    return f"verify-{uuid.uuid4().hex}"


def verify_on_kafka(exp: Expectations, bootstrap: str, timeout: float,
                    reference: ReferenceCheck | None = None) -> Tally:
    """Run the verification (comparing with ``reference`` if given); the tally holds every finding, the
    first failure last."""
    return asyncio.run(_verify(exp, bootstrap, timeout, reference))


def _watched(exp: Expectations) -> tuple[list[str], set[str]]:
    outputs = [spec.name for spec in exp.outputs]
    dead = [spec.dlq for spec in (*exp.outputs, *input_topics(exp.service))]
    return outputs + dead, set(dead)


async def _verify(exp: Expectations, bootstrap: str, timeout: float, reference: ReferenceCheck | None) -> Tally:
    identity = connection(bootstrap, REPLAY)  # on secured brokers: replay's rights, to write any input topic
    await create_topics_async(identity)
    topics, dead_letter_topics = _watched(exp)
    start = await end_offsets(identity, topics)
    tally = Tally(exp, reference=reference)
    async with consumer(identity, max_poll_records=500) as kafka:
        kafka.assign(list(start))
        for tp, offset in start.items():
            kafka.seek(tp, offset)
        await _publish(exp, identity)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not tally.complete():
            if await _read(kafka, tally, dead_letter_topics):
                return tally
    tally.close(timeout)
    return tally


async def _read(kafka, tally: Tally, dead_letter_topics: set[str]) -> bool:
    """Take what arrived; True at the first failure (fail fast). Once nothing more arrives, what was sent
    before has been read: outputs still waiting for their cause are checked then."""
    batches = await kafka.getmany(timeout_ms=500)
    if not batches:
        return bool(tally.settle())
    for tp, records in batches.items():
        for raw in records:
            out = Output(raw.topic, raw.partition, raw.offset, raw.key,
                         {k: (v or b"").decode("utf-8", "replace") for k, v in raw.headers}, raw.value)
            if tally.ours(out) and tally.take(out, dead_letter=tp.topic in dead_letter_topics):
                return True
    return False


async def _publish(exp: Expectations, kafka: KafkaSettings) -> None:
    """The inputs in log order, then the end-of-time marker of every origin on every input partition."""
    producer = AIOKafkaProducer(**kafka.client_options(), acks="all", enable_idempotence=True, linger_ms=5)
    await producer.start()
    try:
        for topic_name, key, logged_headers, value in exp.inputs:
            headers = {**logged_headers, RUN_HEADER: exp.run}
            await producer.send(topic_name, value, key=key, headers=[(k, v.encode()) for k, v in headers.items()])
        for topic_name, partition, origin in end_markers_to_send(exp.service):
            marker = marker_record(topic_name, partition, Marker(origin, END_OF_TIME), exp.run)
            await producer.send(topic_name, marker.value, partition=partition,
                                headers=[(k, v.encode()) for k, v in marker.headers.items()])
        await producer.flush()
    finally:
        await producer.stop()
