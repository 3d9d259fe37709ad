"""Scenario parts for the Home Office's side of a check: which immigration status a check finds
(``immigration_status``) and what Immigration Enforcement decides on a referral
(``immigration_enforcement``). The defaults are the tables the services used before they were
scenario fields (issue 13); no seed publishes them, so each is an assumption, said so with its reason."""

from pydantic import Field

from .scenario_parts import MINUTES_A_YEAR, _Strict
from .scenario_sources import sourced
from .scenario_weights import Weights
from .vocabulary import IeDecision, ImmigrationStatus

__all__ = ["HighHarmDecisions", "ImmigrationEnforcement", "StatusDecisions", "StatusMix"]

S, D = ImmigrationStatus, IeDecision
_NO_MIX = ("assumption: no seed or public figure gives the status mix of people checked in custody; shaped so that "
           "about a third of checks find a person of immigration interest")
_NO_TABLE = "assumption: no seed publishes IE decisions by case; shaped on seed 003's account of what follows a referral"


class StatusMix(_Strict):
    """Relative weights of the status a check finds, by what IABS said of the person."""

    held_foreign: Weights[ImmigrationStatus] = sourced(
        _NO_MIX, "Claims British, prints held under a foreign identity.",
        default={S.OVERSTAYER: 35, S.ILLEGAL_ENTRANT: 25, S.ABSCONDER: 15, S.LAWFUL_LEAVE: 15, S.SETTLED: 10})
    eu: Weights[ImmigrationStatus] = sourced(
        _NO_MIX, "EU nationals (free movement in 2012-2016).",
        default={S.EU_FREE_MOVEMENT: 86, S.SETTLED: 9, S.ABSCONDER: 2, S.NO_TRACE: 3})
    matched: Weights[ImmigrationStatus] = sourced(
        _NO_MIX, "Non-EU foreign nationals whose prints IABS holds.",
        default={S.LAWFUL_LEAVE: 34, S.SETTLED: 22, S.ASYLUM_PENDING: 12, S.OVERSTAYER: 18, S.ILLEGAL_ENTRANT: 6,
                 S.ABSCONDER: 8})
    unmatched: Weights[ImmigrationStatus] = sourced(
        _NO_MIX, "Non-EU foreign nationals IABS does not hold.",
        default={S.LAWFUL_LEAVE: 30, S.SETTLED: 30, S.NO_TRACE: 22, S.ILLEGAL_ENTRANT: 10, S.OVERSTAYER: 8})


class StatusDecisions(_Strict):
    """What IE decides when an officer attends, by the status found (identity discrepancy alone: its own)."""

    absconder: Weights[IeDecision] = sourced(
        _NO_TABLE, "Absconders.", default={D.DETAINED: 70, D.PAPERS_SERVED: 25, D.NO_ACTION: 5})
    overstayer: Weights[IeDecision] = sourced(
        _NO_TABLE, "Overstayers.", default={D.DETAINED: 30, D.PAPERS_SERVED: 60, D.NO_ACTION: 10})
    illegal_entrant: Weights[IeDecision] = sourced(
        _NO_TABLE, "Illegal entrants.", default={D.DETAINED: 45, D.PAPERS_SERVED: 50, D.NO_ACTION: 5})
    no_trace: Weights[IeDecision] = sourced(
        _NO_TABLE, "No trace on Home Office systems.", default={D.DETAINED: 10, D.PAPERS_SERVED: 35, D.NO_ACTION: 55})
    discrepancy_only: Weights[IeDecision] = sourced(
        _NO_TABLE, "An identity discrepancy with no status of interest.",
        default={D.DETAINED: 15, D.PAPERS_SERVED: 35, D.NO_ACTION: 50})

    def table_for(self, status: ImmigrationStatus) -> Weights[IeDecision] | None:
        """The decision table of a status of interest; None for any other status."""
        return getattr(self, status.value) if status.value in type(self).model_fields else None


class HighHarmDecisions(_Strict):
    """What IE decides on a high-harm referral, by what it rests on (critics: allegations apart, seed 003)."""

    conviction: Weights[IeDecision] = sourced(
        _NO_TABLE, "Resting on a conviction.", default={D.DEPORTATION_CONSIDERATION: 55, D.NO_ACTION: 45})
    charge: Weights[IeDecision] = sourced(
        _NO_TABLE, "Resting on a charge without outcome.", default={D.DEPORTATION_CONSIDERATION: 25, D.NO_ACTION: 75})
    allegation: Weights[IeDecision] = sourced(
        _NO_TABLE, "Resting on an allegation (seed 003: the Farquharson case).",
        default={D.DEPORTATION_CONSIDERATION: 12, D.NO_ACTION: 88})


class ImmigrationEnforcement(_Strict):
    decision_delay_minutes: float = sourced(
        "assumption: IE decides while the person is still held; seed 003 gives about 2 h for the whole check",
        "Minutes from a referral to IE's decision.", default=45, gt=0, le=MINUTES_A_YEAR)
    after_status: StatusDecisions = Field(default=StatusDecisions(), description="Decisions on status referrals.")
    high_harm: HighHarmDecisions = Field(default=HighHarmDecisions(), description="Decisions on high-harm referrals.")
