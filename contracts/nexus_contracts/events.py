"""Payload models, one per event type of the flow (DESIGN.md, "The flow")."""

from typing import ClassVar

from pydantic import Field

from .bounds import Code, Ref, WireTime

from .grading import Grading, reliability_of
from .limits import CUSTODY_MAX_HOURS, DETENTION_MAX_HOURS, MAX_COST_GBP, MAX_ITEMS, MAX_PACE_REVIEWS, PACE_MAX_HOURS
from .events_removals import EtdApplicationCompleted, RemovalCaseClosed, RemovalCaseOpened
from .payloads_common import CaseFacts, ContractModel, Detainee, IabsSummary, Offence, Payload, StatusSummary
from .vocabulary import (
    AcroChannel,
    CheckReason,
    CheckRoute,
    CustodyOutcome,
    IeDecision,
    NotCheckedReason,
    OffenceCategory,
    OverseasRecordKind,
    ReferralBasis,
    ReferralReason,
    Reliability,
)

__all__ = [
    "AcroCheckAnswered",
    "AcroCheckRequested",
    "ArrestMade",
    "BookingClosed",
    "BookingOpened",
    "EtdApplicationCompleted",
    "IabsSearchCompleted",
    "IeDecisionMade",
    "JourneyConcluded",
    "JourneyRecorded",
    "NonAttendanceRecorded",
    "OverseasRecord",
    "Payload",
    "ReferralCreated",
    "RemovalCaseClosed",
    "RemovalCaseOpened",
    "StatusCheckAnswered",
    "StatusCheckMissed",
    "StatusCheckNotRequired",
    "StatusCheckRaised",
    "StatusCheckRequested",
]


class ArrestMade(Payload):
    """An arrest brought to a custody suite (from the scenario driver; police-internal)."""

    EVENT_TYPE: ClassVar[str] = "ArrestMade"
    arrest_ref: Ref = Field(description="Arrest reference (synthetic).")
    detainee: Detainee = Field(description="The arrested person.")
    offence: Offence = Field(description="The offence, with victim/witness details (police-internal).")


class BookingOpened(Payload):
    """A custody record was opened; prints were taken for the IABS search."""

    EVENT_TYPE: ClassVar[str] = "BookingOpened"
    case: CaseFacts = Field(description="Booking facts shared with the Home Office.")


class BookingClosed(Payload):
    """The person left police custody."""

    EVENT_TYPE: ClassVar[str] = "BookingClosed"
    custody_record_id: Ref = Field(description="Custody record closed.")
    outcome: CustodyOutcome = Field(description="How custody ended.")
    custody_hours: float = Field(ge=0, le=CUSTODY_MAX_HOURS, description="Hours from booking to leaving police custody.")
    immigration_detention_hours: float = Field(
        ge=0, le=DETENTION_MAX_HOURS, description="Hours held in a police cell as an immigration detainee after being handed to immigration."
    )
    constant_watch: bool = Field(description="Whether the immigration detainee needed constant watch.")
    custody_cost_gbp: int = Field(ge=0, le=MAX_COST_GBP, description="Price of police custody for an immigration detainee (seed 004 table).")
    pace_reviews: int = Field(ge=0, le=MAX_PACE_REVIEWS, description="PACE reviews held (first within 6 h, then at most every 9 h).")


class IabsSearchCompleted(Payload):
    """IABS answered the Livescan search."""

    EVENT_TYPE: ClassVar[str] = "IabsSearchCompleted"
    case: CaseFacts = Field(description="Booking facts, carried on.")
    iabs: IabsSummary = Field(description="The IABS result.")


class StatusCheckRequested(Payload):
    EVENT_TYPE: ClassVar[str] = "StatusCheckRequested"
    custody_record_id: Ref = Field(description="Custody record checked.")
    route: CheckRoute = Field(description="Route chosen for the check.")
    reason: CheckReason = Field(description="Why the check was made (Rec 1).")


