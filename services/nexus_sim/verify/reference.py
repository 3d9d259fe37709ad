"""`nexus verify --reference`: each output of the outside service, field by field, against what the
project's own service sends for the same input.

Events are matched by causation, never by event id: an output answers the input whose
``event_id`` is its ``causation_id``, and is paired with the reference event of the same cause and
event type (the n-th of them when a cause has several of one type, in the order sent; they share a
key, so one partition keeps that order). Compared: the envelope except ``event_id``
(``event_type``, ``schema_version``, ``occurred_at``, ``correlation_id``, ``causation_id``,
``producer``, ``force``, ``custody_suite``) and the whole payload, leaf by leaf, both sides as
canonical JSON (so ``Z`` and ``+00:00``, or an omitted optional field and its ``null``, agree).

Every output of the service is compared, not only the direct answers to the inputs fed: an output
caused by an earlier output of the service (status_check's ``StatusCheckRequested``/``Answered``/
``Missed``, released from its own check queue by the time markers, then the ACRO events that follow an
answer) is paired through its cause: the outside event the reference one was matched with stands for
it, so the outside service's event ids never need to equal the reference ones.

``ReferenceCheck`` and ``compare`` are pure; ``reference_outputs`` runs the project's service in
this process, on the in-memory bus, to produce the reference events.
"""

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from nexus_contracts import decode_event, encode_event
from nexus_contracts.scenario import Scenario
from nexus_contracts.watermarks import END_OF_TIME, Marker
from nexus_contracts.wire import RUN_HEADER
from nexus_runtime.records import Record
from nexus_runtime.stages import marker_record

from ..run.memory_bus import MemoryBus
from ..run.wiring import one_partition, processors, topics_of
from .expectations import end_markers_to_send, output_topics
from .model import Finding, json_object

__all__ = ["COMPARED", "REFERENCE", "ReferenceCheck", "canonical", "compare", "differences", "reference_outputs"]

REFERENCE = "reference"
COMPARED = ("event_type", "schema_version", "occurred_at", "correlation_id", "causation_id", "producer", "force",
            "custody_suite", "payload")
"""The fields compared, in this order: the envelope but ``event_id`` (derived, so not required to
match), then the payload."""

Key = tuple[str, str, int]
"""(causation_id, event_type, n): the n-th event of that type a cause produced."""
_ABSENT = object()


def canonical(value: bytes | None) -> dict[str, Any] | None:
    """The record value as its event's canonical JSON, decoded; the raw JSON object if it is no event."""
    try:
        return json.loads(encode_event(decode_event(value or b"")))
    except Exception:  # not an event the contracts read: compare what is there
        return json_object(value)


def differences(expected: Mapping[str, Any], got: Mapping[str, Any]) -> list[tuple[str, Any, Any]]:
    """(field path, expected, got) of every compared leaf that differs, in field order (``payload.case.x``,
    ``payload.records[0].y``); an absent field shows as ``(absent)``."""
    found: list[tuple[str, Any, Any]] = []
    for name in COMPARED:
        _diff(name, expected.get(name, _ABSENT), got.get(name, _ABSENT), found)
    return [(path, _shown(a), _shown(b)) for path, a, b in found]


def _diff(path: str, expected: Any, got: Any, found: list) -> None:
    if expected is _ABSENT and got is _ABSENT:
        return
    if isinstance(expected, dict) and isinstance(got, dict):
        for name in [*expected, *(k for k in got if k not in expected)]:
            _diff(f"{path}.{name}", expected.get(name, _ABSENT), got.get(name, _ABSENT), found)
    elif isinstance(expected, list) and isinstance(got, list) and len(expected) == len(got):
        for i, (a, b) in enumerate(zip(expected, got)):
            _diff(f"{path}[{i}]", a, b, found)
    elif expected is _ABSENT or got is _ABSENT or type(expected) is not type(got) or expected != got:
        found.append((path, expected, got))


def _shown(value: Any) -> Any:
    return "(absent)" if value is _ABSENT else value


def _brief(value: Any, limit: int = 120) -> str:
    text = value if value == "(absent)" else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit - 3] + "..."


