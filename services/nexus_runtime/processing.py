"""One message in, records out: decode, dead-letter, dedupe, handle, check disclosure, encode.

Every transport (the in-memory bus, Kafka via FastStream) calls ``Processor.process``,
so every transport makes the same decisions (ARCHITECTURE.md invariant 4).
"""

from collections.abc import Callable, Iterable, Mapping

import structlog

from nexus_contracts import ContractError, Event, decode_event, encode_event, headers_for
from nexus_contracts.catalogue import topic, topic_for_event
from nexus_contracts.sharing import DisclosurePolicy
from nexus_contracts.watermarks import read_marker
from nexus_contracts.wire import RUN_HEADER

from .dead_letters import dead_letter
from .idempotency import SeenEvents
from .log_setup import message_context
from .records import Inbound, Record
from .stages import OrderedHandler, Partitions, Stages

__all__ = ["Handler", "Processor", "to_record"]

Handler = Callable[[Event], Iterable[Event]]
log = structlog.get_logger("nexus.processing")


def to_record(event: Event, run: str = "") -> Record:
    """The record of an event; ``run`` (transport metadata, never part of the event) marks the run."""
    headers = headers_for(event)
    if run:
        headers[RUN_HEADER] = run
    spec = topic_for_event(event.event_type)
    return Record(spec.name, spec.key_of(event), encode_event(event), headers, event)


def catalogue_partitions(topic_name: str) -> int:
    """Partitions of a topic as the catalogue creates it on Kafka."""
    return topic(topic_name).partitions


class Processor:
    """Applies a service's handlers to raw messages; what they produce must pass ``disclosure``
    (the contracts' policy, built from the scenario; by default nothing beyond the catalogue's agreements)."""

    def __init__(self, service: str, handlers: Mapping[str, Handler], *, ordered: OrderedHandler | None = None,
                 disclosure: DisclosurePolicy = DisclosurePolicy(), bind_log_context: bool = False,
                 partitions: Partitions = catalogue_partitions) -> None:
        self.service = service
        self._handlers = dict(handlers)
        self.stages = Stages(service, ordered, partitions)
        self._disclosure = disclosure
        self._bind_log_context = bind_log_context
        self._seen = SeenEvents()
        self.duplicates = 0

    def handles(self, event_type: str) -> bool:
        """Whether this service does anything with events of this type (others may be skipped unread)."""
        ordered = self.stages.ordered
        return event_type in self._handlers or (ordered is not None and event_type in ordered.event_types)

    def rewound(self) -> None:
        """The transport will hand over again what came after its last commit: handle it again."""
        self._seen = SeenEvents()

    def process(self, message: Inbound) -> list[Record]:
        try:
            marker = read_marker(message.headers)
        except ValueError as exc:
            return [self._reject(message, f"bad time-progress marker: {exc}")]
        if marker is not None:
            return self._on_marker(message, marker)
        try:
            event = message.event or decode_event(message.value)
        except ContractError as exc:
            return [self._reject(message, exc.reason)]
        except Exception as exc:  # whatever the bytes do to the decoder (say, JSON nested too deep): keep them, say why
            return [self._reject(message, f"cannot decode: {type(exc).__name__}: {exc}"[:500])]
        home = topic_for_event(event.event_type).name
        if home != message.topic:
            return [self._reject(message, f"{event.event_type} does not belong on {message.topic} (its topic: {home})")]
        run = message.headers.get(RUN_HEADER, "")
        ordered = self.stages.ordered
        if ordered is not None and event.event_type in ordered.event_types:
            held = self.stages.stage(run, message.topic, message.partition or 0).queue.hold(event)
            self.duplicates += not held
            return []
        handler = self._handlers.get(event.event_type)
        if handler is None:
            return []
        if self._bind_log_context:
            message_context(topic=message.topic, partition=message.partition, offset=message.offset,
                            custody_record=event.correlation_id, event_type=event.event_type)
        if not self._seen.first_time((run, event.event_id)):
            self.duplicates += 1
            return []
        try:
            return [self._checked(out, run) for out in handler(event)]
        except Exception as exc:  # a bug must not block the partition: keep the message, say why
            log.exception("handler failed", service=self.service, event_type=event.event_type)
            return [self._reject(message, f"handler failed: {type(exc).__name__}: {exc}")]

    def _on_marker(self, message: Inbound, marker) -> list[Record]:
        run = message.headers.get(RUN_HEADER, "")
        try:
            released, forwards = self.stages.advance(run, message.topic, message.partition or 0, marker,
                                                     message.offset)
        except ValueError as exc:
            return [self._reject(message, f"bad time-progress marker: {exc}")]
        decided = []
        if released:  # the state of the stage the marker released them from, looked up once
            decide, state = self.stages.ordered.decide, self.stages.stage(run, message.topic, message.partition or 0).state
        for event in released:
            try:
                decided += [self._checked(out, run) for out in decide(state, event)]
            except Exception as exc:  # one bad decision must not stop the others: keep the event, say why
                log.exception("ordered handler failed", service=self.service, event_type=event.event_type)
                decided.append(self._reject(_inbound_of(event, message), f"handler failed: {type(exc).__name__}: {exc}"))
        return decided + forwards

    def forget(self, message: Inbound) -> None:
        """Undo the dedupe mark of ``message``: its output was not delivered, so a redelivery must be
        handled again (the output has the same deterministic ids, so downstream still sees it once)."""
        try:
            event = message.event or decode_event(message.value)
            self._seen.forget((message.headers.get(RUN_HEADER, ""), event.event_id))
        except ContractError:
            pass

    def _checked(self, event: Event, run: str) -> Record:
        self._disclosure.check(topic_for_event(event.event_type), event.payload)
        return to_record(event, run)

    def _reject(self, message: Inbound, reason: str) -> Record:
        log.warning(
            "message dead-lettered",
            service=self.service,
            topic=message.topic,
            partition=message.partition,
            offset=message.offset,
            reason=reason,
        )
        return dead_letter(message, reason, self.service)


def _inbound_of(event: Event, marker: Inbound) -> Inbound:
    """A held event as a message of its own, for its dead letter (the marker's place released it)."""
    record = to_record(event, marker.headers.get(RUN_HEADER, ""))
    return Inbound(marker.topic, record.key, record.value, record.headers, partition=marker.partition,
                   offset=marker.offset)
