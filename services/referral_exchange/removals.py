"""After the IE decision: the removal case, from decision to departure or to why not. Pure: the decision,
the scenario's ``removals`` model and a seeded ``rng`` in, the case's milestones (in event time) out.

- ``detained`` -> enforced removal, from detention: casework of weeks; ``deportation_consideration`` ->
  deportation: months, and only a share of considerations end in an order (the others close then, the
  person remains); both may need an ETD (Rec 4), which completes after a delay and may be refused
  (no removal), and may meet a barrier (appeal, asylum claim, judicial review) that stops removal or
  delays it; a detained person is released when a barrier is raised.
- ``papers_served`` -> a share leave of their own accord; the others' cases are closed at review.
- ``no_action`` -> no case.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from nexus_contracts.randomness import choose_weighted, lognormal_minutes
from nexus_contracts.vocabulary import BarrierKind, IeDecision, RemovalOutcome, RemovalRoute

if TYPE_CHECKING:
    from nexus_contracts.scenario import DaysTiming, Removals

__all__ = ["EtdCompletion", "RemovalCase", "removal_case", "route_of"]

_MINUTES_A_DAY = 1440
_ROUTES = {IeDecision.DETAINED: RemovalRoute.ENFORCED_REMOVAL, IeDecision.DEPORTATION_CONSIDERATION: RemovalRoute.DEPORTATION,
           IeDecision.PAPERS_SERVED: RemovalRoute.VOLUNTARY_DEPARTURE}
_LEAVES = {RemovalRoute.ENFORCED_REMOVAL: RemovalOutcome.REMOVED, RemovalRoute.DEPORTATION: RemovalOutcome.DEPORTED,
           RemovalRoute.VOLUNTARY_DEPARTURE: RemovalOutcome.DEPARTED_VOLUNTARILY}


@dataclass(frozen=True)
class EtdCompletion:
    completed_at: datetime
    issued: bool


@dataclass(frozen=True)
class RemovalCase:
    route: RemovalRoute
    detained: bool
    outcome: RemovalOutcome
    closed_at: datetime
    barrier: BarrierKind | None
    detention_days: float
    etd: EtdCompletion | None

    @property
    def left_uk_at(self) -> datetime | None:
        return self.closed_at if self.outcome.left_uk else None


def route_of(decision: IeDecision) -> RemovalRoute | None:
    """The route a decision opens; None for no action (no case)."""
    return _ROUTES.get(decision)


def removal_case(decision: IeDecision, etd_application: bool, decided_at: datetime, model: "Removals",
                 rng: random.Random) -> RemovalCase | None:
    route = route_of(decision)
    if route is None:
        return None
    if route is RemovalRoute.VOLUNTARY_DEPARTURE:
        return _voluntary(decided_at, model, rng)
    detained = decision is IeDecision.DETAINED
    casework = model.removal_casework if detained else model.deportation_casework
    ready_at = decided_at + _days(rng, casework)
    etd = _etd(decided_at, model, rng) if etd_application else None  # every application completes (Rec 4)
    if not detained and rng.random() >= model.deportation_order_share:
        return RemovalCase(route, False, RemovalOutcome.REMAINS, ready_at, None, 0.0, etd)
    barrier_share = model.removal_barrier_share if detained else model.deportation_barrier_share
    barrier, raised_at, resolved_at, upheld = _barrier(decided_at, ready_at, barrier_share, model, rng)
    released_at = raised_at if barrier is not None else None
    if etd is not None and not etd.issued:
        outcome, closed_at = RemovalOutcome.NO_TRAVEL_DOCUMENT, etd.completed_at
    elif upheld:
        outcome, closed_at = RemovalOutcome.BARRIER_UPHELD, resolved_at
    else:
        outcome = _LEAVES[route]
        closed_at = max(ready_at, etd.completed_at if etd else ready_at, resolved_at or ready_at)
    detention = _detention_days(detained, decided_at, min(closed_at, released_at or closed_at))
    return RemovalCase(route, detained, outcome, closed_at, barrier, detention, etd)


def _voluntary(decided_at: datetime, model: "Removals", rng: random.Random) -> RemovalCase:
    if rng.random() < model.voluntary_departure_share:
        outcome, after = RemovalOutcome.DEPARTED_VOLUNTARILY, _days(rng, model.voluntary_departure)
    else:
        outcome, after = RemovalOutcome.REMAINS, _days(rng, model.review_after)
    return RemovalCase(RemovalRoute.VOLUNTARY_DEPARTURE, False, outcome, decided_at + after, None, 0.0, None)


def _etd(decided_at: datetime, model: "Removals", rng: random.Random) -> EtdCompletion:
    completed_at = decided_at + _days(rng, model.etd_delay)
    return EtdCompletion(completed_at, rng.random() >= model.etd_refused_share)


def _barrier(decided_at: datetime, ready_at: datetime, share: float, model: "Removals", rng: random.Random,
             ) -> tuple[BarrierKind | None, datetime | None, datetime | None, bool]:
    """A barrier raised at some point of the casework, resolved after the barrier delay; upheld or not."""
    if rng.random() >= share:
        return None, None, None, False
    kind = BarrierKind(choose_weighted(rng, model.barrier_kinds))
    raised_at = decided_at + (ready_at - decided_at) * rng.random()
    resolved_at = raised_at + _days(rng, model.barrier_delay)
    return kind, raised_at, resolved_at, rng.random() < model.barrier_upheld_share


def _detention_days(detained: bool, from_at: datetime, until: datetime) -> float:
    return round((until - from_at).total_seconds() / 86400, 4) if detained else 0.0


def _days(rng: random.Random, timing: "DaysTiming") -> timedelta:
    return timedelta(minutes=round(lognormal_minutes(rng, timing.median_days * _MINUTES_A_DAY, timing.spread)))
