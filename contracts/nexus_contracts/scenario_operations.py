"""Scenario parts for the operating model: embedded officer rotas, CCU cover, remote and phone checks."""

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator

from .scenario_parts import HourRange, Share, Timing, _hours, _Strict

__all__ = ["WEEKDAYS", "CcuCover", "EmbeddedCover", "OperatingModel", "Weekday"]


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class EmbeddedCover(_Strict):
    """An embedded officer roster: these suites, these hours, on these days. Several covers make
    a rota, e.g. officers re-allocated each day to the suites expecting most arrests."""

    suites: tuple[str, ...] = Field(min_length=1, description="Suites with an embedded immigration officer.")
    hours: HourRange = Field(description="Hours of cover, e.g. '08-22'.")
    weekdays: tuple[Weekday, ...] = Field(default=WEEKDAYS, min_length=1, description="Days of cover (mon..sun).")
    from_date: dt.date | None = Field(default=None, description="Cover starts (default: each suite's go-live).")
    _parse = field_validator("hours", mode="before")(_hours)

    def on_duty(self, weekday: int, hour: int) -> bool:
        """Whether this cover runs at ``weekday`` (0 = Monday) and ``hour``."""
        return WEEKDAYS[weekday] in self.weekdays and self.hours.covers(hour)


class CcuCover(_Strict):
    hours: HourRange = Field(default=HourRange(start=0, end=24), description="Hours the CCU takes checks.")
    from_date: dt.date | None = Field(default=None, description="CCU cover starts.")
    capacity: int = Field(default=6, ge=1, description="Checks the CCU can work on at once.")
    check: Timing = Field(default=Timing(median_minutes=95, spread=0.6), description="CCU remote check duration.")
    _parse = field_validator("hours", mode="before")(_hours)


class OperatingModel(_Strict):
    embedded: tuple[EmbeddedCover, ...] = Field(default=(), description="Embedded officer rosters.")
    embedded_check: Timing = Field(default=Timing(median_minutes=35, spread=0.5), description="Embedded check.")
    ccu: CcuCover | None = Field(default=None, description="Command and Control Unit remote cover.")
    phone_check: Timing = Field(default=Timing(median_minutes=150, spread=0.7), description="Phone check.")
    remote_attendance: Timing = Field(
        default=Timing(median_minutes=240, spread=0.6), description="Officer travel to attend after a remote check."
    )
    remote_attendance_share: Share = Field(
        default=0.6, description="Share of remote/phone cases of interest where an officer can attend at all."
    )
