"""Event-time order on any transport: low watermarks per input partition, and a queue that
releases held events in (time, event id) order once no earlier one can still arrive
(ARCHITECTURE.md, invariant 3; the technique of Flink, Kafka Streams and conservative
parallel discrete-event simulation).

Both pieces are plain state with a JSON-ready snapshot, so a service can keep them in Kafka.
"""

import heapq
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from nexus_contracts import Event
from nexus_contracts.watermarks import END_OF_TIME, Marker

__all__ = ["EventTimeQueue", "PartitionClock"]


class PartitionClock:
    """The low watermark of one input partition: the least time every expected origin has passed."""

    def __init__(self, origins: Iterable[str]) -> None:
        self._origins = frozenset(origins)
        self._passed: dict[str, datetime] = {}
        self.low: datetime | None = None

    def advance(self, marker: Marker) -> datetime | None:
        """Take a marker; the new low watermark if it rose, else None. Markers only move forward."""
        if marker.origin not in self._origins:
            raise ValueError(f"marker from unexpected origin {marker.origin!r}; expected one of "
                             f"{sorted(self._origins)}")
        if marker.time <= self._passed.get(marker.origin, marker.time.min.replace(tzinfo=marker.time.tzinfo)):
            return None
        self._passed[marker.origin] = marker.time
        if len(self._passed) < len(self._origins):
            return None
        low = min(self._passed.values())
        if self.low is not None and low <= self.low:
            return None
        self.low = low
        return low

    def snapshot(self) -> dict[str, str]:
        return {origin: at.isoformat() for origin, at in self._passed.items()}

    def restore(self, snapshot: dict[str, str]) -> None:
        self._passed = {origin: datetime.fromisoformat(at) for origin, at in snapshot.items()}
        self.low = min(self._passed.values()) if len(self._passed) == len(self._origins) else None


class EventTimeQueue:
    """Events held until the watermark passes them, then released in (time, event id) order.

    ``release(w)`` gives every held event earlier than ``w``. An event that arrives earlier than
    a watermark already released can only be a redelivery of one already decided (its producer
    sent it before the marker), so it is dropped, as is a second copy of one still held."""

    def __init__(self) -> None:
        self._heap: list[tuple[datetime, bytes, Event]] = []
        self._held: set[bytes] = set()
        self.released_to: datetime | None = None

    def __len__(self) -> int:
        return len(self._heap)

    def late(self, event: Event) -> bool:
        """Whether ``event`` is earlier than what was already released, and not held: a marker before it
        said no such event would follow."""
        return (self.released_to is not None and event.occurred_at < self.released_to
                and event.event_id.bytes not in self._held)

    def hold(self, event: Event) -> bool:
        key = event.event_id.bytes
        if key in self._held or self.late(event):
            return False
        self._held.add(key)
        heapq.heappush(self._heap, (event.occurred_at, key, event))
        return True

    def release(self, watermark: datetime) -> list[Event]:
        released = []
        while self._heap and (self._heap[0][0] < watermark or watermark == END_OF_TIME):
            _, key, event = heapq.heappop(self._heap)
            self._held.discard(key)
            released.append(event)
        if self.released_to is None or watermark > self.released_to:
            self.released_to = watermark
        return released

    def held(self) -> list[Event]:
        """What is held, in release order (for a snapshot)."""
        return [event for _, _, event in sorted(self._heap)]

    def snapshot_meta(self) -> dict[str, Any]:
        return {"released_to": self.released_to.isoformat() if self.released_to else None}

    @classmethod
    def restored(cls, released_to: str | None, held: Iterable[Event]) -> "EventTimeQueue":
        queue = cls()
        for event in held:
            queue.hold(event)
        queue.released_to = datetime.fromisoformat(released_to) if released_to else None
        return queue
