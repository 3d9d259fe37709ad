"""Compare two sets of log records as domain events, per custody record.

Transport details (partition, offset, header order) are not compared: two runs agree
when they hold the same events with the same content, and the same dead letters (per topic, by
service, reason and original record). For each custody record that
differs, the first divergence in time is kept with the fields that differ.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from nexus_contracts import Event

from .dead_letters import DeadLetter, dead_letters, differing
from .format import LogEntry
from .journeys import Journeys

__all__ = ["Divergence", "FieldChange", "LogDiff", "compare", "flatten"]

Kind = Literal["missing", "extra", "differs"]
Invalid = tuple[LogEntry, str]  # a record that is not a valid event, and why


@dataclass(frozen=True)
class FieldChange:
    path: str
    left: Any
    right: Any


@dataclass(frozen=True)
class Divergence:
    """The first event at which one custody record's journey differs, and how."""

    custody_record: str
    kind: Kind
    event: Event
    fields: tuple[FieldChange, ...] = ()
    events_differing: int = 1


@dataclass
class LogDiff:
    left_events: int
    right_events: int
    divergences: list[Divergence] = field(default_factory=list)
    dead_letters: tuple[Counter, Counter] = (Counter(), Counter())  # per .dlq topic
    invalid: tuple[list[Invalid], list[Invalid]] = ([], [])
    dead_letters_differing: tuple[list[DeadLetter], list[DeadLetter]] = ([], [])  # only in left, only in right

    @property
    def same(self) -> bool:
        return (not self.divergences and self.dead_letters[0] == self.dead_letters[1] and self.invalid == ([], [])
                and self.dead_letters_differing == ([], []))


def compare(left: Iterable[LogEntry], right: Iterable[LogEntry]) -> LogDiff:
    a, b = Journeys.of(left), Journeys.of(right)
    letters = dead_letters(a.others), dead_letters(b.others)
    result = LogDiff(_count(a), _count(b), dead_letters=tuple(Counter(d.entry.topic for d in side) for side in letters),
                     invalid=(a.invalid, b.invalid), dead_letters_differing=differing(*letters))
    for custody_record in sorted(a.by_id.keys() | b.by_id.keys()):
        found = _journey_divergences(custody_record, a.events_of(custody_record), b.events_of(custody_record))
        if found:
            result.divergences.append(_first(found))
    return result


def _journey_divergences(custody_record: str, left: list[Event], right: list[Event]) -> list[Divergence]:
    right_by_id = {event.event_id: event for event in right}
    left_ids = {event.event_id for event in left}
    found = [Divergence(custody_record, "extra", event) for event in right if event.event_id not in left_ids]
    for event in left:
        other = right_by_id.get(event.event_id)
        if other is None:
            found.append(Divergence(custody_record, "missing", event))
            continue
        changes = _changes(event, other)
        if changes:
            found.append(Divergence(custody_record, "differs", event, changes))
    return found


def _first(found: list[Divergence]) -> Divergence:
    first = min(found, key=lambda d: (d.event.occurred_at, d.kind != "differs", d.event.event_type))
    return Divergence(first.custody_record, first.kind, first.event, first.fields, len(found))


def _changes(left: Event, right: Event) -> tuple[FieldChange, ...]:
    a, b = flatten(left.model_dump(mode="json")), flatten(right.model_dump(mode="json"))
    return tuple(FieldChange(path, a.get(path), b.get(path)) for path in sorted(a.keys() | b.keys())
                 if a.get(path) != b.get(path))


def flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    """Nested dicts and lists as {"payload.records.0.kind": value, ...}."""
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else None
    if items is None or not data:
        return {prefix: data}
    flat: dict[str, Any] = {}
    for name, value in items:
        flat.update(flatten(value, f"{prefix}.{name}" if prefix else str(name)))
    return flat


def _count(journeys: Journeys) -> int:
    return sum(len(events) for events in journeys.by_id.values())
