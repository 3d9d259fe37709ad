"""One message in, records out: decode, dead-letter, dedupe, handle, check disclosure, encode.

Every transport (the in-memory bus, Kafka via FastStream) calls ``Processor.process``,
so every transport makes the same decisions (DESIGN.md invariant 4).
"""

from collections.abc import Callable, Iterable, Mapping

import structlog

from nexus_contracts import ContractError, Event, decode_event, encode_event, headers_for
from nexus_contracts.catalogue import topic_for_event
from nexus_contracts.sharing import check_disclosure

from .dead_letters import dead_letter
from .idempotency import SeenEvents
from .records import Inbound, Record

__all__ = ["RUN_HEADER", "Handler", "Processor", "to_record"]

# A header every record of one simulation run carries, and each service copies to what it produces.
# Dedupe is by (run, event id): a redelivery is skipped, while a re-run of the same scenario and seed
# (the very same event ids) against long-running services is handled afresh. Not part of any event,
# so it never reaches the outcome digest.
RUN_HEADER = "nexus.run"
Handler = Callable[[Event], Iterable[Event]]
log = structlog.get_logger("nexus.processing")


def to_record(event: Event, run: str = "") -> Record:
    """The record of an event; ``run`` (transport metadata, never part of the event) marks the run."""
    headers = headers_for(event)
    if run:
        headers[RUN_HEADER] = run
    return Record(topic_for_event(event.event_type).name, event.key, encode_event(event), headers, event)


class Processor:
    """Applies a service's handlers to raw messages."""

    def __init__(self, service: str, handlers: Mapping[str, Handler], *, victim_witness_sharing: bool = False,
                 bind_log_context: bool = False) -> None:
        self.service = service
        self._handlers = dict(handlers)
        self._sharing = victim_witness_sharing
        self._bind_log_context = bind_log_context
        self._seen = SeenEvents()
        self.duplicates = 0

    def process(self, message: Inbound) -> list[Record]:
        try:
            event = message.event or decode_event(message.value)
        except ContractError as exc:
            return [self._reject(message, exc.reason)]
        home = topic_for_event(event.event_type).name
        if home != message.topic:
            return [self._reject(message, f"{event.event_type} does not belong on {message.topic} (its topic: {home})")]
        handler = self._handlers.get(event.event_type)
        if handler is None:
            return []
        if self._bind_log_context:
            structlog.contextvars.bind_contextvars(custody_record=event.correlation_id, event_type=event.event_type)
        run = message.headers.get(RUN_HEADER, "")
        if not self._seen.first_time((run, event.event_id)):
            self.duplicates += 1
            return []
        try:
            return [self._checked(out, run) for out in handler(event)]
        except Exception as exc:  # a bug must not block the partition: keep the message, say why
            log.exception("handler failed", service=self.service, event_type=event.event_type)
            return [self._reject(message, f"handler failed: {type(exc).__name__}: {exc}")]

    def forget(self, message: Inbound) -> None:
        """Undo the dedupe mark of ``message``: its output was not delivered, so a redelivery must be
        handled again (the output has the same deterministic ids, so downstream still sees it once)."""
        try:
            event = message.event or decode_event(message.value)
            self._seen.forget((message.headers.get(RUN_HEADER, ""), event.event_id))
        except ContractError:
            pass

    def _checked(self, event: Event, run: str) -> Record:
        check_disclosure(topic_for_event(event.event_type), event.payload, victim_witness_sharing=self._sharing)
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
