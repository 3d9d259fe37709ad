"""Time progress and state per input partition: forwarding markers, and the ordered stage.

For each (run, topic, partition) a service consumes, a ``Stage`` keeps the partition's low
watermark and, where the service takes events in event-time order (an ``OrderedHandler``),
the events held and the handler's state. A marker that raises the watermark releases the held
events earlier than it, in (time, event id) order, and is forwarded onto the topics time flows
to (ARCHITECTURE.md invariant 3). Everything here is transport-neutral.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from nexus_contracts import Event, decode_event, encode_event
from nexus_contracts.catalogue import TopicSpec, time_flows_from, topic
from nexus_contracts.watermarks import DRIVER_ORIGIN, END_OF_TIME, Marker, marker_headers
from nexus_contracts.wire import RUN_HEADER

from .event_time import EventTimeQueue, PartitionClock
from .records import Record

__all__ = ["OrderedHandler", "Stage", "Stages", "marker_record"]

Partitions = Callable[[str], int]


class OrderedHandler(Protocol):
    """Decisions over shared state, taken in event-time order: (state, event) -> events."""

    event_types: frozenset[str]

    def new_state(self) -> Any: ...
    def decide(self, state: Any, event: Event) -> Iterable[Event]: ...
    def snapshot(self, state: Any) -> Any: ...
    def restore(self, snapshot: Any) -> Any: ...


@dataclass
class Stage:
    clock: PartitionClock
    queue: EventTimeQueue = field(default_factory=EventTimeQueue)
    state: Any = None
    pending: list[tuple[int, Any]] = field(default_factory=list)
    """(offset, time) of markers taken into the clock but not yet covered by a forwarded watermark:
    the partition's offset may not be committed past them, or a restart would never see them again."""


def marker_record(topic_name: str, partition: int, marker: Marker, run: str) -> Record:
    headers = marker_headers(marker)
    if run:
        headers[RUN_HEADER] = run
    return Record(topic_name, None, b"", headers, partition=partition)


def origins_of(spec: TopicSpec, partitions: Partitions) -> frozenset[str]:
    """Who sends markers onto a topic: the driver, or each partition of the topic time flows from."""
    if spec.time_from == DRIVER_ORIGIN:
        return frozenset({DRIVER_ORIGIN})
    return frozenset(f"{spec.time_from}/{p}" for p in range(partitions(spec.time_from)))


class Stages:
    """The stages of one service, made on first use."""

    def __init__(self, service: str, ordered: OrderedHandler | None, partitions: Partitions) -> None:
        self._service = service
        self.ordered = ordered
        self._partitions = partitions
        self._stages: dict[tuple[str, str, int], Stage] = {}

    def stage(self, run: str, topic_name: str, partition: int) -> Stage:
        key = (run, topic_name, partition)
        found = self._stages.get(key)
        if found is None:
            found = self._stages[key] = Stage(PartitionClock(origins_of(topic(topic_name), self._partitions)))
            found.state = self.ordered.new_state() if self.ordered else None
        return found

    def known(self, run: str, topic_name: str, partition: int) -> bool:
        return (run, topic_name, partition) in self._stages

    def advance(self, run: str, topic_name: str, partition: int, marker: Marker,
                offset: int | None = None) -> tuple[list[Event], list[Record]]:
        """Take a marker: the events it releases (to decide, in order) and the markers to forward."""
        stage = self.stage(run, topic_name, partition)
        low = stage.clock.advance(marker)
        if offset is not None and (stage.clock.low is None or marker.time > stage.clock.low):
            stage.pending.append((offset, marker.time))
        if low is None:
            return [], []
        stage.pending = [(at, time) for at, time in stage.pending if time > low]
        released = stage.queue.release(low) if self.ordered else []
        origin = Marker(f"{topic_name}/{partition}", low)
        forwards = [marker_record(spec.name, p, origin, run)
                    for spec in time_flows_from(topic_name, self._service) for p in range(self._partitions(spec.name))]
        return released, forwards

    def committable(self, topic_name: str, partition: int, offset: int) -> int:
        """The offset a consumer may commit after handling ``offset``: not past a pending marker."""
        pending = [at for (_, t, p), stage in self._stages.items() if (t, p) == (topic_name, partition)
                   for at, _ in stage.pending]
        return min([offset + 1, *pending])

    def held_counts(self) -> dict[tuple[str, int], int]:
        """Events held for event-time order per (topic, partition), over every run."""
        counts: dict[tuple[str, int], int] = {}
        for (_, topic_name, partition), stage in self._stages.items():
            counts[topic_name, partition] = counts.get((topic_name, partition), 0) + len(stage.queue)
        return counts

    def drop(self, topic_name: str, partition: int) -> None:
        """Forget every run's stage of a partition (another consumer may have moved it on)."""
        for key in [key for key in self._stages if key[1:] == (topic_name, partition)]:
            del self._stages[key]

    def runs_on(self, topic_name: str, partition: int) -> list[str]:
        """The runs with a stage on this partition."""
        return [run for (run, t, p) in self._stages if (t, p) == (topic_name, partition)]

    def clocks(self, topic_name: str, partition: int) -> dict[str, dict[str, str]]:
        """The clocks of every run's stage on a partition of an unordered topic (all its state), leaving out
        the runs that reached the end of time: nothing of theirs can still come."""
        return {run: stage.clock.snapshot() for (run, t, p), stage in self._stages.items()
                if (t, p) == (topic_name, partition) and stage.clock.low != END_OF_TIME}

    def restore_clocks(self, topic_name: str, partition: int, clocks: dict[str, dict[str, str]]) -> None:
        for run, clock in clocks.items():
            self.stage(run, topic_name, partition).clock.restore(clock)

    def snapshot(self, run: str, topic_name: str, partition: int) -> dict[str, Any]:
        stage = self.stage(run, topic_name, partition)
        return {"clock": stage.clock.snapshot(), **stage.queue.snapshot_meta(),
                "held": [encode_event(e).decode() for e in stage.queue.held()],
                "state": self.ordered.snapshot(stage.state) if self.ordered else None}

    def restore(self, run: str, topic_name: str, partition: int, snapshot: dict[str, Any]) -> None:
        stage = self.stage(run, topic_name, partition)
        stage.clock.restore(snapshot["clock"])
        stage.queue = EventTimeQueue.restored(snapshot.get("released_to"),
                                              [decode_event(held.encode()) for held in snapshot["held"]])
        if self.ordered:
            stage.state = self.ordered.restore(snapshot["state"])
