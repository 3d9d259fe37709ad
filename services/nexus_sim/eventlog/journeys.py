"""Domain events of a log, grouped by custody record (a person's journey).

Events carry the custody record id as correlation id; the arrest that led to a booking
carries the arrest ref, so an arrest joins the journey of the booking it caused.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from uuid import UUID

from nexus_contracts import ContractError, Event, decode_event
from nexus_contracts.wire import DLQ_SUFFIX

from .format import LogEntry

__all__ = ["event_of", "Journeys", "decoded_events"]


def event_of(entry: LogEntry) -> tuple[Event | None, str | None]:
    """The event a logged record holds, upcast to the current contracts: ``(event, None)``;
    ``(None, reason)`` for a record that is not a valid event; ``(None, None)`` for a dead letter
    or a tombstone, which hold no event."""
    if entry.topic.endswith(DLQ_SUFFIX) or entry.value is None:
        return None, None
    try:
        return decode_event(entry.value), None
    except ContractError as exc:
        return None, exc.reason


def decoded_events(entries: Iterable[LogEntry]) -> tuple[list[Event], list[LogEntry], list[tuple[LogEntry, str]]]:
    """Events (upcast to the current contracts, first copy of each id), dead letters and tombstones,
    and the records that are not valid events, each with the reason."""
    events: dict[UUID, Event] = {}
    others: list[LogEntry] = []
    invalid: list[tuple[LogEntry, str]] = []
    for entry in entries:
        event, reason = event_of(entry)
        if event is not None:
            events.setdefault(event.event_id, event)
        elif reason is not None:
            invalid.append((entry, reason))
        else:
            others.append(entry)
    return list(events.values()), others, invalid


@dataclass
class Journeys:
    by_id: dict[str, list[Event]] = field(default_factory=dict)
    others: list[LogEntry] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)  # arrest ref -> custody record id
    invalid: list[tuple[LogEntry, str]] = field(default_factory=list)

    @classmethod
    def of(cls, entries: Iterable[LogEntry]) -> "Journeys":
        events, others, invalid = decoded_events(entries)
        by_id = {event.event_id: event for event in events}
        alias: dict[str, str] = {}
        for event in events:
            parent = by_id.get(event.causation_id) if event.causation_id else None
            if parent and parent.correlation_id != event.correlation_id:
                alias[parent.correlation_id] = event.correlation_id
        grouped: dict[str, list[Event]] = defaultdict(list)
        for event in events:
            grouped[alias.get(event.correlation_id, event.correlation_id)].append(event)
        depth, position = _CausalDepth(by_id), {event_id: index for index, event_id in enumerate(by_id)}
        for journey in grouped.values():
            journey.sort(key=lambda e: (e.occurred_at, depth(e), position[e.event_id]))
        return cls(dict(grouped), others, alias, invalid)

    def events_of(self, custody_record: str) -> list[Event]:
        """The journey's events in time order; an arrest ref finds the custody record it led to."""
        return list(self.by_id.get(self.resolve(custody_record), ()))

    def resolve(self, custody_record: str) -> str:
        return self.aliases.get(custody_record, custody_record)

    def __len__(self) -> int:
        return len(self.by_id)


class _CausalDepth:
    """How many known causes precede an event: breaks ties between events of the same instant."""

    def __init__(self, by_id: dict[UUID, Event]) -> None:
        self._by_id = by_id
        self._depth: dict[UUID, int] = {}

    def __call__(self, event: Event | None) -> int:
        path: list[Event] = []
        while event is not None and event.event_id not in self._depth and len(path) <= len(self._by_id):
            path.append(event)
            event = self._by_id.get(event.causation_id)
        depth = self._depth.get(event.event_id, -1) if event is not None else -1
        for item in reversed(path):
            depth += 1
            self._depth[item.event_id] = depth
        return depth
