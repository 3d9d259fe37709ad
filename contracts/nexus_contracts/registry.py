"""Event types by name, and upcasters from older payload versions to the current one."""

from collections.abc import Callable
from typing import Any

from . import events as ev
from .grading import upcast_acro_answer_v1

__all__ = ["PAYLOAD_TYPES", "UPCASTERS", "upcast"]

PAYLOAD_TYPES: dict[str, type[ev.Payload]] = {
    cls.EVENT_TYPE: cls
    for cls in (
        ev.ArrestMade,
        ev.BookingOpened,
        ev.BookingClosed,
        ev.IabsSearchCompleted,
        ev.StatusCheckRaised,
        ev.StatusCheckRequested,
        ev.StatusCheckNotRequired,
        ev.StatusCheckMissed,
        ev.StatusCheckAnswered,
        ev.AcroCheckRequested,
        ev.AcroCheckAnswered,
        ev.ReferralCreated,
        ev.IeDecisionMade,
        ev.NonAttendanceRecorded,
        ev.JourneyConcluded,
        ev.JourneyRecorded,
        ev.RemovalCaseOpened,
        ev.EtdApplicationCompleted,
        ev.RemovalCaseClosed,
    )
}

Upcaster = Callable[[dict[str, Any]], dict[str, Any]]

# (event type, from version) -> function turning that version's payload into the next version's.
UPCASTERS: dict[tuple[str, int], Upcaster] = {
    ("AcroCheckAnswered", 1): upcast_acro_answer_v1,
}


def upcast(event_type: str, version: int, payload: dict[str, Any]) -> dict[str, Any]:
    """Bring a payload written at ``version`` up to the current version of its type."""
    current = PAYLOAD_TYPES[event_type].VERSION
    while version < current:
        payload = UPCASTERS[(event_type, version)](payload)
        version += 1
    return payload
