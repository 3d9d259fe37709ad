"""The domain's words, as plain string enums (stdlib only, so domain code may import them)."""

from enum import StrEnum

__all__ = [
    "AcroChannel",
    "BarrierKind",
    "CheckReason",
    "CheckRoute",
    "CustodyOutcome",
    "DiscrepancyKind",
    "IabsOutcome",
    "IeDecision",
    "ImmigrationStatus",
    "NationalityGroup",
    "NotCheckedReason",
    "OffenceCategory",
    "OverseasRecordKind",
    "PoliceDisposal",
    "ProducingSystem",
    "ReferralBasis",
    "ReferralReason",
    "Reliability",
    "RemovalOutcome",
    "RemovalRoute",
]


class NationalityGroup(StrEnum):
    BRITISH = "british"
    EU = "eu"
    EUROPE_OTHER = "europe_other"
    AFRICA = "africa"
    ASIA = "asia"
    MIDDLE_EAST = "middle_east"
    AMERICAS = "americas"
    OCEANIA = "oceania"


class OffenceCategory(StrEnum):
    VIOLENCE = "violence"
    SEXUAL = "sexual"
    ROBBERY = "robbery"
    WEAPONS = "weapons"
    DRUGS_SUPPLY = "drugs_supply"
    DRUGS_POSSESSION = "drugs_possession"
    BURGLARY = "burglary"
    THEFT = "theft"
    FRAUD = "fraud"
    PUBLIC_ORDER = "public_order"
    CRIMINAL_DAMAGE = "criminal_damage"
    MOTORING = "motoring"
    IMMIGRATION = "immigration"
    OTHER = "other"


class ProducingSystem(StrEnum):
    """The police or Home Office system a service stands in for."""

    SCENARIO_DRIVER = "scenario-driver"
    POLICE_CUSTODY = "police-custody-system"
    IABS = "home-office-iabs"
    IMMIGRATION_STATUS = "immigration-status-check"
    IMMIGRATION_ENFORCEMENT = "immigration-enforcement"


class IabsOutcome(StrEnum):
    MATCH = "match"
    NO_MATCH = "no_match"
    UNUSABLE_PRINTS = "unusable_prints"


class DiscrepancyKind(StrEnum):
    CLAIMS_BRITISH_HELD_FOREIGN = "claims_british_held_foreign"
    DIFFERENT_NATIONALITY = "different_nationality"


class CheckRoute(StrEnum):
    EMBEDDED_OFFICER = "embedded_officer"
    CCU_REMOTE = "ccu_remote"
    PHONE = "phone"


class CheckReason(StrEnum):
    FOREIGN_NATIONAL = "foreign_national"
    IABS_MATCH = "iabs_match"
    IDENTITY_DISCREPANCY = "identity_discrepancy"


class NotCheckedReason(StrEnum):
    NO_IMMIGRATION_INTEREST = "no_immigration_interest"
    NOT_REFERRED = "not_referred"


class ImmigrationStatus(StrEnum):
    BRITISH_CITIZEN = "british_citizen"
    SETTLED = "settled"
    EU_FREE_MOVEMENT = "eu_free_movement"
    LAWFUL_LEAVE = "lawful_leave"
    ASYLUM_PENDING = "asylum_pending"
    OVERSTAYER = "overstayer"
    ILLEGAL_ENTRANT = "illegal_entrant"
    ABSCONDER = "absconder"
    NO_TRACE = "no_trace"


class AcroChannel(StrEnum):
    ECRIS = "ecris"
    INTERPOL = "interpol"


class OverseasRecordKind(StrEnum):
    CONVICTION = "conviction"
    CHARGE = "charge"
    ALLEGATION = "allegation"


class Reliability(StrEnum):
    """v1 reliability grade of an overseas answer."""

    CONFIRMED = "confirmed"
    PROBABLE = "probable"
    UNVERIFIED = "unverified"


class ReferralReason(StrEnum):
    IMMIGRATION_OFFENDER = "immigration_offender"
    IDENTITY_DISCREPANCY = "identity_discrepancy"
    HIGH_HARM_CURRENT_OFFENCE = "high_harm_current_offence"
    HIGH_HARM_OVERSEAS_RECORD = "high_harm_overseas_record"


class ReferralBasis(StrEnum):
    """What a referral rests on; critics asked that allegations be counted apart."""

    IMMIGRATION_STATUS = "immigration_status"
    CONVICTION = "conviction"
    CHARGE = "charge"
    ALLEGATION = "allegation"


class IeDecision(StrEnum):
    NO_ACTION = "no_action"
    PAPERS_SERVED = "papers_served"
    DETAINED = "detained"
    DEPORTATION_CONSIDERATION = "deportation_consideration"


class PoliceDisposal(StrEnum):
    CHARGED = "charged"
    BAILED = "bailed"
    RELEASED = "released"


class CustodyOutcome(StrEnum):
    CHARGED = "charged"
    BAILED = "bailed"
    RELEASED = "released"
    HANDED_TO_IMMIGRATION = "handed_to_immigration"


class RemovalRoute(StrEnum):
    """How a case after an IE decision seeks the person's departure."""

    ENFORCED_REMOVAL = "enforced_removal"  # administrative removal from detention
    DEPORTATION = "deportation"  # deportation order, conducive to the public good
    VOLUNTARY_DEPARTURE = "voluntary_departure"  # papers served; the person may leave of their own accord


class BarrierKind(StrEnum):
    """What may stop or delay a removal."""

    APPEAL = "appeal"
    ASYLUM_CLAIM = "asylum_claim"
    JUDICIAL_REVIEW = "judicial_review"


class RemovalOutcome(StrEnum):
    REMOVED = "removed"
    DEPORTED = "deported"
    DEPARTED_VOLUNTARILY = "departed_voluntarily"
    BARRIER_UPHELD = "barrier_upheld"  # an appeal, claim or review succeeded: not removed
    NO_TRAVEL_DOCUMENT = "no_travel_document"  # the ETD was refused: not removed
    REMAINS = "remains"  # papers served, did not leave: case closed at review

    @property
    def left_uk(self) -> bool:
        return self in (RemovalOutcome.REMOVED, RemovalOutcome.DEPORTED, RemovalOutcome.DEPARTED_VOLUNTARILY)
