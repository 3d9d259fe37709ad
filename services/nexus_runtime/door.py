"""What a message must be to be handled (ARCHITECTURE.md invariants 5 and 7): within the size limit, a
value, headers that agree with its event, an event on its own topic, plausible, and carrying nothing
its topic's boundary does not allow. Each check returns why a message is refused, or None.
"""

from nexus_contracts import Event
from nexus_contracts.catalogue import TopicSpec, topic_for_event
from nexus_contracts.plausibility import implausible
from nexus_contracts.sharing import DisclosureError, DisclosurePolicy
from nexus_contracts.wire import CONTENT_TYPE

from .records import Record, record_size

__all__ = ["DEFAULT_MAX_MESSAGE_BYTES", "OWN_HEADER_BYTES", "oversized", "refused"]

DEFAULT_MAX_MESSAGE_BYTES = 900_000
"""Largest record a service takes in or sends: below the broker's 1 MiB ``message.max.bytes``, with room
for a dead letter's headers."""


OWN_HEADER_BYTES = 1024
"""More than the headers a service puts on what it produces, but for the run header (and trace context)."""


def oversized(record: Record, limit: int) -> str | None:
    """The size of ``record`` if it is over ``limit``, else None."""
    chars = sum(len(name) + len(value) for name, value in record.headers.items())
    if len(record.key or b"") + len(record.value or b"") + 4 * chars <= limit:  # UTF-8: at most 4 bytes a character
        return None
    size = record_size(record)
    return f"{size:,} bytes, over the limit of {limit:,}" if size > limit else None


def refused(event: Event, headers: dict[str, str], spec: TopicSpec, disclosure: DisclosurePolicy) -> str | None:
    """Why a decoded ``event`` that came on ``spec`` with ``headers`` may not be handled, or None."""
    home = topic_for_event(event.event_type).name
    if home != spec.name:
        return f"{event.event_type} does not belong on {spec.name} (its topic: {home})"
    for name, expected in (("event_type", event.event_type), ("synthetic", "true"), ("content-type", CONTENT_TYPE)):
        if headers.get(name, expected) != expected:
            return f"header '{name}' is {headers[name][:80]!r}, the event says {expected!r}"
    reason = implausible(event)
    if reason is not None:
        return reason
    try:
        disclosure.check(spec, event.payload)
    except DisclosureError as exc:
        return f"refused at the boundary: {exc}"
    return None
