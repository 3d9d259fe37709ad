"""Record what the in-memory bus publishes: an observer turning Records into log entries.

Offsets count per topic in publication order (as the bus numbers them, one partition);
the timestamp is the event's ``occurred_at`` — simulated time, never the wall clock — so
identical runs write byte-identical logs. A value that is not an event (a dead letter of
garbage) takes the timestamp of the record before it.
"""

import json
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from nexus_runtime.records import Record

from .format import LogEntry

if TYPE_CHECKING:
    from .io import LogWriter

__all__ = ["KafkaRecorder", "MemoryRecorder", "event_time_ms"]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class MemoryRecorder:
    def __init__(self, sink: Callable[[LogEntry], None]) -> None:
        self._sink = sink
        self._offsets: dict[str, int] = defaultdict(int)
        self._last_ms: int | None = None

    def __call__(self, record: Record) -> None:
        offset = self._offsets[record.topic]
        self._offsets[record.topic] = offset + 1
        event = getattr(record, "event", None)  # set when the event was built in this process
        self._last_ms = _ms(event.occurred_at) if event is not None else event_time_ms(record.value, self._last_ms)
        self._sink(LogEntry.of(record.topic, 0, offset, record.key, record.headers, self._last_ms, record.value))


class KafkaRecorder:
    """Records what a Kafka consumer sees (aiokafka ConsumerRecords), as the broker holds it."""

    def __init__(self, writer: "LogWriter") -> None:
        self._writer = writer

    def __call__(self, raw: Any) -> None:
        self._writer.write_entry(LogEntry.of_consumer_record(raw))


def event_time_ms(value: bytes | None, default: int | None) -> int | None:
    """Milliseconds since the epoch of the event's ``occurred_at``, or ``default`` if it has none."""
    try:
        return _ms(datetime.fromisoformat(json.loads(value or b"")["occurred_at"]))
    except (ValueError, KeyError, TypeError):
        return default


def _ms(at: datetime) -> int:
    return (at - _EPOCH) // timedelta(milliseconds=1)
