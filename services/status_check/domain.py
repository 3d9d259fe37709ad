"""Status check: who is checked (Rec 1), by which route, what status is found, and whether an
officer can attend. Pure: scenario values and a seeded ``rng`` in, a decision out."""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from nexus_contracts.high_harm import HighHarmDefinition
from nexus_contracts.nationalities import BRITISH, EU_MEMBERS, is_foreign_national
from nexus_contracts.randomness import choose_weighted, lognormal_minutes
from nexus_contracts.staffing import CCU, PHONE, pool_index, pools_serving
from nexus_contracts.vocabulary import CheckReason, CheckRoute, DiscrepancyKind, IabsOutcome, ImmigrationStatus
from nexus_contracts.vocabulary import OffenceCategory

from .capacity import CheckDesk, PoolOption

if TYPE_CHECKING:
    from nexus_contracts.scenario import Scenario

__all__ = ["StatusFinding", "acro_country", "asks_acro", "check_reason", "find_status",
           "is_foreign_national", "is_high_harm", "is_referred", "pool_options", "check_duration", "route_of"]

_OF_INTEREST = frozenset({ImmigrationStatus.OVERSTAYER, ImmigrationStatus.ILLEGAL_ENTRANT,
                          ImmigrationStatus.ABSCONDER, ImmigrationStatus.NO_TRACE})
@dataclass(frozen=True)
class StatusFinding:
    status: ImmigrationStatus
    immigration_interest: bool
    officer_attends_at: datetime | None


def check_reason(claimed_nationality: str, outcome: IabsOutcome, discrepancy: DiscrepancyKind | None) -> CheckReason | None:
    """Rec 1: every foreign national and every IABS match is checked; British non-matches are not."""
    if discrepancy is not None:
        return CheckReason.IDENTITY_DISCREPANCY
    if outcome is IabsOutcome.MATCH:
        return CheckReason.IABS_MATCH
    if claimed_nationality != BRITISH:
        return CheckReason.FOREIGN_NATIONAL
    return None


def is_high_harm(definition: HighHarmDefinition, foreign_national: bool, offence: OffenceCategory,
                 prior_immigration_encounters: int) -> bool:
    """Rec 5: a foreign national is high harm under the definition in force."""
    return foreign_national and definition.covers(offence, prior_immigration_encounters)


def asks_acro(high_harm: bool) -> bool:
    """Rec 5: ACRO is asked for overseas records of every high-harm foreign national, and of no one else."""
    return high_harm


def acro_country(claimed_nationality: str, record_nationality: str | None) -> str:
    """The country ACRO asks: the nationality IABS holds the prints under, else the one claimed."""
    return record_nationality or claimed_nationality


def is_referred(scenario: "Scenario", suite: str, at: datetime, rng: random.Random) -> bool:
    """Whether custody staff raise the check at all: all but the never-referred share (seed 002,
    ICIBI 2016: 5-10%); before the suite goes live, checks are ad hoc (``ad_hoc_referral_factor`` as often)."""
    share = 1.0 - scenario.referral_policy.never_referred_share
    if at.date() < scenario.suite_live_from(suite):
        share *= scenario.referral_policy.ad_hoc_referral_factor
    return rng.random() < share


def route_of(pool: str) -> CheckRoute:
    if pool == CCU:
        return CheckRoute.CCU_REMOTE
    return CheckRoute.PHONE if pool == PHONE else CheckRoute.EMBEDDED_OFFICER


def pool_options(scenario: "Scenario", desk: CheckDesk, suite: str, at: datetime) -> list[PoolOption]:
    """The pools a check raised at ``suite`` at ``at`` may go to, in overflow order, with their limits."""
    model = scenario.operating_model
    options = []
    for name in pools_serving(scenario, suite, at):
        if name == PHONE:
            limit = None
        elif name == CCU:
            limit = timedelta(minutes=model.ccu.overflow_after_minutes)
        else:
            limit = timedelta(minutes=model.embedded[pool_index(name)].overflow_after_minutes)
        options.append(PoolOption(desk.pool(name), route_of(name), limit))
    return options


def check_duration(scenario: "Scenario", route: CheckRoute, rng: random.Random) -> timedelta:
    """How long the check takes once an officer has it, by route."""
    model = scenario.operating_model
    timing = {CheckRoute.EMBEDDED_OFFICER: model.embedded_check, CheckRoute.PHONE: model.phone_check}.get(
        route, model.ccu.check if model.ccu else model.phone_check)
    return timedelta(minutes=_minutes(rng, timing))


def find_status(
    scenario: "Scenario", nationality: str, outcome: IabsOutcome, discrepancy: DiscrepancyKind | None,
    route: CheckRoute, answered_at: datetime, rng: random.Random,
) -> StatusFinding:
    mix = getattr(scenario.immigration_status, _profile(nationality, outcome, discrepancy))
    status = ImmigrationStatus(choose_weighted(rng, mix))
    interest = status in _OF_INTEREST or discrepancy is not None
    if not interest:
        return StatusFinding(status, False, None)
    return StatusFinding(status, True, _attendance(scenario, route, answered_at, rng))


def _attendance(scenario: "Scenario", route: CheckRoute, answered_at: datetime, rng: random.Random) -> datetime | None:
    model = scenario.operating_model
    if route is CheckRoute.EMBEDDED_OFFICER:
        return answered_at + timedelta(minutes=rng.uniform(model.embedded_attendance_min_minutes,
                                                           model.embedded_attendance_max_minutes))
    if rng.random() >= model.remote_attendance_share:
        return None
    return answered_at + timedelta(minutes=_minutes(rng, model.remote_attendance))


def _profile(nationality: str, outcome: IabsOutcome, discrepancy: DiscrepancyKind | None) -> str:
    """Which of the scenario's ``immigration_status`` mixes the status is drawn from."""
    if discrepancy is DiscrepancyKind.CLAIMS_BRITISH_HELD_FOREIGN:
        return "held_foreign"
    if nationality in EU_MEMBERS:
        return "eu"
    return "matched" if outcome is IabsOutcome.MATCH else "unmatched"


def _minutes(rng: random.Random, timing) -> float:
    return lognormal_minutes(rng, timing.median_minutes, timing.spread)
