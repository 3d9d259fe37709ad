"""Status check: who is checked (Rec 1), by which route, what status is found, and whether an
officer can attend. Pure: scenario values and a seeded ``rng`` in, a decision out."""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from nexus_contracts.high_harm import HighHarmDefinition
from nexus_contracts.nationalities import EU_MEMBERS
from nexus_contracts.randomness import choose_weighted, lognormal_minutes
from nexus_contracts.vocabulary import CheckReason, CheckRoute, DiscrepancyKind, IabsOutcome, ImmigrationStatus as S
from nexus_contracts.vocabulary import OffenceCategory

from .ccu_queue import CcuQueue

if TYPE_CHECKING:
    from nexus_contracts.scenario import Scenario

__all__ = ["CheckPlan", "StatusFinding", "check_reason", "find_status", "is_foreign_national", "is_high_harm",
           "is_referred", "plan_check"]

BRITISH = "GB"
_OF_INTEREST = frozenset({S.OVERSTAYER, S.ILLEGAL_ENTRANT, S.ABSCONDER, S.NO_TRACE})
_STATUS_MIX = {
    "held_foreign": {S.OVERSTAYER: 35, S.ILLEGAL_ENTRANT: 25, S.ABSCONDER: 15, S.LAWFUL_LEAVE: 15, S.SETTLED: 10},
    "eu": {S.EU_FREE_MOVEMENT: 86, S.SETTLED: 9, S.ABSCONDER: 2, S.NO_TRACE: 3},
    "matched": {S.LAWFUL_LEAVE: 34, S.SETTLED: 22, S.ASYLUM_PENDING: 12, S.OVERSTAYER: 18, S.ILLEGAL_ENTRANT: 6,
                S.ABSCONDER: 8},
    "unmatched": {S.LAWFUL_LEAVE: 30, S.SETTLED: 30, S.NO_TRACE: 22, S.ILLEGAL_ENTRANT: 10, S.OVERSTAYER: 8},
}


@dataclass(frozen=True)
class CheckPlan:
    route: CheckRoute
    answer_minutes: float


@dataclass(frozen=True)
class StatusFinding:
    status: S
    immigration_interest: bool
    officer_attends_at: datetime | None


def is_foreign_national(claimed_nationality: str, discrepancy: DiscrepancyKind | None) -> bool:
    return claimed_nationality != BRITISH or discrepancy is DiscrepancyKind.CLAIMS_BRITISH_HELD_FOREIGN


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
    """Rec 5: a foreign national is high harm under the definition in force (ACRO is asked)."""
    return foreign_national and definition.covers(offence, prior_immigration_encounters)


def is_referred(scenario: "Scenario", suite: str, at: datetime, rng: random.Random) -> bool:
    """Whether custody staff actually raise the check (before go-live, checks are ad hoc)."""
    compliance = scenario.referral_policy.check_compliance
    if at.date() < scenario.suite_live_from(suite):
        compliance *= 0.5
    return rng.random() < compliance


def plan_check(scenario: "Scenario", queue: CcuQueue, suite: str, at: datetime, rng: random.Random) -> CheckPlan:
    """Embedded officer on duty at that suite and hour, else the CCU, else the phone."""
    model = scenario.operating_model
    if _embedded_on_duty(scenario, suite, at):
        return CheckPlan(CheckRoute.EMBEDDED_OFFICER, _minutes(rng, model.embedded_check))
    if queue.covers(at):
        wait = queue.wait_minutes(at, rng)
        return CheckPlan(CheckRoute.CCU_REMOTE, wait + _minutes(rng, model.ccu.check))
    return CheckPlan(CheckRoute.PHONE, _minutes(rng, model.phone_check))


def find_status(
    scenario: "Scenario", nationality: str, outcome: IabsOutcome, discrepancy: DiscrepancyKind | None,
    route: CheckRoute, answered_at: datetime, rng: random.Random,
) -> StatusFinding:
    status = S(choose_weighted(rng, _STATUS_MIX[_profile(nationality, outcome, discrepancy)]))
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


def _embedded_on_duty(scenario: "Scenario", suite: str, at: datetime) -> bool:
    live = scenario.suite_live_from(suite)
    for cover in scenario.operating_model.embedded:
        starts = cover.from_date or live
        if suite in cover.suites and at.date() >= max(starts, live) and cover.on_duty(at.weekday(), at.hour):
            return True
    return False


def _minutes(rng: random.Random, timing) -> float:
    return lognormal_minutes(rng, timing.median_minutes, timing.spread)
