"""Prometheus metrics of one service: what it takes in, what it publishes, what it dead-letters,
how long a message takes, how far behind it is, and the load of the capacity pools it decides on.

Every metric lives in the service's own registry (nothing global, nothing at import time); the
names are listed in README.md ("Metrics") and ``METRIC_NAMES``. Labels are bounded: topics and
event types from the catalogue, dead-letter reasons by kind, pools by name.
"""

import re
import time
from collections.abc import Iterable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from nexus_contracts.catalogue import TOPICS
from nexus_contracts.watermarks import is_marker
from nexus_contracts.wire import DEAD_LETTER_REASON, DEAD_LETTER_SOURCE_TOPIC, DLQ_SUFFIX

from .pool_metrics import PoolLoad, StaffOnDuty
from .records import Inbound, Record
from .stages import Stages

__all__ = ["METRIC_NAMES", "ServiceMetrics", "event_type_label", "reason_kind"]

METRIC_NAMES = (
    "nexus_service_info", "nexus_messages_in_total", "nexus_messages_out_total", "nexus_dead_letters_total",
    "nexus_handler_latency_seconds", "nexus_consumer_lag", "nexus_stage_held_events",
    "nexus_pool_queue_length", "nexus_pool_busy_officers", "nexus_pool_staff", "nexus_pool_utilisation",
)
"""The metrics a service defines beyond FastStream's own (``faststream_*``)."""

MARKER = "marker"
UNKNOWN = "unknown"
_EVENT_TYPES = frozenset(event_type for spec in TOPICS for event_type in spec.event_types)
_TOPICS = frozenset(name for spec in TOPICS for name in (spec.name, spec.dlq))
_REASON_KINDS = (
    (r"not (a )?JSON", "not json"), (r"unknown event type", "unknown event type"),
    (r"unknown schema version", "unknown schema version"), (r"field 'payload'", "bad payload"),
    (r"\w+: field ", "bad field"), (r"bad time-progress marker", "bad marker"),
    (r"cannot decode", "cannot decode"), (r"\w+ does not belong on ", "wrong topic"),
    (r"handler failed", "handler failed"),
)


def event_type_label(headers) -> str:
    """The event type a record's headers name, if the catalogue knows it; markers are ``marker``."""
    if is_marker(headers):
        return MARKER
    event_type = headers.get("event_type", "")
    return event_type if event_type in _EVENT_TYPES else UNKNOWN


def reason_kind(reason: str) -> str:
    """A dead letter's reason by kind (its first words), never its free text."""
    return next((kind for pattern, kind in _REASON_KINDS if re.match(pattern, reason)), "other")


def _topic_label(name: str) -> str:
    return name if name in _TOPICS else UNKNOWN


class ServiceMetrics:
    """The metrics of one service, in ``registry``; ``stages`` are the processor's (held events),
    ``staff`` tells pool utilisation (without it, pools report no staff)."""

    def __init__(self, service: str, stages: Stages | None = None, staff: StaffOnDuty | None = None,
                 registry: CollectorRegistry | None = None) -> None:
        self.service = service
        self.registry = registry or CollectorRegistry()
        self._stages = stages
        self._pools = PoolLoad(staff)
        r = self.registry
        Gauge("nexus_service_info", "Always 1; names the service", ["service"], registry=r).labels(service).set(1)
        self.messages_in = Counter("nexus_messages_in", "Messages consumed", ["topic", "event_type"], registry=r)
        self.messages_out = Counter("nexus_messages_out", "Records published (not dead letters)",
                                    ["topic", "event_type"], registry=r)
        self.dead_letters = Counter("nexus_dead_letters", "Records dead-lettered, by source topic and reason kind",
                                    ["topic", "reason_kind"], registry=r)
        self.latency = Histogram("nexus_handler_latency_seconds", "From receipt to commit of one message",
                                 ["topic"], registry=r)
        self.lag = Gauge("nexus_consumer_lag", "Records behind the partition's high watermark",
                         ["topic", "partition"], registry=r)
        self.held = Gauge("nexus_stage_held_events", "Events held for event-time order",
                          ["topic", "partition"], registry=r)
        self.queue = Gauge("nexus_pool_queue_length", "Checks waiting for an officer", ["pool"], registry=r)
        self.busy = Gauge("nexus_pool_busy_officers", "Officers busy with a check", ["pool"], registry=r)
        self.staff = Gauge("nexus_pool_staff", "Officers on duty", ["pool"], registry=r)
        self.utilisation = Gauge("nexus_pool_utilisation", "Busy officers / officers on duty", ["pool"], registry=r)

    def received(self, message: Inbound) -> float:
        """Count a message in; the time it arrived (for ``handled``)."""
        self.messages_in.labels(_topic_label(message.topic), event_type_label(message.headers)).inc()
        return time.perf_counter()

    def handled(self, message: Inbound, records: Iterable[Record], since: float, highwater: int | None) -> None:
        """A message was handled (its output published) ``since`` ``received``; ``highwater`` is its
        partition's end as the consumer last saw it (None: unknown)."""
        self.batch_handled([(message, list(records))], since, {(message.topic, message.partition): highwater})

    def batch_handled(self, handled: list[tuple[Inbound, list[Record]]], since: float,
                      highwaters: dict[tuple[str, int | None], int | None]) -> None:
        """A batch's messages were handled and their output committed; it arrived ``since``; ``highwaters``
        are its partitions' ends as the consumer last saw them."""
        decided, last = False, {}
        for message, records in handled:
            for record in records:
                decided |= self._published(record)
            last[message.topic, message.partition] = message.offset
        elapsed = time.perf_counter() - since
        for message, _ in handled:
            self.latency.labels(_topic_label(message.topic)).observe(elapsed)
        for (topic_name, partition), offset in last.items():
            highwater = highwaters.get((topic_name, partition))
            if highwater is not None and offset is not None:
                self.lag.labels(topic_name, str(partition)).set(max(highwater - offset - 1, 0))
        self._refresh_held()
        if decided:
            self._refresh_pools()

    def _published(self, record: Record) -> bool:
        if record.topic.endswith(DLQ_SUFFIX):
            source = record.headers.get(DEAD_LETTER_SOURCE_TOPIC, "")
            self.dead_letters.labels(_topic_label(source), reason_kind(record.headers.get(DEAD_LETTER_REASON, ""))).inc()
            return False
        self.messages_out.labels(_topic_label(record.topic), event_type_label(record.headers)).inc()
        if record.event is not None:
            self._pools.observe(record.event)
            return record.event.event_type in {"StatusCheckAnswered", "StatusCheckMissed"}
        return False

    def _refresh_held(self) -> None:
        if self._stages is not None:
            for (topic_name, partition), held in self._stages.held_counts().items():
                self.held.labels(topic_name, str(partition)).set(held)

    def _refresh_pools(self) -> None:
        for pool in self._pools.pools():
            self.queue.labels(pool.pool).set(pool.queued)
            self.busy.labels(pool.pool).set(pool.busy)
            self.staff.labels(pool.pool).set(pool.staff)
            self.utilisation.labels(pool.pool).set(pool.utilisation)
