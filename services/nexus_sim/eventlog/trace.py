"""One person's journey through the four services: each event, when, who said what, and the waits;
and what a service refused of it (dead letters), where it was refused."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from typing import Any

from pydantic import BaseModel

from nexus_contracts import Event

from .dead_letters import DeadLetter, dead_letters
from .journeys import Journeys

__all__ = ["FACTS", "Step", "TraceError", "journey_dead_letters", "key_facts", "trace"]

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
    at: datetime | None  # None: a dead letter whose time cannot be read, in a log without the journey's events
    producer: str
    event_type: str
    facts: str
    since_previous: timedelta | None
    after_cause: timedelta | None
    dead_letter: bool = False


def trace(journeys: Journeys, custody_record: str) -> list[Step]:
    """The journey's events and dead letters in time order (a dead letter after the events of its
    time; one whose time cannot be read, at the end)."""
    events = journeys.events_of(custody_record)
    refused = journey_dead_letters(journeys, custody_record)
    if not events and not refused:
        known = ", ".join(sorted(journeys.by_id)[:3])
        raise TraceError(f"no custody record {custody_record!r} in the log ({len(journeys)} records, e.g. {known})")
    by_id = {event.event_id: event for event in events}
    steps = [Step(event.occurred_at, event.producer.value, event.event_type, key_facts(event), None,
                  event.occurred_at - by_id[event.causation_id].occurred_at if event.causation_id in by_id else None)
             for event in events]
    end = events[-1].occurred_at if events else None
    for letter in refused:
        at = letter.occurred_at or end
        facts = f"dead-lettered by {letter.service}: {letter.reason} (from {letter.source})"
        steps.append(Step(at, letter.service, letter.event_type, facts, None, None, True))
    if any(step.at is None for step in steps):  # nothing to place them by: they keep the log's order
        return steps
    steps.sort(key=lambda step: (step.at, step.dead_letter))  # stable: events keep their causal order
    return [Step(s.at, s.producer, s.event_type, s.facts, s.at - steps[i - 1].at if i else None, s.after_cause,
                 s.dead_letter) for i, s in enumerate(steps)]


def journey_dead_letters(journeys: Journeys, custody_record: str) -> list[DeadLetter]:
    """The dead letters of a journey: the original value is an event (or a JSON object) of it, or,
    unreadable, it is keyed by the journey's custody suite and names its custody record or arrest ref."""
    record = journeys.resolve(custody_record)
    ids = {record, *(alias for alias, target in journeys.aliases.items() if target == record)}
    events = journeys.events_of(record)
    suite = events[0].custody_suite if events else None
    found = []
    for letter in dead_letters(journeys.others):
        correlation = letter.correlation_id
        if (journeys.resolve(correlation) == record if correlation is not None else letter.mentions(ids, suite)):
            found.append(letter)
    return found


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
