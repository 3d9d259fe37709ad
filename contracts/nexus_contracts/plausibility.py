"""Plausibility at the door: what a well-formed event may still not say (contracts/README.md, "Bounds").

Checked on the event alone, with the times it carries: none before 2000 or from 2100 on; the booking
facts in order (booked, police ready, PACE limit, at most 36 h after booking); nothing before the booking
(the arrest comes before it, and later events carry the booking, not the arrest); nothing after the PACE
limit plus the longest immigration detention (an ACRO answer: up to a year after its request); and the
custody record an event names is its journey's (its correlation id). Numeric bounds are on the models.
"""

from datetime import datetime, timedelta
from functools import lru_cache
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import AwareDatetime, BaseModel

from .envelope import Event
from .limits import ACRO_MAX_DAYS, DETENTION_MAX_HOURS, EARLIEST, LATEST, PACE_MAX_HOURS
from .payloads_common import CaseFacts

__all__ = ["implausible"]

_PACE = timedelta(hours=PACE_MAX_HOURS)
_AFTER_PACE = timedelta(hours=DETENTION_MAX_HOURS)
_ACRO_ANSWER = timedelta(days=ACRO_MAX_DAYS)


def implausible(event: Event) -> str | None:
    """Why ``event`` cannot be part of a journey, or None."""
    times = [("occurred_at", event.occurred_at), *_times_in(event.payload)]
    for name, at in times:
        if not EARLIEST <= at < LATEST:
            return f"{event.event_type}: field '{name}': {at.isoformat()} is outside {EARLIEST.year}-{LATEST.year - 1}"
    fields = type(event.payload).model_fields
    case = event.payload.case if "case" in fields else None
    record = case.custody_record_id if case is not None else (
        event.payload.custody_record_id if "custody_record_id" in fields else None)
    if record is not None and record != event.correlation_id:
        return f"{event.event_type}: custody record {record!r} is not its journey's ({event.correlation_id!r})"
    return _against_the_booking(event, case, times) if case is not None else _numbers(event)


def _against_the_booking(event: Event, case: CaseFacts, times: list[tuple[str, datetime]]) -> str | None:
    if not case.booked_at <= case.police_ready_at <= case.pace_limit_at <= case.booked_at + _PACE:
        return (f"{event.event_type}: booking times out of order or over PACE: booked {case.booked_at.isoformat()}, "
                f"police ready {case.police_ready_at.isoformat()}, PACE limit {case.pace_limit_at.isoformat()}")
    latest = case.pace_limit_at + _AFTER_PACE
    for name, at in times:
        if at < case.booked_at:
            return f"{event.event_type}: field '{name}': {at.isoformat()} is before the booking ({case.booked_at.isoformat()})"
        allowed = max(latest, event.payload.requested_at + _ACRO_ANSWER) \
            if name == "occurred_at" and event.event_type == "AcroCheckAnswered" else latest
        if at > allowed:
            return (f"{event.event_type}: field '{name}': {at.isoformat()} is after the PACE limit plus "
                    f"{DETENTION_MAX_HOURS} h of detention ({latest.isoformat()})")
    return None


def _numbers(event: Event) -> str | None:
    payload = event.payload
    if event.event_type == "BookingClosed" and payload.immigration_detention_hours > payload.custody_hours:
        return (f"BookingClosed: immigration_detention_hours {payload.immigration_detention_hours} is more than "
                f"custody_hours {payload.custody_hours}")
    return None


def _times_in(model: BaseModel, prefix: str = "payload.") -> list[tuple[str, datetime]]:
    found = []
    for name, nested in _time_fields(type(model)):
        value = getattr(model, name)
        if value is None:
            continue
        found += _times_in(value, f"{prefix}{name}.") if nested else [(prefix + name, value)]
    return found


@lru_cache(maxsize=None)
def _time_fields(model: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """(field name, is a nested model) of the fields of ``model`` that are or hold times."""
    fields = []
    for name, field in model.model_fields.items():
        kinds = _kinds(field.annotation)
        if any(kind in (datetime, AwareDatetime) for kind in kinds):
            fields.append((name, False))
        elif any(isinstance(kind, type) and issubclass(kind, BaseModel) and _time_fields(kind) for kind in kinds):
            fields.append((name, True))
    return tuple(fields)


def _kinds(annotation: Any) -> list[Any]:
    """The types an annotation admits, through ``Annotated`` and unions."""
    if get_origin(annotation) is Annotated:
        return _kinds(get_args(annotation)[0])
    if get_origin(annotation) in (Union, UnionType):
        return [kind for arg in get_args(annotation) for kind in _kinds(arg)]
    return [annotation]
