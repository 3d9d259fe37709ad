"""Scenario parts for arrests: the force's yearly volume, its hour-of-day and weekday profiles, and
one-day surges (a football final, a planned operation) that multiply the rate for a while."""

import datetime as dt
import math

from pydantic import Field, field_validator, model_validator

from .scenario_parts import HourRange, _hours, _Strict
from .scenario_sources import sourced
from .scenario_weights import Profile

__all__ = ["Arrests", "Surge"]


class Surge(_Strict):
    """More arrests than usual at some suites, some hours of one day."""

    on: dt.date = Field(description="Day of the surge, e.g. the Friday night of a football final or the day of a "
                        "planned operation.")
    factor: float = Field(gt=0, le=100, description="Multiplies the usual rate of arrests (3 = three times as many; "
                          "below 1, fewer); overlapping surges multiply.")
    hours: HourRange = Field(default=HourRange(start=0, end=24), description="Hours of the surge, e.g. '18-04' "
                             "(default: the whole day; hours past midnight count on `on` itself, not the next day).")
    suites: tuple[str, ...] = Field(default=(), description="Suite ids of the surge (default: every suite).")
    _parse = field_validator("hours", mode="before")(_hours)

    @model_validator(mode="before")
    @classmethod
    def _yaml_on(cls, data: object) -> object:
        """YAML 1.1 reads a bare ``on:`` key as ``True``; take it as the field ``on``."""
        if isinstance(data, dict) and True in data:
            return {("on" if key is True else key): value for key, value in data.items()}
        return data

    def applies(self, day: dt.date, hour: int, suite_id: str) -> bool:
        return day == self.on and self.hours.covers(hour) and (not self.suites or suite_id in self.suites)


class Arrests(_Strict):
    per_year: float = sourced("given by each scenario: the Met about 250,000 a year (Met Commissioner, 2016); England "
                              "and Wales 1.1 million (2012/13, Home Office)", "Arrests a year across the force's suites.",
                              gt=0, le=10_000_000)
    hourly_profile: Profile = sourced(
        "assumption: arrests peak in the afternoon and evening, fewest before dawn; no seed gives the profile",
        "Relative arrests by hour of day, 0-23.",
        default=(2, 1.5, 1, 0.8, 0.6, 0.6, 0.8, 1.2, 1.8, 2.4, 2.8, 3, 3, 3, 3.1, 3.3, 3.5, 3.6, 3.6, 3.5, 3.3, 3, 2.8, 2.4),
        min_length=24, max_length=24)
    weekday_profile: Profile = sourced("assumption: busier Thursday to Saturday; no seed gives the profile",
                                       "Relative arrests Monday..Sunday.",
                                       default=(1.0, 1.0, 1.0, 1.05, 1.15, 1.2, 1.0), min_length=7, max_length=7)
    surges: tuple[Surge, ...] = Field(
        default=(), description="One-day surges: `[{on: 2013-03-08, factor: 3, hours: '18-24', suites: [...]}]`, "
        "e.g. a Friday night of a football final or a planned operation.")

    def surge_factor(self, day: dt.date, hour: int, suite_id: str) -> float:
        """What the surges of ``day`` multiply the rate of arrests at a suite by in ``hour`` (1 without any)."""
        return math.prod(surge.factor for surge in self.surges if surge.applies(day, hour, suite_id))
