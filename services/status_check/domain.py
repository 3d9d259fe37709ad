"""Status check: who is checked (Rec 1), by which route, what status is found, and whether an
officer can attend. Pure: scenario values and a seeded ``rng`` in, a decision out."""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from nexus_contracts.high_harm import HighHarmDefinition
from nexus_contracts.nationalities import BRITISH, EU_MEMBERS, is_foreign_national
from nexus_contracts.randomness import choose_weighted, lognormal_minutes
from nexus_contracts.vocabulary import CheckReason, CheckRoute, DiscrepancyKind, IabsOutcome, ImmigrationStatus
from nexus_contracts.vocabulary import OffenceCategory

from .ccu_queue import CcuQueue

if TYPE_CHECKING:
    from nexus_contracts.scenario import Scenario

__all__ = ["CheckPlan", "StatusFinding", "acro_country", "asks_acro", "check_reason", "find_status",
           "is_foreign_national", "is_high_harm", "is_referred", "plan_check"]

_OF_INTEREST = frozenset({ImmigrationStatus.OVERSTAYER, ImmigrationStatus.ILLEGAL_ENTRANT,
                          ImmigrationStatus.ABSCONDER, ImmigrationStatus.NO_TRACE})
_STATUS_MIX = {
    "held_foreign": {
        ImmigrationStatus.OVERSTAYER: 35, ImmigrationStatus.ILLEGAL_ENTRANT: 25, ImmigrationStatus.ABSCONDER: 15,
        ImmigrationStatus.LAWFUL_LEAVE: 15, ImmigrationStatus.SETTLED: 10,
    },
    "eu": {
        ImmigrationStatus.EU_FREE_MOVEMENT: 86, ImmigrationStatus.SETTLED: 9, ImmigrationStatus.ABSCONDER: 2,
        ImmigrationStatus.NO_TRACE: 3,
    },
    "matched": {
        ImmigrationStatus.LAWFUL_LEAVE: 34, ImmigrationStatus.SETTLED: 22, ImmigrationStatus.ASYLUM_PENDING: 12,
        ImmigrationStatus.OVERSTAYER: 18, ImmigrationStatus.ILLEGAL_ENTRANT: 6, ImmigrationStatus.ABSCONDER: 8,
    },
    "unmatched": {
        ImmigrationStatus.LAWFUL_LEAVE: 30, ImmigrationStatus.SETTLED: 30, ImmigrationStatus.NO_TRACE: 22,
        ImmigrationStatus.ILLEGAL_ENTRANT: 10, ImmigrationStatus.OVERSTAYER: 8,
    },
}


@dataclass(frozen=True)
class CheckPlan:
    route: CheckRoute
    answer_minutes: float


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
    """Whether custody staff actually raise the check (before go-live, checks are ad hoc)."""
    compliance = scenario.referral_policy.check_compliance
    if at.date() < scenario.suite_live_from(suite):
        compliance *= 0.5
    return rng.random() < compliance


def plan_check(scenario: "Scenario", queue: CcuQueue, suite: str, at: datetime, rng: random.Random) -> CheckPlan:
    """Embedded officer on duty at that suite and hour, else the CCU, else the phone."""
    model = scenario.operating_model
    if scenario.embedded_on_duty(suite, at.weekday(), at.hour, on=at.date()):
        return CheckPlan(CheckRoute.EMBEDDED_OFFICER, _minutes(rng, model.embedded_check))
    if queue.covers(at):
        wait = queue.wait_minutes(at, rng)
        return CheckPlan(CheckRoute.CCU_REMOTE, wait + _minutes(rng, model.ccu.check))
    return CheckPlan(CheckRoute.PHONE, _minutes(rng, model.phone_check))


def find_status(
    scenario: "Scenario", nationality: str, outcome: IabsOutcome, discrepancy: DiscrepancyKind | None,
    route: CheckRoute, answered_at: datetime, rng: random.Random,
) -> StatusFinding:
    status = ImmigrationStatus(choose_weighted(rng, _STATUS_MIX[_profile(nationality, outcome, discrepancy)]))
    interest = status in _OF_INTEREST or discrepancy is not None
    if not interest:
        return StatusFinding(status, False, None)
    return StatusFinding(status, True, _attendance(scenario, route, answered_at, rng))


def _attendance(scenario: "Scenario", route: CheckRoute, answered_at: datetime, rng: random.Random) -> datetime | None:
    model = scenario.operating_model
    if route is CheckRoute.EMBEDDED_OFFICER:
        return answered_at + timedelta(minutes=rng.uniform(5, 30))
    if rng.random() >= model.remote_attendance_share:
        return None
    return answered_at + timedelta(minutes=_minutes(rng, model.remote_attendance))


def _profile(nationality: str, outcome: IabsOutcome, discrepancy: DiscrepancyKind | None) -> str:
    if discrepancy is DiscrepancyKind.CLAIMS_BRITISH_HELD_FOREIGN:
        return "held_foreign"
    if nationality in EU_MEMBERS:
        return "eu"
    return "matched" if outcome is IabsOutcome.MATCH else "unmatched"


def _minutes(rng: random.Random, timing) -> float:
    return lognormal_minutes(rng, timing.median_minutes, timing.spread)
