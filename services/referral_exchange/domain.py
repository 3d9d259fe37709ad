"""Referral exchange: what police and Immigration Enforcement decide once status is known,
and again when ACRO answers. Pure: plain values and a seeded ``rng`` in, decisions out."""

import random
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from nexus_contracts.high_harm import HighHarmDefinition
from nexus_contracts.randomness import choose_weighted
from nexus_contracts.scenario import release_by
from nexus_contracts.vocabulary import (
    DiscrepancyKind,
    IeDecision,
    ImmigrationStatus,
    OffenceCategory,
    OverseasRecordKind,
    ReferralBasis,
    ReferralReason,
)

if TYPE_CHECKING:
    from nexus_contracts.scenario import ImmigrationEnforcement, ReferralPolicy

__all__ = ["CustodyAssessment", "Referral", "WaitPolicies", "WaitPolicy", "assess_custody", "hours_waited",
           "assess_overseas"]

# The strongest overseas record first: the referral rests on it.
_BASIS_OF_RECORD = (
    (OverseasRecordKind.CONVICTION, ReferralBasis.CONVICTION),
    (OverseasRecordKind.CHARGE, ReferralBasis.CHARGE),
    (OverseasRecordKind.ALLEGATION, ReferralBasis.ALLEGATION),
)
_REMOVAL = frozenset({IeDecision.DETAINED, IeDecision.DEPORTATION_CONSIDERATION})
_NOT_REMOVABLE = frozenset({ImmigrationStatus.BRITISH_CITIZEN})


@dataclass(frozen=True)
class WaitPolicy:
    max_wait_hours: float
    use_non_conviction: bool
    etd_share: float
    allegation_referral_share: float
    decisions: "ImmigrationEnforcement"


class WaitPolicies:
    """The scenario's referral policy under each high-harm definition (Rec 5): whether charges and
    allegations count comes from the definition a status answer names, unless the referral policy
    says otherwise. Both variants are built once."""

    def __init__(self, policy: "ReferralPolicy", decisions: "ImmigrationEnforcement") -> None:
        base = WaitPolicy(
            max_wait_hours=policy.max_wait_for_check_hours,
            use_non_conviction=False,
            etd_share=policy.etd_share,
            allegation_referral_share=policy.allegation_referral_share,
            decisions=decisions,
        )
        self._override = policy.use_non_conviction_intelligence
        self._by_counting = {counts: replace(base, use_non_conviction=counts) for counts in (False, True)}

    def under(self, definition: HighHarmDefinition) -> WaitPolicy:
        counts = definition.counts_non_conviction
        return self._by_counting[counts if self._override is None else self._override]


@dataclass(frozen=True)
class Referral:
    reason: ReferralReason
    basis: ReferralBasis
    decision: IeDecision
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
        return any(r.decision is IeDecision.DETAINED for r in self.referrals)


def assess_custody(
    ready_at: datetime, pace_limit_at: datetime, status: ImmigrationStatus, interest: bool,
    officer_attends_at: datetime | None, high_harm: bool, discrepancy: DiscrepancyKind | None, policy: WaitPolicy,
    rng: random.Random,
) -> CustodyAssessment:
    """Police hold the person at most ``max_wait_hours`` (never past PACE) for an officer to attend."""
    latest = release_by(ready_at, pace_limit_at, policy.max_wait_hours)
    attends = interest and officer_attends_at is not None and officer_attends_at <= latest
    released_at = max(ready_at, officer_attends_at) if attends else (
        latest if interest and officer_attends_at is not None else ready_at)
    referrals: list[Referral] = []
    if attends:
        tables = policy.decisions.after_status
        table = tables.table_for(status)
        reason = ReferralReason.IDENTITY_DISCREPANCY if table is None else ReferralReason.IMMIGRATION_OFFENDER
        referrals.append(_referral(reason, ReferralBasis.IMMIGRATION_STATUS, table or tables.discrepancy_only,
                                   policy, rng))
    elif (high_harm and policy.use_non_conviction and status not in _NOT_REMOVABLE
          and rng.random() < policy.allegation_referral_share):
        referrals.append(_referral(ReferralReason.HIGH_HARM_CURRENT_OFFENCE, ReferralBasis.ALLEGATION,
                                   policy.decisions.high_harm.allegation, policy, rng))
    return CustodyAssessment(released_at, hours_waited(ready_at, released_at), interest and not attends,
                             officer_attends_at is not None, tuple(referrals))


def hours_waited(ready_at: datetime, released_at: datetime) -> float:
    """Hours held beyond police need, waiting for the immigration check or officer."""
    return round(max(0.0, (released_at - ready_at).total_seconds() / 3600), 4)


def assess_overseas(
    records: Iterable[tuple[OverseasRecordKind, OffenceCategory]], definition: HighHarmDefinition,
    policy: WaitPolicy, rng: random.Random,
) -> Referral | None:
    """A high-harm referral on the strongest qualifying overseas record, if any."""
    counted = {OverseasRecordKind.CONVICTION}
    if policy.use_non_conviction:
        counted |= {OverseasRecordKind.CHARGE, OverseasRecordKind.ALLEGATION}
    kinds = {kind for kind, offence in records if kind in counted and offence in definition.offence_categories}
    for kind, basis in _BASIS_OF_RECORD:
        if kind in kinds:
            table = getattr(policy.decisions.high_harm, basis.value)
            return _referral(ReferralReason.HIGH_HARM_OVERSEAS_RECORD, basis, table, policy, rng)
    return None


def _referral(reason: ReferralReason, basis: ReferralBasis, table: dict[IeDecision, float], policy: WaitPolicy,
              rng: random.Random) -> Referral:
    decision = IeDecision(choose_weighted(rng, table))
    etd = decision in _REMOVAL and rng.random() < policy.etd_share
    return Referral(reason, basis, decision, etd)
