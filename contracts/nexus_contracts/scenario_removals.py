"""Scenario part for what follows Immigration Enforcement's decision (``removals``): removal and
deportation casework, emergency travel documents (Rec 4), barriers that stop or delay removal, voluntary
departures. Durations are in days of event time. No seed publishes these; each default says so, and
the calibration test holds the outcome they produce against the public removal figures (README,
"Calibration")."""

from pydantic import Field

from .scenario_parts import Share, _Strict
from .scenario_sources import sourced
from .scenario_weights import Weights
from .vocabulary import BarrierKind

__all__ = ["DaysTiming", "Removals"]

B = BarrierKind
_CASEWORK = ("assumption: removal casework takes weeks, deportation months (seed 001's cases end in removal; "
             "no seed gives durations)")


class DaysTiming(_Strict):
    median_days: float = Field(gt=0, le=3650, description="Median duration in days.")
    spread: float = Field(default=0.7, ge=0, le=2, description="Lognormal sigma of the duration.")


class Removals(_Strict):
    removal_casework: DaysTiming = sourced(_CASEWORK, "Detention decision to enforced removal, no barrier.",
                                          default=DaysTiming(median_days=21, spread=0.7))
    deportation_casework: DaysTiming = sourced(_CASEWORK, "Deportation consideration to deportation, no barrier.",
                                              default=DaysTiming(median_days=120, spread=0.6))
    deportation_order_share: Share = sourced(
        "calibrated: ICIBI 2014 counts 85 removals after police high-harm referrals in 2013/14 (seed 003: 'over "
        "forty' in Nexus's first year); most deportation considerations end without an order",
        "Deportation considerations that lead to a deportation order (the others close without one).", default=0.07)
    etd_delay: DaysTiming = sourced(
        "assumption: seed 002 Rec 4 asks for ETDs 'at the earliest available opportunity' because they delay removal;"
        " no seed gives the delay", "ETD application to its completion.", default=DaysTiming(median_days=35, spread=0.9))
    etd_refused_share: Share = sourced("assumption: some states never re-document their nationals; no seed gives it",
                                       "ETD applications that end without a document (no removal).", default=0.15)
    removal_barrier_share: Share = sourced(
        "assumption: seed 003 reports appeals and judicial reviews against Nexus removals; no seed gives a rate",
        "Enforced-removal cases that meet an appeal, asylum claim or judicial review.", default=0.3)
    deportation_barrier_share: Share = sourced(
        "assumption: deportation carries a right of appeal (seed 003: the Farquharson case went to the Upper "
        "Tribunal); no seed gives a rate", "Deportation cases that meet a barrier.", default=0.5)
    barrier_kinds: Weights[BarrierKind] = sourced(
        "assumption: no seed gives the mix", "Kinds of barrier, relative weights.",
        default={B.APPEAL: 45, B.ASYLUM_CLAIM: 30, B.JUDICIAL_REVIEW: 25})
    barrier_delay: DaysTiming = sourced("assumption: tribunal and court time of months", "Barrier raised to resolved.",
                                        default=DaysTiming(median_days=90, spread=0.8))
    barrier_upheld_share: Share = sourced(
        "assumption: no seed gives how often a barrier stops removal", "Barriers that stop the removal for good.",
        default=0.35)
    voluntary_departure_share: Share = sourced(
        "assumption: the minister's 'over 700' (seed 003) counts departures beyond police removals; the share of "
        "people served papers who then leave is not published", "People served papers who leave of their own accord.",
        default=0.2)
    voluntary_departure: DaysTiming = sourced("assumption: no seed gives it", "Papers served to voluntary departure.",
                                              default=DaysTiming(median_days=60, spread=0.8))
    review_after: DaysTiming = sourced(
        "assumption: a case of someone who neither leaves nor is detained is reviewed and closed after months",
        "Papers served to closing the case of someone who did not leave.", default=DaysTiming(median_days=180, spread=0.4))
