"""Plausibility at the door: what a well-formed event may still not say (contracts/README.md, "Bounds").

Checked on the event alone, with the times it carries: none before 2000 or from 2100 on; the booking
facts in order (booked, police ready, PACE limit, at most 36 h after booking); nothing before the booking
(the arrest comes before it, and later events carry the booking, not the arrest); nothing after the PACE
limit plus the longest immigration detention (an ACRO answer: up to a year after its request); and the
custody record an event names is its journey's (its correlation id). Numeric bounds are on the models.
"""

from datetime import datetime, timedelta
from functools import lru_cache
from operator import attrgetter
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
    payload = event.payload
    fields = type(payload).model_fields
    case = payload.case if "case" in fields else None
    record = case.custody_record_id if case is not None else (
        payload.custody_record_id if "custody_record_id" in fields else None)
    if record is not None and record != event.correlation_id:
        return f"{event.event_type}: custody record {record!r} is not its journey's ({event.correlation_id!r})"
    times = [("occurred_at", event.occurred_at), *_times_in(payload)]
    if case is not None:
        return _against_the_booking(event, case, times)
    for name, at in times:
        if not EARLIEST <= at < LATEST:
            return _outside(event, name, at)
    return _numbers(event)


def _outside(event: Event, name: str, at: datetime) -> str:
    return f"{event.event_type}: field '{name}': {at.isoformat()} is outside {EARLIEST.year}-{LATEST.year - 1}"


def _against_the_booking(event: Event, case: CaseFacts, times: list[tuple[str, datetime]]) -> str | None:
    """Every time within the booking's: from booked_at to the PACE limit plus detention (so within the
    time range, which is checked on the booking alone)."""
    if not EARLIEST <= case.booked_at <= case.police_ready_at <= case.pace_limit_at <= case.booked_at + _PACE:
        return (f"{event.event_type}: booking times out of order, over PACE or before {EARLIEST.year}: booked "
                f"{case.booked_at.isoformat()}, police ready {case.police_ready_at.isoformat()}, PACE limit "
                f"{case.pace_limit_at.isoformat()}")
    latest = case.pace_limit_at + _AFTER_PACE
    if latest >= LATEST or event.occurred_at >= LATEST:
        return _outside(event, "case.pace_limit_at" if latest >= LATEST else "occurred_at", max(latest, event.occurred_at))
    for name, at in times:
        if at < case.booked_at:
            return f"{event.event_type}: field '{name}': {at.isoformat()} is before the booking ({case.booked_at.isoformat()})"
        if at > latest and not (name == "occurred_at" and event.event_type == "AcroCheckAnswered"
                                and at <= event.payload.requested_at + _ACRO_ANSWER):
            return (f"{event.event_type}: field '{name}': {at.isoformat()} is after the PACE limit plus "
                    f"{DETENTION_MAX_HOURS} h of detention ({latest.isoformat()})")
    return None


def _numbers(event: Event) -> str | None:
    payload = event.payload
    if event.event_type == "BookingClosed" and payload.immigration_detention_hours > payload.custody_hours:
        return (f"BookingClosed: immigration_detention_hours {payload.immigration_detention_hours} is more than "
                f"custody_hours {payload.custody_hours}")
    return None


def _times_in(payload: BaseModel) -> list[tuple[str, datetime]]:
    found = []
    for name, read in _time_readers(type(payload)):
        at = read(payload)
        if at is not None:
            found.append((name, at))
    return found


@lru_cache(maxsize=None)
def _time_readers(model: type[BaseModel]) -> tuple[tuple[str, attrgetter], ...]:
    """(dotted name, getter) of every time in a payload type, through its nested models."""
    return tuple((f"payload.{path}", attrgetter(path)) for path in _time_paths(model))


def _time_paths(model: type[BaseModel]) -> list[str]:
    paths = []
    for name, field in model.model_fields.items():
        kinds = _kinds(field.annotation)
        if any(kind in (datetime, AwareDatetime) for kind in kinds):
            paths.append(name)
        model_kinds = [kind for kind in kinds if isinstance(kind, type) and issubclass(kind, BaseModel)]
        if len(kinds) == 1 and model_kinds:  # a required nested model (no payload has an optional one with times)
            paths += [f"{name}.{inner}" for inner in _time_paths(model_kinds[0])]
    return paths


def _kinds(annotation: Any) -> list[Any]:
    """The types an annotation admits, through ``Annotated`` and unions."""
    if get_origin(annotation) is Annotated:
        return _kinds(get_args(annotation)[0])
    if get_origin(annotation) in (Union, UnionType):
        return [kind for arg in get_args(annotation) for kind in _kinds(arg)]
    return [annotation]
