"""The in-memory transport: topics as one FIFO queue, the services' processors as subscribers.

The same ``Processor.process`` runs here as under Kafka; per-key order is kept because
the queue is first-in first-out and each service handles one message at a time. A record
produced in this process carries the Event it was encoded from, so consumers skip decoding
it again (``decode(encode(e)) == e`` is a tested property); foreign or malformed bytes are
decoded, and dead-lettered, exactly as on Kafka.
"""

from collections import defaultdict, deque
from collections.abc import Callable, Iterable

from nexus_contracts.watermarks import WATERMARK_HEADER
from nexus_runtime.processing import Processor
from nexus_runtime.records import Inbound, Record

__all__ = ["MemoryBus"]


class MemoryBus:
    def __init__(self, *, share_events: bool = True) -> None:
        self._share_events = share_events
        self._subscribers: dict[str, list[Processor]] = defaultdict(list)
        self._observers: list[Callable[[Record], None]] = []
        self._queue: deque[Record] = deque()
        self._offsets: dict[str, int] = defaultdict(int)
        self.delivered = 0

    def subscribe(self, topics: Iterable[str], processor: Processor) -> None:
        for topic in topics:
            self._subscribers[topic].append(processor)

    def observe(self, observer: Callable[[Record], None]) -> None:
        """Call ``observer`` with every record published, on every topic (for outcomes and logs)."""
        self._observers.append(observer)

    def publish(self, record: Record) -> None:
        self._queue.append(record if self._share_events else _bytes_only(record))

    def drain(self) -> int:
        """Deliver until no message is left; returns how many were delivered."""
        delivered = 0
        queue, subscribers, observers, offsets = self._queue, self._subscribers, self._observers, self._offsets
        while queue:
            record = queue.popleft()
            offset = offsets[record.topic]
            offsets[record.topic] = offset + 1
            if WATERMARK_HEADER not in record.headers:  # markers are transport metadata: no observer sees them
                for observe in observers:
                    observe(record)
            for processor in subscribers.get(record.topic, ()):
                message = Inbound(record.topic, record.key, record.value, record.headers, record.event, partition=0,
                                  offset=offset)
                produced = processor.process(message)
                queue.extend(produced if self._share_events else map(_bytes_only, produced))
            delivered += 1
        self.delivered += delivered
        return delivered


def _bytes_only(record: Record) -> Record:
    """The record without its in-process Event, so consumers decode the bytes as on Kafka."""
    return Record(record.topic, record.key, record.value, record.headers, partition=record.partition)