class StatusCheckRaised(Payload):
    """Custody staff raise a status check: it queues, keyed by force, for the force's officers,
    CCU desk and phone line, which take it in event-time order."""

    EVENT_TYPE: ClassVar[str] = "StatusCheckRaised"
    case: CaseFacts = Field(description="Booking facts, carried on.")
    iabs: IabsSummary = Field(description="The IABS result.")
    reason: CheckReason = Field(description="Why the check is needed (Rec 1).")
    foreign_national: bool = Field(description="Whether the person is a foreign national by claim or IABS.")
    release_by: WireTime = Field(
        description="Latest the person will be held for the check: police need plus the policy's wait, within PACE.")


class StatusCheckMissed(Payload):
    """Rec 1 and 2: a check was raised but no officer could answer it before the person's release."""

    EVENT_TYPE: ClassVar[str] = "StatusCheckMissed"
    case: CaseFacts = Field(description="Booking facts, carried on.")
    iabs: IabsSummary = Field(description="The IABS result.")
    reason: CheckReason = Field(description="Why the check was needed.")
    foreign_national: bool = Field(description="Whether the person is a foreign national by claim or IABS.")
    route: CheckRoute = Field(description="The route that could have answered soonest.")
    pool: Ref = Field(description="Its capacity pool.")
    requested_at: WireTime = Field(description="When the check was raised.")
    released_at: WireTime = Field(description="When police released the person, unchecked.")


class StatusCheckNotRequired(Payload):
    """No status check was made; the reason says whether that was by policy or a miss."""

    EVENT_TYPE: ClassVar[str] = "StatusCheckNotRequired"
    case: CaseFacts = Field(description="Booking facts, carried on.")
    iabs: IabsSummary = Field(description="The IABS result.")
    reason: NotCheckedReason = Field(description="Why no check was made.")
    foreign_national: bool = Field(description="Whether the person is a foreign national by claim or IABS.")


class StatusCheckAnswered(Payload):
    EVENT_TYPE: ClassVar[str] = "StatusCheckAnswered"
    case: CaseFacts = Field(description="Booking facts, carried on.")
    iabs: IabsSummary = Field(description="The IABS result.")
    reason: CheckReason = Field(description="Why the check was made.")
    status: StatusSummary = Field(description="The status answer.")
    acro_requested: bool = Field(description="Whether an ACRO overseas-conviction request follows (high harm).")
    foreign_national: bool | None = Field(
        default=None, description="Whether the person is a foreign national by claim or IABS; None in older logs.")


class AcroCheckRequested(Payload):
    EVENT_TYPE: ClassVar[str] = "AcroCheckRequested"
    custody_record_id: Ref = Field(description="Custody record concerned.")
    country: Code = Field(description="Country asked (ISO alpha-2).")
    channel: AcroChannel = Field(description="ECRIS for EU states, Interpol otherwise.")


class OverseasRecord(ContractModel):
    country: Code = Field(description="Country that holds the record.")
    kind: OverseasRecordKind = Field(description="Conviction, charge or mere allegation.")
    offence_category: OffenceCategory = Field(description="Offence category of the record.")
    in_absentia: bool = Field(description="Whether a conviction was given in the person's absence.")
    grading: Grading = Field(description="3x5x2 provenance grading of the information (v2; v1 had `reliability`).")

    @property
    def reliability(self) -> Reliability:
        """The v1 reliability word for this record's source evaluation (for v1-era readers)."""
        return reliability_of(self.grading)


class AcroCheckAnswered(Payload):
    """ACRO's answer, or the record that no reply came before the deadline."""

    EVENT_TYPE: ClassVar[str] = "AcroCheckAnswered"
    VERSION: ClassVar[int] = 2  # v2: records carry a 3x5x2 grading instead of a reliability word
    case: CaseFacts = Field(description="Booking facts, carried on.")
    iabs: IabsSummary = Field(description="The IABS result.")
    status: StatusSummary = Field(description="The status answer the request followed.")
    status_event_id: Ref = Field(description="Event id of the StatusCheckAnswered this request followed.")
    channel: AcroChannel = Field(description="ECRIS or Interpol.")
    requested_at: WireTime = Field(description="When ACRO was asked.")
    replied: bool = Field(description="False when no reply came before the deadline.")
    records: tuple[OverseasRecord, ...] = Field(default=(), max_length=MAX_ITEMS, description="Overseas records returned.")


