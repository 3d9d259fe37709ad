"""One poll's records in, one transaction's worth out: what a service does with a batch.

Records are handled in partition order by the transport-neutral ``Processor``; another run's records,
when the service serves one run, are skipped by their header, undecoded, and cost nothing but the
offset they move past; an event type the service ignores is still checked at the door (a malformed
one is dead-lettered) and costs no commit of its own. The result is the records
to publish — outputs, forwarded markers, dead letters, the ordered stages' snapshots — and the
offsets to commit with them (ARCHITECTURE.md invariant 5).
"""

import base64
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from aiokafka import TopicPartition
from aiokafka.structs import OffsetAndMetadata

from nexus_contracts.wire import BASE64_HEADERS, RUN_HEADER

from .log_setup import message_context
from .metrics import ServiceMetrics
from .processing import Processor
from .records import Inbound, Record
from .stage_store import StageStore
from .tracing import JourneyTracing

__all__ = ["Batch", "BatchHandler", "inbound", "text_headers"]

Highwater = Callable[[str, int], int | None]


@dataclass
class Batch:
    """What one batch publishes and commits, in one transaction."""

    records: list[Record]
    offsets: dict[TopicPartition, OffsetAndMetadata]
    handled: int
    skipped: int


class BatchHandler:
    def __init__(self, processor: Processor, store: StageStore, metrics: ServiceMetrics,
                 tracing: JourneyTracing | None = None, only_run: str = "") -> None:
        self._processor = processor
        self._store = store
        self._metrics = metrics
        self._tracing = tracing
        self._only_run = only_run.encode()

    async def handle(self, raws: Sequence, highwater: Highwater, durable: bool = True) -> Batch:
        """Handle ``raws`` (aiokafka ConsumerRecords, in partition order) into a ``Batch``; ``durable``:
        the partitions' state is kept on the brokers, so read back first what is not yet here."""
        since = time.perf_counter()
        if durable:
            await self._store.resume({(raw.topic, raw.partition) for raw in raws})
        outputs: list[Record] = []
        handled: list[tuple[Inbound, list[Record]]] = []
        next_offset: dict[tuple[str, int], int] = {}
        for raw in raws:
            next_offset[raw.topic, raw.partition] = raw.offset + 1
            if self._skips(raw.headers):
                continue
            received = inbound(raw)
            run = received.headers.get(RUN_HEADER, "")
            ordered = received.topic in self._store.topics
            if ordered and self._store.already_held(received, run):
                continue
            self._metrics.received(received)
            records = self._handle(received)
            handled.append((received, records))
            outputs += records
            if ordered:
                self._store.touched((run, received.topic, received.partition))
        outputs += self._store.snapshots(next_offset)
        self._metrics.batch_handled(handled, since, {where: highwater(*where) for where in next_offset})
        return Batch(outputs, self._store.offsets(next_offset), len(handled), len(raws) - len(handled))

    def _handle(self, received: Inbound) -> list[Record]:
        message_context(topic=received.topic, partition=received.partition, offset=received.offset)
        if self._tracing is None:
            return self._processor.process(received)
        with self._tracing.handling(received) as published:
            return [published(record) for record in self._processor.process(received)]

    def _skips(self, headers: Sequence[tuple[str, bytes]]) -> bool:
        """Another run's record, when this service serves one run. (A record of a type the service ignores
        is still read: it is checked at the door like any other, and a malformed one is dead-lettered.)"""
        return bool(self._only_run) and (RUN_HEADER, self._only_run) not in headers  # as the run collector tells runs


def inbound(raw) -> Inbound:
    """A consumed record as the processor takes it."""
    return Inbound(raw.topic, raw.key, raw.value, text_headers(raw.headers), partition=raw.partition,
                   offset=raw.offset)


def text_headers(pairs) -> dict[str, str]:
    """Kafka headers as text, reversibly: a value that is not UTF-8 is base64-encoded and its name
    listed in the ``BASE64_HEADERS`` header (a dead letter must keep what came in)."""
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
