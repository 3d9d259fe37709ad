"""Which logged records a replay should reproduce: those caused, directly or not, by the
records fed on the input topics (following each event's causation id)."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from uuid import UUID

from nexus_contracts import ContractError, decode_event
from nexus_contracts.catalogue import DLQ_SUFFIX
from nexus_runtime.dead_letters import SOURCE_TOPIC_HEADER

from .format import LogEntry

__all__ = ["produced_from"]


def produced_from(entries: Iterable[LogEntry], inputs: Sequence[str]) -> list[LogEntry]:
    """The entries descended from the events on ``inputs`` (the inputs themselves left out), plus
    dead letters of messages read from the inputs or from those descendants, and records that are
    not valid events at all (so a comparison reports them); in log order."""
    entries = list(entries)
    roots: set[UUID] = set()
    children: dict[UUID, list[UUID]] = defaultdict(list)
    entry_of: dict[UUID, LogEntry] = {}
    kept_invalid: list[LogEntry] = []
    for entry in entries:
        event = _event(entry)
        if event is None:
            if not entry.topic.endswith(DLQ_SUFFIX) and entry.topic not in inputs:
                kept_invalid.append(entry)  # not an event at all: kept, so the comparison reports it
            continue
        if entry.topic in inputs:
            roots.add(event.event_id)
        elif event.causation_id is not None:
            children[event.causation_id].append(event.event_id)
            entry_of[event.event_id] = entry
    kept = _descendants(roots, children)
    topics = set(inputs) | {entry_of[i].topic for i in kept}
    kept_entries = {id(entry_of[i]) for i in kept} | {id(e) for e in kept_invalid}
    return [e for e in entries if id(e) in kept_entries or _dead_letter_from(e, topics)]


def _descendants(roots: set[UUID], children: dict[UUID, list[UUID]]) -> set[UUID]:
    found: set[UUID] = set()
    frontier = list(roots)
    while frontier:
        for child in children.get(frontier.pop(), ()):
            if child not in found:
                found.add(child)
                frontier.append(child)
    return found


def _event(entry: LogEntry):
    if entry.topic.endswith(DLQ_SUFFIX) or entry.value is None:
        return None
    try:
        return decode_event(entry.value)
    except ContractError:
        return None


def _dead_letter_from(entry: LogEntry, topics: set[str]) -> bool:
    return entry.topic.endswith(DLQ_SUFFIX) and entry.header_dict().get(SOURCE_TOPIC_HEADER) in topics
