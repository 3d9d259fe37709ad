"""Build JourneyRecorded, the journey's central record (ERF, Rec 3), from what its last event carries."""

from nexus_contracts.events import JourneyRecorded
from nexus_contracts.nationalities import BRITISH
from nexus_contracts.payloads_common import CaseFacts, IabsSummary, StatusSummary

from .domain import CustodyAssessment, Referral

__all__ = ["journey_recorded"]


def journey_recorded(
    case: CaseFacts, iabs: IabsSummary, status: StatusSummary | None, assessment: CustodyAssessment | None,
    overseas: tuple[Referral, ...], *, foreign_national: bool = True, acro_replied: bool | None = None,
    check_missed: bool = False,
) -> JourneyRecorded:
    referrals = (assessment.referrals if assessment else ()) + overseas
    minutes = (status.answered_at - status.requested_at).total_seconds() / 60 if status else None
    return JourneyRecorded(
        custody_record_id=case.custody_record_id,
        nationality_group=case.detainee.nationality_group.value,
        claimed_british=case.detainee.claimed_nationality == BRITISH,
        foreign_national=foreign_national,
        iabs_outcome=iabs.outcome.value,
        status_checked=status is not None,
        check_missed=check_missed,
        route=status.route if status else None,
        minutes_to_status=round(minutes, 2) if minutes is not None else None,
        immigration_interest=status.immigration_interest if status else False,
        released_before_attendance=assessment.released_before_attendance if assessment else check_missed,
        referrals=len(referrals),
        decisions=tuple(r.decision for r in referrals),
        etd_applications=sum(r.etd_application for r in referrals),
        high_harm=status.high_harm if status else False,
        acro_requested=acro_replied is not None,
        acro_replied=acro_replied,
    )
