"""Which logged records a replay should reproduce: those caused, directly or not, by the
records fed on the input topics (following each event's causation id, but only along links a
service really makes: the child's producer must read the parent's topic)."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from uuid import UUID

from nexus_contracts.catalogue import topic_for_event
from nexus_contracts.wire import DEAD_LETTER_SOURCE_TOPIC, DLQ_SUFFIX

from .format import LogEntry
from .journeys import event_of

__all__ = ["produced_from"]


def produced_from(entries: Iterable[LogEntry], inputs: Sequence[str]) -> list[LogEntry]:
    """The entries descended from the events on ``inputs`` (the inputs themselves left out), plus
    dead letters of messages read from the inputs or from those descendants, and records that are
    not valid events at all (so a comparison reports them); in log order."""
    entries = list(entries)
    roots: set[UUID] = set()
    children: dict[UUID, list[UUID]] = defaultdict(list)
    types: dict[UUID, str] = {}
    entry_of: dict[UUID, LogEntry] = {}
    kept_invalid: list[LogEntry] = []
    for entry in entries:
        event, _ = event_of(entry)
        if event is None:
            if not entry.topic.endswith(DLQ_SUFFIX) and entry.topic not in inputs:
                kept_invalid.append(entry)  # not an event at all: kept, so the comparison reports it
            continue
        types[event.event_id] = event.event_type
        if entry.topic in inputs:
            roots.add(event.event_id)
        elif event.causation_id is not None:
            children[event.causation_id].append(event.event_id)
            entry_of[event.event_id] = entry
    kept = _descendants(roots, children, types)
    topics = set(inputs) | {entry_of[i].topic for i in kept}
    kept_entries = {id(entry_of[i]) for i in kept} | {id(e) for e in kept_invalid}
    return [e for e in entries if id(e) in kept_entries or _dead_letter_from(e, topics)]


def _descendants(roots: set[UUID], children: dict[UUID, list[UUID]], types: dict[UUID, str]) -> set[UUID]:
    found: set[UUID] = set()
    frontier = list(roots)
    while frontier:
        parent = frontier.pop()
        for child in children.get(parent, ()):
            if child not in found and _made_from(types[child], types[parent]):
                found.add(child)
                frontier.append(child)
    return found


def _made_from(child_type: str, parent_type: str) -> bool:
    """Whether the service that produces ``child_type`` reads the topic ``parent_type`` is on.
    (status_check, say, names a StatusCheckAnswered as the cause of its ACRO request, but it
    made both from an IABS result: replaying the status topic cannot make ACRO requests.)"""
    return topic_for_event(child_type).producer in topic_for_event(parent_type).consumers


def _dead_letter_from(entry: LogEntry, topics: set[str]) -> bool:
    return entry.topic.endswith(DLQ_SUFFIX) and entry.header_dict().get(DEAD_LETTER_SOURCE_TOPIC) in topics
