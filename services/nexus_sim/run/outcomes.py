"""Collect the outcome of a run: every domain event once, the canonical digest, dead letters.

The digest is the sha256 over the events sorted by id, each as its canonical JSON, so it
is the same whatever the transport, partitioning or arrival order (ARCHITECTURE.md invariant 4).
"""

import hashlib
from collections import Counter

from nexus_contracts import ContractError, Event, decode_event, encode_event
from nexus_contracts.wire import DEAD_LETTER_REASON, DLQ_SUFFIX
from nexus_runtime.records import Record

from ..report.builder import ReportBuilder
from ..report.tallies import EVENTS, PROMISED

__all__ = ["Outcomes"]


class Outcomes:
    def __init__(self, report: ReportBuilder | None = None) -> None:
        self._hashes: dict[bytes, bytes] = {}
        self.report = report or ReportBuilder()
        self.dead_letters: Counter[str] = Counter()
        self.first_dead_letter: str | None = None  # "<topic>: <reason>" of the first, for a failed run's message

    def observe(self, record: Record) -> None:
        if record.topic.endswith(DLQ_SUFFIX):
            self.dead_letters[record.topic] += 1
            if self.first_dead_letter is None:
                self.first_dead_letter = f"{record.topic}: {record.headers.get(DEAD_LETTER_REASON, 'no reason given')}"
            return
        try:
            event = record.event or decode_event(record.value)
        except ContractError:
            return  # the consuming service dead-letters it; counted there
        self.add(event, record.value if record.event else None)

    def add(self, event: Event, canonical: bytes | None = None) -> bool:
        """Take one event; False if it was already seen (a redelivery).

        ``canonical`` may pass ``encode_event(event)`` when the caller already has it."""
        key = event.event_id.bytes
        if key in self._hashes:
            return False
        self._hashes[key] = hashlib.sha256(canonical or encode_event(event)).digest()
        self.report.add(event)
        return True

    @property
    def counts(self) -> Counter[str]:
        """Events taken, by type (the report counts them; this is its view by event type)."""
        return Counter({k.removeprefix(EVENTS): v for k, v in self.report.counts.items() if k.startswith(EVENTS)})

    @property
    def promised(self) -> Counter[str]:
        """Events by type that the journey records taken so far say were sent beside them."""
        return Counter({k.removeprefix(PROMISED): v for k, v in self.report.counts.items() if k.startswith(PROMISED)})

    @property
    def events(self) -> int:
        return len(self._hashes)

    def digest(self) -> str:
        total = hashlib.sha256()
        for key in sorted(self._hashes):
            total.update(key)
            total.update(self._hashes[key])
        return total.hexdigest()
