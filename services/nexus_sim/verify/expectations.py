"""What an event log says a service is fed and must answer: derived from the log alone, no I/O.

The inputs are the log's records on the topics the service consumes and does not itself write
(status_check's check queue is its own). An input needs a reply when the log holds an event it
caused on a topic the service writes. The producing systems allowed per event type are those the
log shows for it.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from nexus_contracts.catalogue import TOPICS, TopicSpec, topic, topics_consumed_by
from nexus_contracts.sharing import DisclosurePolicy
from nexus_contracts.watermarks import is_marker
from nexus_contracts.wire import RUN_HEADER
from nexus_runtime.stages import origins_of

from .model import json_object

__all__ = ["Cause", "Expectations", "end_markers_to_send", "expectations_for", "expected_markers", "input_topics",
           "output_topics"]


@dataclass(frozen=True, slots=True)
class Cause:
    """An event an output may answer: an input fed, or an output the service sent before."""

    event_id: str
    event_type: str
    occurred_at: datetime
    correlation_id: str
    force: str
    custody_suite: str
    custody_record: str | None

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> "Cause":
        return cls(str(data["event_id"]), str(data["event_type"]), datetime.fromisoformat(data["occurred_at"]),
                   str(data["correlation_id"]), str(data["force"]), str(data["custody_suite"]), custody_record_of(data))


def custody_record_of(data: Mapping[str, Any]) -> str | None:
    """The custody record id an event's payload names (``custody_record_id`` or ``case.custody_record_id``)."""
    payload = data.get("payload") if isinstance(data.get("payload"), dict) else {}
    case = payload.get("case") if isinstance(payload.get("case"), dict) else {}
    found = payload.get("custody_record_id") or case.get("custody_record_id")
    return found if isinstance(found, str) else None


@dataclass(frozen=True)
class Expectations:
    service: str
    run: str
    inputs: tuple[tuple[str, bytes | None, dict[str, str], bytes], ...]
    """(topic, key, headers, value) of each input to publish, in log order (the run header not yet set)."""
    causes: Mapping[str, Cause]
    needs_reply: frozenset[str]
    producers: Mapping[str, frozenset[str]]
    disclosure: DisclosurePolicy = DisclosurePolicy()

    @property
    def outputs(self) -> tuple[TopicSpec, ...]:
        return output_topics(self.service)


def input_topics(service: str) -> tuple[TopicSpec, ...]:
    return tuple(spec for spec in topics_consumed_by(service) if spec.producer != service)


def output_topics(service: str) -> tuple[TopicSpec, ...]:
    return tuple(spec for spec in TOPICS if spec.producer == service)


def expectations_for(service: str, run: str, entries: Iterable[Any],
                     disclosure: DisclosurePolicy = DisclosurePolicy()) -> Expectations:
    """The expectations of ``service`` from a log's ``entries`` (``LogEntry``; markers and values that
    are not JSON objects skipped)."""
    inputs_on = {spec.name for spec in input_topics(service)}
    outputs_on = {spec.name for spec in output_topics(service)}
    inputs, causes, caused, producers = [], {}, set(), {}
    for entry in entries:
        headers = entry.header_dict()
        data = None if is_marker(headers) else json_object(entry.value)
        if data is None:
            continue
        if entry.topic in inputs_on:
            headers.pop(RUN_HEADER, None)
            inputs.append((entry.topic, entry.key, headers, entry.value))
            causes[str(data["event_id"])] = Cause.of(data)
        elif entry.topic in outputs_on:
            caused.add(str(data.get("causation_id")))
            producers.setdefault(data.get("event_type"), set()).add(data.get("producer"))
    return Expectations(service, run, tuple(inputs), causes, frozenset(caused & causes.keys()),
                        {k: frozenset(v) for k, v in producers.items()}, disclosure)


def expected_markers(service: str, partitions: Callable[[str], int] = lambda name: topic(name).partitions
                     ) -> frozenset[tuple[str, int, str]]:
    """(output topic, partition, origin) of every end-of-time marker ``service`` must forward once each
    partition of its time-path input has ended: one per input partition, on every output partition."""
    wanted = set()
    for source in input_topics(service):
        for spec in output_topics(service):
            if spec.time_from == source.name:
                wanted |= {(spec.name, p, f"{source.name}/{q}") for p in range(partitions(spec.name))
                           for q in range(partitions(source.name))}
    return frozenset(wanted)


def end_markers_to_send(service: str, partitions: Callable[[str], int] = lambda name: topic(name).partitions
                        ) -> list[tuple[str, int, str]]:
    """(input topic, partition, origin) of the end markers a driver sends after the inputs: one per
    partition of each consumed topic, from each origin that topic expects."""
    sent = []
    for spec in input_topics(service):
        if spec.time_from is None:
            continue
        sent += [(spec.name, p, origin) for p in range(partitions(spec.name))
                 for origin in sorted(origins_of(spec, partitions))]
    return sent
