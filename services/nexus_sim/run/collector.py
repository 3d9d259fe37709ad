"""What a Kafka run collects, and what it says when the run stalls: this run's events into the
outcomes, its dead letters with their reasons, and the records that came without the run header."""

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from nexus_contracts.catalogue import topic
from nexus_contracts.watermarks import WATERMARK_HEADER
from nexus_contracts.wire import DEAD_LETTER_REASON, DEAD_LETTER_SERVICE, DLQ_SUFFIX, RUN_HEADER
from nexus_runtime.records import Record

from .outcomes import Outcomes

__all__ = ["FIRST_REASONS", "KafkaRunError", "RunCollector"]

FIRST_REASONS = 3
"""How many dead-letter reasons a stall message quotes per DLQ topic."""


class KafkaRunError(RuntimeError):
    """The run could not finish on Kafka; the message says how far it got."""


class RunCollector:
    """Takes this run's records (by the run header) into the outcomes, keeps the first reasons of
    its dead letters, and counts the unmarked records per topic: a service that does not copy the
    header (say, your own) shows up there. ``take`` accepts any record with ``topic``, ``value``
    and ``headers`` as (name, bytes) pairs, as aiokafka gives them."""

    def __init__(self, run: str, observers: Iterable[Callable[[object], None]] = ()) -> None:
        self.outcomes = Outcomes()
        self.unmarked: Counter[str] = Counter()
        self.dead_letters: Counter[str] = Counter()
        self.reasons: dict[str, list[str]] = defaultdict(list)
        self.dead_letter_services: dict[str, set[str]] = defaultdict(set)
        self._mark = (RUN_HEADER, run.encode())
        self._observers = tuple(observers)

    def take(self, raw) -> None:
        if self._mark not in raw.headers:
            if not any(name == RUN_HEADER for name, _ in raw.headers):
                self.unmarked[raw.topic] += 1
                self._note_dead_letter(raw)  # a dead letter of an unmarked record is likely this run's
            return  # another run's, or an older run's reprocessed message
        if any(name == WATERMARK_HEADER for name, _ in raw.headers):
            return  # a time-progress marker: transport metadata, never an outcome or a logged event
        for observe in self._observers:
            observe(raw)
        self._note_dead_letter(raw)
        self.outcomes.observe(Record(raw.topic, raw.key, raw.value or b"", {}))

    def _note_dead_letter(self, raw) -> None:
        dlq = raw.topic
        if not dlq.endswith(DLQ_SUFFIX):
            return
        headers = {name: _text(value) for name, value in raw.headers}
        self.dead_letters[dlq] += 1
        if len(self.reasons[dlq]) < FIRST_REASONS:
            self.reasons[dlq].append(headers.get(DEAD_LETTER_REASON, "(no reason header)"))
        self.dead_letter_services[dlq].add(headers.get(DEAD_LETTER_SERVICE, "?"))

    def stalled(self, idle: float) -> KafkaRunError:
        counts = self.outcomes.counts
        lines = [f"no new events for {idle:.0f} s: {counts['JourneyRecorded']:,} journeys recorded, "
                 f"{counts['BookingClosed']:,} bookings closed"]
        lines += [self._dead_letter_line(dlq, count) for dlq, count in sorted(self.dead_letters.items())]
        lines += [_unmarked_line(name, count) for name, count in sorted(self.unmarked.items())]
        if self.unmarked:
            lines.append(f"{sum(self.unmarked.values()):,} records arrived without the {RUN_HEADER} header - does "
                         f"every service copy it from what it consumed?")
        return KafkaRunError("\n".join(lines))

    def _dead_letter_line(self, dlq: str, count: int) -> str:
        source = dlq.removesuffix(DLQ_SUFFIX)
        by = ", ".join(sorted(self.dead_letter_services[dlq]))
        reasons = "".join(f"\n    - {reason}" for reason in self.reasons[dlq])
        return (f"{dlq}: {count:,} dead letter(s), records sent by {_producer(source)} and refused by {by}; "
                f"first reasons:{reasons}")


def _unmarked_line(name: str, count: int) -> str:
    return f"{name}: {count:,} record(s) without the {RUN_HEADER} header, sent by {_producer(name)}"


def _producer(name: str) -> str:
    """The service that writes topic ``name`` (its own name for a DLQ's source), as the catalogue says."""
    try:
        return topic(name.removesuffix(DLQ_SUFFIX)).producer
    except KeyError:
        return "an unknown producer"


def _text(value: bytes | None) -> str:
    return (value or b"").decode("utf-8", "replace")
