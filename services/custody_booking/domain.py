"""Custody booking: open a custody record under the PACE clock, and close it with its cost.

Pure decisions: plain values in, plain values out. Stdlib and contracts' plain
pieces only; durations come from seeded draws passed in as ``rng``.
"""

import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from nexus_contracts.limits import DETENTION_MAX_HOURS
from nexus_contracts.randomness import choose_weighted, lognormal_minutes
from nexus_contracts.vocabulary import CustodyOutcome, PoliceDisposal

if TYPE_CHECKING:
    from nexus_contracts.scenario import CustodyModel, PriceBand

__all__ = ["Booking", "Closure", "close_booking", "custody_record_id", "open_booking", "pace_reviews", "price_of"]

PACE_LIMIT = timedelta(hours=24)
PACE_LIMIT_INDICTABLE = timedelta(hours=36)
FIRST_REVIEW_HOURS = 6.0
REVIEW_INTERVAL_HOURS = 9.0


@dataclass(frozen=True)
class Booking:
    booked_at: datetime
    police_ready_at: datetime
    pace_limit_at: datetime


@dataclass(frozen=True)
class Closure:
    outcome: CustodyOutcome
    left_custody_at: datetime
    custody_hours: float
    immigration_detention_hours: float
    constant_watch: bool
    cost_gbp: int
    pace_reviews: int


def custody_record_id(suite: str, arrested_at: datetime, arrest_hex: str) -> str:
    return f"{suite}/{arrested_at:%y%m%d}/{arrest_hex[:8].upper()}"


def open_booking(arrested_at: datetime, indictable: bool, model: "CustodyModel", rng: random.Random) -> Booking:
    """Book the person in; police need a modelled time, never beyond the PACE limit."""
    booked_at = arrested_at + timedelta(minutes=lognormal_minutes(rng, model.booking_minutes.median_minutes,
                                                                  model.booking_minutes.spread))
    limit = booked_at + (PACE_LIMIT_INDICTABLE if indictable else PACE_LIMIT)
    need = timedelta(minutes=lognormal_minutes(rng, model.investigation.median_minutes, model.investigation.spread))
    return Booking(booked_at, min(booked_at + need, limit), limit)


def close_booking(
    booked_at: datetime, released_at: datetime, handed_to_immigration: bool, model: "CustodyModel", rng: random.Random
) -> Closure:
    """Close the record: police disposal, or immigration detention in a police cell until transfer."""
    disposal = PoliceDisposal(choose_weighted(rng, model.disposal_shares))
    reviews = pace_reviews(_hours(released_at - booked_at))
    if not handed_to_immigration:
        return Closure(CustodyOutcome(disposal.value), released_at, _hours(released_at - booked_at), 0.0, False, 0, reviews)
    transfer_minutes = lognormal_minutes(rng, model.transfer.median_minutes, model.transfer.spread)
    detention = _hours(timedelta(minutes=min(transfer_minutes, DETENTION_MAX_HOURS * 60)))  # the contract's bound
    watch = rng.random() < model.constant_watch_share
    left = released_at + timedelta(hours=detention)
    cost = price_of(detention, watch, model.prices)
    return Closure(CustodyOutcome.HANDED_TO_IMMIGRATION, left, _hours(left - booked_at), detention, watch, cost, reviews)


def pace_reviews(police_detention_hours: float) -> int:
    """Reviews held: the first within 6 h, then at most every 9 h (PACE s40)."""
    if police_detention_hours <= FIRST_REVIEW_HOURS:
        return 0
    return 1 + math.floor((police_detention_hours - FIRST_REVIEW_HOURS) / REVIEW_INTERVAL_HOURS)


def price_of(hours: float, constant_watch: bool, bands: "tuple[PriceBand, ...]") -> int:
    """Seed 004 price of one immigration detainee; beyond the table, the last band per started period."""
    for band in bands:
        if hours <= band.up_to_hours:
            return band.constant_watch_gbp if constant_watch else band.standard_gbp
    last = bands[-1]
    periods = math.ceil(hours / last.up_to_hours)
    return periods * (last.constant_watch_gbp if constant_watch else last.standard_gbp)


def _hours(delta: timedelta) -> float:
    return round(delta.total_seconds() / 3600, 4)
