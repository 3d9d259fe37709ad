"""One person's journey through the four services: each event, when, who said what, and the waits."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from typing import Any

from pydantic import BaseModel

from nexus_contracts import Event

from .journeys import Journeys

__all__ = ["FACTS", "Step", "TraceError", "key_facts", "trace"]

# The payload fields worth showing per event type (dotted paths into the payload).
FACTS: dict[str, tuple[str, ...]] = {
    "ArrestMade": ("arrest_ref", "detainee.claimed_nationality", "offence.category", "offence.indictable"),
    "BookingOpened": ("case.custody_record_id", "case.police_ready_at", "case.pace_limit_at"),
    "IabsSearchCompleted": ("iabs.outcome", "iabs.record_nationality", "iabs.discrepancy"),
    "StatusCheckRequested": ("route", "reason"),
    "StatusCheckNotRequired": ("reason", "foreign_national"),
    "StatusCheckAnswered": ("status.status", "status.route", "status.immigration_interest",
                            "status.officer_attends_at", "status.high_harm"),
    "AcroCheckRequested": ("country", "channel"),
    "AcroCheckAnswered": ("channel", "replied", "records"),
    "ReferralCreated": ("reason", "basis", "high_harm_definition"),
    "IeDecisionMade": ("decision", "etd_application"),
    "NonAttendanceRecorded": ("route", "released_at", "officer_could_attend"),
    "JourneyConcluded": ("handed_to_immigration", "released_at", "waited_for_check_hours"),
    "BookingClosed": ("outcome", "custody_hours", "custody_cost_gbp"),
    "JourneyRecorded": ("status_checked", "minutes_to_status", "referrals", "etd_applications", "high_harm"),
}


class TraceError(LookupError):
    pass


@dataclass(frozen=True)
class Step:
    at: datetime
    producer: str
    event_type: str
    facts: str
    since_previous: timedelta | None
    after_cause: timedelta | None


def trace(journeys: Journeys, custody_record: str) -> list[Step]:
    events = journeys.events_of(custody_record)
    if not events:
        known = ", ".join(sorted(journeys.by_id)[:3])
        raise TraceError(f"no custody record {custody_record!r} in the log ({len(journeys)} records, e.g. {known})")
    by_id = {event.event_id: event for event in events}
    steps, previous = [], None
    for event in events:
        cause = by_id.get(event.causation_id) if event.causation_id else None
        steps.append(Step(event.occurred_at, event.producer.value, event.event_type, key_facts(event),
                          event.occurred_at - previous.occurred_at if previous else None,
                          event.occurred_at - cause.occurred_at if cause else None))
        previous = event
    return steps


def key_facts(event: Event) -> str:
    facts = []
    for path in FACTS.get(event.event_type, ()):
        value = _at(event.payload, path)
        if value is not None and value != ():
            facts.append(f"{path.rsplit('.', 1)[-1]}={_short(value)}")
    return ", ".join(facts)


def _at(model: Any, path: str) -> Any:
    for part in path.split("."):
        model = getattr(model, part, None)
    return model


def _short(value: Any) -> str:
    if isinstance(value, datetime):
        return f"{value:%m-%d %H:%M}"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, tuple):
        return "[" + "; ".join(_short(item) for item in value) + "]"
    if isinstance(value, BaseModel):  # e.g. an overseas record: "LT conviction violence 1A-P"
        code = getattr(value, "code", None)
        return code or " ".join(name if v is True else _short(v) for name, v in value if v not in (None, False))
    return str(value)