class ReferralCreated(Payload):
    EVENT_TYPE: ClassVar[str] = "ReferralCreated"
    custody_record_id: Ref = Field(description="Custody record referred.")
    referral_id: Ref = Field(description="Referral id.")
    reason: ReferralReason = Field(description="Why the person was referred.")
    basis: ReferralBasis = Field(description="What the referral rests on.")
    nationality_group: Ref = Field(description="Nationality group, for the safeguard measures.")
    high_harm_definition: Ref = Field(description="High-harm definition version applied.")
    victim_witness_info_included: bool = Field(description="Whether victim/witness information went with it.")


class IeDecisionMade(Payload):
    EVENT_TYPE: ClassVar[str] = "IeDecisionMade"
    custody_record_id: Ref = Field(description="Custody record concerned.")
    referral_id: Ref = Field(description="Referral decided.")
    decision: IeDecision = Field(description="Immigration Enforcement decision.")
    etd_application: bool = Field(description="Whether an emergency travel document was applied for (Rec 4).")


class NonAttendanceRecorded(Payload):
    """Rec 2: a person of immigration interest was released before an officer attended."""

    EVENT_TYPE: ClassVar[str] = "NonAttendanceRecorded"
    custody_record_id: Ref = Field(description="Custody record concerned.")
    route: CheckRoute = Field(description="Route of the status check.")
    released_at: WireTime = Field(description="When police released the person.")
    officer_could_attend: bool = Field(description="False if no officer could attend at all; True if too late.")


class JourneyConcluded(Payload):
    """The custody part of the journey is decided; custody booking closes the record."""

    EVENT_TYPE: ClassVar[str] = "JourneyConcluded"
    case: CaseFacts = Field(description="Booking facts, carried back.")
    handed_to_immigration: bool = Field(description="Whether Immigration Enforcement detained the person.")
    released_at: WireTime = Field(description="When the person leaves police custody as a suspect.")
    waited_for_check_hours: float = Field(ge=0, le=PACE_MAX_HOURS, description="Extra hours held waiting for the status check.")


class JourneyRecorded(Payload):
    """The central record of the whole journey (the Electronic Reporting Form, Rec 3)."""

    EVENT_TYPE: ClassVar[str] = "JourneyRecorded"
    custody_record_id: Ref = Field(description="Custody record.")
    nationality_group: Ref = Field(description="Claimed nationality group.")
    claimed_british: bool = Field(description="Whether the person claimed to be British.")
    foreign_national: bool = Field(description="Foreign national by claim or IABS.")
    iabs_outcome: Ref = Field(description="IABS outcome.")
    status_checked: bool = Field(description="Whether a status check was made.")
    check_missed: bool = Field(default=False, description="A check was raised but not answered before release.")
    route: CheckRoute | None = Field(default=None, description="Route of the status check.")
    minutes_to_status: float | None = Field(default=None, ge=0, le=PACE_MAX_HOURS * 60, description="Minutes from request to status answer.")
    immigration_interest: bool = Field(description="Whether the person was of immigration interest.")
    released_before_attendance: bool = Field(description="Released before an officer attended (Rec 2).")
    referrals: int = Field(ge=0, le=MAX_ITEMS, description="Referrals made to Immigration Enforcement.")
    decisions: tuple[IeDecision, ...] = Field(default=(), max_length=MAX_ITEMS, description="IE decisions, in order.")
    etd_applications: int = Field(ge=0, le=MAX_ITEMS, description="ETD applications made (Rec 4).")
    high_harm: bool = Field(description="High harm under the definition in force (Rec 5).")
    acro_requested: bool = Field(description="Whether ACRO was asked.")
    acro_replied: bool | None = Field(default=None, description="Whether ACRO replied; None if not asked.")
