"""One message in, records out: size, decode, refuse at the door, dedupe, handle, check disclosure, encode.

Every transport (the in-memory bus, Kafka via FastStream) calls ``Processor.process``,
so every transport makes the same decisions (ARCHITECTURE.md invariant 4).
"""

import hashlib
from collections.abc import Callable, Iterable, Mapping

import structlog

from nexus_contracts import ContractError, Event, decode_event, encode_event, headers_for
from nexus_contracts.catalogue import topic, topic_for_event
from nexus_contracts.sharing import DisclosurePolicy
from nexus_contracts.watermarks import read_marker
from nexus_contracts.wire import RUN_HEADER

from .dead_letters import MAX_REASON_CHARS, dead_letter
from .door import DEFAULT_MAX_MESSAGE_BYTES, OWN_HEADER_BYTES, oversized, refused
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
    (the contracts' policy, built from the scenario; by default nothing beyond the catalogue's agreements).

    Nothing raises out of ``process`` (ARCHITECTURE.md invariant 5): a message it cannot take, whatever
    the reason, comes back as its dead letter, within ``max_message_bytes``; so does a message whose
    output would be over that limit, instead of the output."""

    def __init__(self, service: str, handlers: Mapping[str, Handler], *, ordered: OrderedHandler | None = None,
                 disclosure: DisclosurePolicy = DisclosurePolicy(), bind_log_context: bool = False,
                 partitions: Partitions = catalogue_partitions,
                 max_message_bytes: int = DEFAULT_MAX_MESSAGE_BYTES) -> None:
        self.service = service
        self._handlers = dict(handlers)
        self.stages = Stages(service, ordered, partitions)
        self._disclosure = disclosure
        self._bind_log_context = bind_log_context
        self._seen = SeenEvents()
        self.max_message_bytes = max_message_bytes
        self.duplicates = 0

    def rewound(self) -> None:
        """The transport will hand over again what came after its last commit: handle it again."""
        self._seen = SeenEvents()

    def process(self, message: Inbound) -> list[Record]:
        try:
            return self._process(message)
        except Exception as exc:  # whatever it was, the message must not block its partition: keep it, say why
            log.exception("processing failed", service=self.service, topic=message.topic)
            return [self._reject(message, f"cannot process: {type(exc).__name__}: {exc}")]

    def _process(self, message: Inbound) -> list[Record]:
        too_big = oversized(message, self.max_message_bytes)
        if too_big:
            return [self._reject(message, f"message of {too_big}")]
        try:
            marker = read_marker(message.headers)
        except ValueError as exc:
            return [self._reject(message, f"bad time-progress marker: {exc}")]
        if marker is not None:
            return self._on_marker(message, marker)
        admitted = self._admitted(message)
        return self._take(message, admitted) if isinstance(admitted, Event) else [admitted]

    def _admitted(self, message: Inbound) -> Event | Record:
        """The message's event, if the door lets it in; else its dead letter."""
        spec = topic(message.topic)
        try:
            event = message.event or decode_event(message.value, closed=spec.boundary is not None)
        except ContractError as exc:
            return self._reject(message, exc.reason)
        except Exception as exc:  # whatever the bytes do to the decoder: keep them, say why
            return self._reject(message, f"cannot decode: {type(exc).__name__}: {exc}")
        reason = refused(event, message.headers, spec, self._disclosure)
        return event if reason is None else self._reject(message, reason)

    def _take(self, message: Inbound, event: Event) -> list[Record]:
        """Hold, skip or handle an admitted event."""
        if self._bind_log_context:
            message_context(topic=message.topic, partition=message.partition, offset=message.offset,
                            custody_record=event.correlation_id, event_type=event.event_type)
        run = message.headers.get(RUN_HEADER, "")
        ordered = self.stages.ordered
        if ordered is not None and event.event_type in ordered.event_types:
            return self._hold(message, event, run)
        earlier, content = self._remember(message, event, run)
        if earlier is not None:
            return self._again(message, event, earlier, content)
        handler = self._handlers.get(event.event_type)
        if handler is None:
            return []
        return self._outputs(message, event, lambda: handler(event), run)

    def _hold(self, message: Inbound, event: Event, run: str) -> list[Record]:
        """Hold an event taken in event-time order until a marker releases it (a redelivery is dropped by
        the queue, which knows what it holds)."""
        earlier, content = self._remember(message, event, run)
        if earlier is not None and earlier != content:
            return self._again(message, event, earlier, content)
        queue = self.stages.stage(run, message.topic, message.partition or 0).queue
        if queue.late(event):
            return [self._reject(message, f"{event.event_type} at {event.occurred_at.isoformat()} came after a "
                                          f"time-progress marker of {queue.released_to.isoformat()}")]
        held = queue.hold(event)
        self.duplicates += not held
        return []

    def _remember(self, message: Inbound, event: Event, run: str) -> tuple[str | None, str]:
        """(the content hash remembered for this event's id in the run, or None the first time; its own)."""
        content = _content_hash(message, event)
        return self._seen.remember((run, event.event_id), content), content

    def _again(self, message: Inbound, event: Event, earlier: str, content: str) -> list[Record]:
        """A second message with an event id already seen: a redelivery is skipped, another event is refused."""
        if earlier == content:
            self.duplicates += 1
            return []
        return [self._reject(message, f"event id {event.event_id} already seen with other content "
                                      f"(sha256 {earlier}, now {content})")]

    def _outputs(self, message: Inbound, event: Event, decide: Callable[[], Iterable[Event]], run: str) -> list[Record]:
        """The records of what ``decide`` produces for ``event``, or the dead letter of ``message`` if
        deciding fails or a record would be over the size limit."""
        try:
            records = [self._checked(out, run) for out in decide()]
        except Exception as exc:  # a bug must not block the partition: keep the message, say why
            log.exception("handler failed", service=self.service, event_type=event.event_type)
            return [self._reject(message, f"handler failed: {type(exc).__name__}: {exc}")]
        surely_fits = self.max_message_bytes - 4 * len(run) - OWN_HEADER_BYTES  # our headers, and the run's copied
        for record in records:
            too_big = oversized(record, self.max_message_bytes) if len(record.value) + len(record.key or b"") > \
                surely_fits else None
            if too_big:
                return [self._reject(message, f"its {record.event.event_type} on {record.topic} would be {too_big}")]
        return records

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
        for event in released:  # one bad decision must not stop the others: each keeps its own dead letter
            decided += self._outputs(_inbound_of(event, message), event, lambda e=event: decide(state, e), run)
        return decided + forwards

    def forget(self, message: Inbound) -> None:
        """Undo the dedupe mark of ``message``: its output was not delivered, so a redelivery must be
        handled again (the output has the same deterministic ids, so downstream still sees it once)."""
        try:
            event = message.event or decode_event(message.value)
            self._seen.forget((message.headers.get(RUN_HEADER, ""), event.event_id))
        except Exception:  # nothing was marked for what cannot be decoded
            pass

    def _checked(self, event: Event, run: str) -> Record:
        self._disclosure.check(topic_for_event(event.event_type), event.payload)
        return to_record(event, run)

    def _reject(self, message: Inbound, reason: str) -> Record:
        reason = reason[:MAX_REASON_CHARS]  # a reason may quote the input: never a flood in the log
        log.warning(
            "message dead-lettered",
            service=self.service,
            topic=message.topic,
            partition=message.partition,
            offset=message.offset,
            reason=reason,
        )
        return dead_letter(message, reason, self.service, self.max_message_bytes)


def _content_hash(message: Inbound, event: Event) -> str:
    """sha256 of the event's canonical JSON: what a record made in this process already holds. Bytes
    from elsewhere are re-encoded, so an outside producer that writes the same event again with its
    fields in another order is still a redelivery."""
    canonical = message.value if message.event is not None else encode_event(event)
    return hashlib.sha256(canonical).hexdigest()


def _inbound_of(event: Event, marker: Inbound) -> Inbound:
    """A held event as a message of its own, for its dead letter (the marker's place released it)."""
    record = to_record(event, marker.headers.get(RUN_HEADER, ""))
    return Inbound(marker.topic, record.key, record.value, record.headers, partition=marker.partition,
                   offset=marker.offset)