class ReferenceCheck:
    """The reference events of a run, keyed by causation; ``check`` pairs each outside output with one."""

    def __init__(self, reference: Iterable[Mapping[str, Any]], fed: Iterable[str] | None = None) -> None:
        self.expected: dict[Key, Mapping[str, Any]] = {}
        counts: Counter[tuple[str, str]] = Counter()
        for event in reference:
            pair = (str(event.get("causation_id")), str(event.get("event_type")))
            self.expected[(*pair, counts[pair])] = event
            counts[pair] += 1
        sent = {str(event.get("event_id")) for event in self.expected.values()}
        self.fed = frozenset(fed) if fed is not None else frozenset(c for c, _, _ in self.expected if c not in sent)
        """The inputs whose outputs are compared (by default: those the reference answers)."""
        self.stands_for: dict[str, str] = {}
        """outside event id -> the id of the reference event it was paired with: what its effects answer."""
        self._reference_counts = counts
        self._seen: Counter[tuple[str, str]] = Counter()
        self.matched: set[Key] = set()

    def cause_of(self, got: Mapping[str, Any]) -> str | None:
        """The reference cause an outside output answers: an input fed, or the reference event its cause
        (an earlier outside output) was paired with; None when it answers neither."""
        cause = str(got.get("causation_id"))
        return cause if cause in self.fed else self.stands_for.get(cause)

    def check(self, where: str, got: Mapping[str, Any]) -> Finding | None:
        """The finding on one outside output (canonical JSON); None when it answers no fed input, nor an
        output paired before."""
        cause, event_type = self.cause_of(got), str(got.get("event_type"))
        if cause is None:
            return None
        key = (cause, event_type, self._seen[(cause, event_type)])
        self._seen[(cause, event_type)] += 1
        record = str(got.get("correlation_id") or "")
        expected = self.expected.get(key)
        if expected is None:
            sent = self._reference_counts[(cause, event_type)]
            return Finding(REFERENCE, False, where, record, "event_type",
                           f"extra output: the reference answers input {cause} with {sent} {event_type}, this is "
                           f"number {key[2] + 1}")
        self.matched.add(key)
        self.stands_for[str(got.get("event_id"))] = str(expected.get("event_id"))
        found = differences(expected, {**got, "causation_id": cause} if cause != got.get("causation_id") else got)
        if not found:
            return Finding(REFERENCE, True, where, record)
        field, want, have = found[0]
        more = f" (and {len(found) - 1} more: {', '.join(p for p, _, _ in found[1:4])}" \
               f"{', ...' if len(found) > 4 else ''})" if len(found) > 1 else ""
        return Finding(REFERENCE, False, where, record, field, f"expected {_brief(want)}, got {_brief(have)}{more}")

    @property
    def done(self) -> bool:
        """Every reference event has had its outside counterpart."""
        return len(self.matched) == len(self.expected)

    def missing(self) -> list[Finding]:
        """A failure per reference event no outside output matched (by causation and type)."""
        return [Finding(REFERENCE, False, f"{'input' if cause in self.fed else 'reference event'} {cause}",
                        str(event.get("correlation_id") or ""), "event_type",
                        f"missing output: the reference answers with {event_type}"
                        f"{f' (number {n + 1})' if n else ''}; none came")
                for (cause, event_type, n), event in self.expected.items()
                if (cause, event_type, n) not in self.matched]


def compare(reference: Iterable[Mapping[str, Any]], outside: Iterable[tuple[str, Mapping[str, Any]]],
            fed: Iterable[str] | None = None) -> list[Finding]:
    """Every finding of the rule ``reference``: one per outside output (``(where, canonical JSON)``) that
    answers a fed input (passed, or failed naming the first differing field), then one per reference
    event missing from the outside ones."""
    check = ReferenceCheck(reference, fed)
    found = [finding for where, got in outside if (finding := check.check(where, got)) is not None]
    return found + check.missing()


def reference_outputs(service: str, scenario: Scenario, seed: int,
                      inputs: Iterable[tuple[str, bytes | None, Mapping[str, str], bytes]],
                      run: str = "reference") -> list[dict[str, Any]]:
    """Every event the project's own ``service`` sends (canonical JSON, in the order sent) when fed ``inputs``
    — (topic, key, headers, value), in order — then the end-of-time marker of every input partition, in this
    process: what it sends to itself (status_check's check queue) is handed back to it, as on Kafka. No
    markers, no dead letters."""
    bus = MemoryBus()
    bus.subscribe(topics_of(service), processors(scenario, seed)[service])
    ours = {spec.name for spec in output_topics(service)}
    found: list[dict[str, Any]] = []
    bus.observe(lambda record: found.append(canonical(record.value)) if record.topic in ours and record.value else None)
    for topic_name, key, headers, value in inputs:
        bus.publish(Record(topic_name, key, value, {**headers, RUN_HEADER: run}))
    for topic_name, partition, origin in end_markers_to_send(service, one_partition):
        bus.publish(marker_record(topic_name, partition, Marker(origin, END_OF_TIME), run))
    bus.drain()
    return [event for event in found if event is not None]
