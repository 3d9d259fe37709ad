"""Scenario parts for the operating model: embedded officer rotas, CCU cover, remote and phone checks."""

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator, model_validator

from .scenario_parts import HourRange, Share, Timing, _hours, _Strict
from .scenario_sources import sourced

__all__ = ["WEEKDAYS", "Absence", "CcuCover", "EmbeddedCover", "OperatingModel", "Shift", "Weekday"]

MAX_STAFF = 1000  # a pool's staff at most: beyond it a run would only be slow, not different
MINUTES_A_WEEK = 7 * 1440  # how far ahead a pool looks for a free officer (status_check/capacity.py)


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class EmbeddedCover(_Strict):
    """An embedded officer roster: these suites, these hours, on these days. Several covers make
    a rota, e.g. officers re-allocated each day to the suites expecting most arrests."""

    suites: tuple[str, ...] = Field(min_length=1, description="Suites with an embedded immigration officer.")
    hours: HourRange = Field(description="Hours of cover, e.g. '08-22'.")
    weekdays: tuple[Weekday, ...] = Field(default=WEEKDAYS, min_length=1, description="Days of cover (mon..sun).")
    from_date: dt.date | None = Field(default=None, description="Cover starts (default: each suite's go-live).")
    officers: int | None = Field(
        default=None, ge=0, le=MAX_STAFF, description="Officers on duty in these hours, shared by the cover's suites (one team: "
        "a busy officer's next check waits or overflows). Default: one per suite.")
    overflow_after_minutes: float = Field(
        default=20, ge=0, le=MINUTES_A_WEEK, description="Longest wait for a free team officer before the check overflows to the CCU.")
    _parse = field_validator("hours", mode="before")(_hours)

    @property
    def headcount(self) -> int:
        return len(self.suites) if self.officers is None else self.officers

    def on_duty(self, weekday: int, hour: int) -> bool:
        """Whether this cover runs at ``weekday`` (0 = Monday) and ``hour``."""
        return WEEKDAYS[weekday] in self.weekdays and self.hours.covers(hour)


class Shift(_Strict):
    """A shift pattern: so many staff on duty in these hours on these days."""

    hours: HourRange = Field(description="Hours of the shift, e.g. '07-19' or '19-07'.")
    staff: int = Field(ge=0, le=MAX_STAFF, description="Staff on duty in the shift.")
    weekdays: tuple[Weekday, ...] = Field(default=WEEKDAYS, min_length=1, description="Days of the shift (mon..sun).")
    _parse = field_validator("hours", mode="before")(_hours)

    def covers(self, at: dt.datetime) -> bool:
        return WEEKDAYS[at.weekday()] in self.weekdays and self.hours.covers(at.hour)


class CcuCover(_Strict):
    """Each force's desk at the Command and Control Unit: operators taking remote status checks."""

    hours: HourRange = sourced("seed 002: the CCU offers 24-hour support (from 2014)", "Hours the CCU takes checks.",
                               default=HourRange(start=0, end=24))
    from_date: dt.date | None = sourced("given by each scenario", "CCU cover starts (default: from the start).",
                                        default=None)
    capacity: int = sourced("assumption: no seed gives a CCU headcount", "Operators on duty in `hours` at each "
                            "force's desk (when `shifts` is empty): each works on one check at a time.", default=6, le=MAX_STAFF, ge=0)
    shifts: tuple[Shift, ...] = Field(default=(), description="Shift pattern of the operators; replaces "
                                      "`hours` x `capacity` when given (staff of overlapping shifts add up).")
    check: Timing = sourced("seed 003: Home Office checks take about 2 hours on average, waits included",
                            "CCU remote check duration.", default=Timing(median_minutes=95, spread=0.6))
    overflow_after_minutes: float = sourced(
        "assumption: a check waits at most two hours for an operator", "Longest wait for a free operator before the "
        "check overflows to the phone.", default=120, ge=0, le=MINUTES_A_WEEK)
    _parse = field_validator("hours", mode="before")(_hours)

    def operators_on_duty(self, at: dt.datetime) -> int:
        if self.from_date is not None and at.date() < self.from_date:
            return 0
        if self.shifts:
            return sum(shift.staff for shift in self.shifts if shift.covers(at))
        return self.capacity if self.hours.covers(at.hour) else 0


class Absence(_Strict):
    """Fewer staff in one pool for a while: sickness, training, a reallocation."""

    pool: str = Field(pattern=r"^(ccu|phone|embedded\.\d+)$",
                      description="ccu, phone, or embedded.<n> (the n-th embedded cover, from 0).")
    force: str | None = Field(default=None, description="Force whose pool is short; None = every force.")
    from_date: dt.date = Field(description="First day of the absence.")
    to_date: dt.date = Field(description="Last day of the absence (inclusive).")
    staff_off: int = Field(ge=1, le=MAX_STAFF, description="Staff away from the pool on those days.")

    @model_validator(mode="after")
    def _dates_in_order(self) -> "Absence":
        if self.to_date < self.from_date:
            raise ValueError(f"to_date {self.to_date} is before from_date {self.from_date}")
        return self

    def applies(self, pool: str, force: str, day: dt.date) -> bool:
        return self.pool == pool and self.force in (None, force) and self.from_date <= day <= self.to_date


class OperatingModel(_Strict):
    embedded: tuple[EmbeddedCover, ...] = Field(default=(), description="Embedded officer rosters.")
    embedded_check: Timing = sourced("assumption: an officer on site checks faster than the 2 h average (seed 003)",
                                     "Embedded check.", default=Timing(median_minutes=35, spread=0.5))
    embedded_attendance_min_minutes: float = sourced(
        "assumption: the embedded officer is in the building", "Least minutes for an embedded officer to attend.",
        default=5, ge=0, le=1440)
    embedded_attendance_max_minutes: float = sourced(
        "assumption: the embedded officer is in the building", "Most minutes for an embedded officer to attend.",
        default=30, ge=0, le=1440)
    ccu: CcuCover | None = Field(default=None, description="Command and Control Unit remote cover.")
    phone_check: Timing = sourced("seed 003: Home Office checks take about 2 hours on average",
                                  "Phone check.", default=Timing(median_minutes=150, spread=0.7))
    remote_attendance: Timing = sourced("assumption: an officer travels across the force area",
                                        "Officer travel to attend after a remote check.",
                                        default=Timing(median_minutes=240, spread=0.6))
    remote_attendance_share: Share = sourced(
        "assumption: seed 002 (ICIBI) found officers often could not attend remote cases; no share given",
        "Share of remote/phone cases of interest where an officer can attend at all.", default=0.6)
    phone_lines: int = sourced("assumption: no seed gives the phone line's capacity", "Checks each force can have "
                               "running by phone at once (the last route: a check overflows to it, never from it).",
                               default=2, ge=1, le=MAX_STAFF)
    absences: tuple[Absence, ...] = Field(default=(), description="Periods with fewer staff in a pool.")
    officer_hour_gbp: float = sourced(
        "assumption: an immigration officer's pay band plus on-costs, about GBP 30/h in 2013; no seed gives it",
        "Cost of one rostered officer- or operator-hour, for the report.", default=30.0, ge=0, le=10_000)

    @model_validator(mode="after")
    def _attendance_in_order(self) -> "OperatingModel":
        if self.embedded_attendance_max_minutes < self.embedded_attendance_min_minutes:
            raise ValueError(f"embedded_attendance_max_minutes {self.embedded_attendance_max_minutes} is below "
                             f"embedded_attendance_min_minutes {self.embedded_attendance_min_minutes}")
        return self
