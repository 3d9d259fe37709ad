"""Referral exchange: what police and Immigration Enforcement decide once status is known,
and again when ACRO answers. Pure: plain values and a seeded ``rng`` in, decisions out."""

import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from nexus_contracts.high_harm import HighHarmDefinition
from nexus_contracts.randomness import choose_weighted
from nexus_contracts.vocabulary import (
    DiscrepancyKind,
    IeDecision as D,
    ImmigrationStatus as S,
    OffenceCategory,
    OverseasRecordKind as K,
    ReferralBasis as B,
    ReferralReason as R,
)

__all__ = ["CustodyAssessment", "Referral", "WaitPolicy", "assess_custody", "assess_overseas"]

_DECISIONS_BY_STATUS = {
    S.ABSCONDER: {D.DETAINED: 70, D.PAPERS_SERVED: 25, D.NO_ACTION: 5},
    S.OVERSTAYER: {D.DETAINED: 30, D.PAPERS_SERVED: 60, D.NO_ACTION: 10},
    S.ILLEGAL_ENTRANT: {D.DETAINED: 45, D.PAPERS_SERVED: 50, D.NO_ACTION: 5},
    S.NO_TRACE: {D.DETAINED: 10, D.PAPERS_SERVED: 35, D.NO_ACTION: 55},
}
_DECISIONS_DISCREPANCY_ONLY = {D.DETAINED: 15, D.PAPERS_SERVED: 35, D.NO_ACTION: 50}
_DECISIONS_HIGH_HARM = {
    B.CONVICTION: {D.DEPORTATION_CONSIDERATION: 55, D.NO_ACTION: 45},
    B.CHARGE: {D.DEPORTATION_CONSIDERATION: 25, D.NO_ACTION: 75},
    B.ALLEGATION: {D.DEPORTATION_CONSIDERATION: 12, D.NO_ACTION: 88},
}
_REMOVAL = frozenset({D.DETAINED, D.DEPORTATION_CONSIDERATION})
_NOT_REMOVABLE = frozenset({S.BRITISH_CITIZEN})


@dataclass(frozen=True)
class WaitPolicy:
    max_wait_hours: float
    use_non_conviction: bool
    etd_share: float
    allegation_referral_share: float = 0.3


@dataclass(frozen=True)
class Referral:
    reason: R
    basis: B
    decision: D
    etd_application: bool


@dataclass(frozen=True)
class CustodyAssessment:
    released_at: datetime
    waited_hours: float
    released_before_attendance: bool
    officer_could_attend: bool
    referrals: tuple[Referral, ...]

    @property
    def handed_to_immigration(self) -> bool:
        return any(r.decision is D.DETAINED for r in self.referrals)


def assess_custody(
    ready_at: datetime, pace_limit_at: datetime, status: S, interest: bool, officer_attends_at: datetime | None,
    high_harm: bool, discrepancy: DiscrepancyKind | None, policy: WaitPolicy, rng: random.Random,
) -> CustodyAssessment:
    """Police hold the person at most ``max_wait_hours`` (never past PACE) for an officer to attend."""
    latest = min(ready_at + timedelta(hours=policy.max_wait_hours), pace_limit_at)
    attends = interest and officer_attends_at is not None and officer_attends_at <= latest
    released_at = max(ready_at, officer_attends_at) if attends else (
        latest if interest and officer_attends_at is not None else ready_at)
    referrals: list[Referral] = []
    if attends:
        reason = R.IMMIGRATION_OFFENDER if status in _DECISIONS_BY_STATUS else R.IDENTITY_DISCREPANCY
        table = _DECISIONS_BY_STATUS.get(status, _DECISIONS_DISCREPANCY_ONLY)
        referrals.append(_referral(reason, B.IMMIGRATION_STATUS, table, policy, rng))
    elif (high_harm and policy.use_non_conviction and status not in _NOT_REMOVABLE
          and rng.random() < policy.allegation_referral_share):
        referrals.append(_referral(R.HIGH_HARM_CURRENT_OFFENCE, B.ALLEGATION,
                                   _DECISIONS_HIGH_HARM[B.ALLEGATION], policy, rng))
    waited = max(0.0, (released_at - ready_at).total_seconds() / 3600)
    return CustodyAssessment(released_at, round(waited, 4), interest and not attends,
                             officer_attends_at is not None, tuple(referrals))


def assess_overseas(
    records: Iterable[tuple[K, OffenceCategory]], definition: HighHarmDefinition, policy: WaitPolicy,
    rng: random.Random,
) -> Referral | None:
    """A high-harm referral on the strongest qualifying overseas record, if any."""
    counted = {K.CONVICTION} | ({K.CHARGE, K.ALLEGATION} if policy.use_non_conviction else set())
    kinds = {kind for kind, offence in records if kind in counted and offence in definition.offence_categories}
    for kind, basis in ((K.CONVICTION, B.CONVICTION), (K.CHARGE, B.CHARGE), (K.ALLEGATION, B.ALLEGATION)):
        if kind in kinds:
            return _referral(R.HIGH_HARM_OVERSEAS_RECORD, basis, _DECISIONS_HIGH_HARM[basis], policy, rng)
    return None


def _referral(reason: R, basis: B, table: dict[D, int], policy: WaitPolicy, rng: random.Random) -> Referral:
    decision = D(choose_weighted(rng, table))
    etd = decision in _REMOVAL and rng.random() < policy.etd_share
    return Referral(reason, basis, decision, etd)
