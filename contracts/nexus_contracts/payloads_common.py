"""Building blocks shared by several payloads: the case facts carried along the flow.

Nexus Flow uses event-carried state transfer: each event carries the facts its
consumer is allowed to see and needs, so no service keeps state between events.
"""

from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from .bounds import Code, FreeText, Ref, WireTime

from .vocabulary import (
    CheckRoute,
    DiscrepancyKind,
    IabsOutcome,
    ImmigrationStatus,
    NationalityGroup,
    OffenceCategory,
)

__all__ = ["CaseFacts", "ContractModel", "Detainee", "IabsSummary", "Offence", "Payload", "StatusSummary"]


class ContractModel(BaseModel):
    """Base of every wire model: immutable and strict when built (unknown fields refused);
    the codec reads tolerantly, ignoring fields a newer producer may add."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)


class Payload(ContractModel):
    """Base of event payloads. ``EVENT_TYPE`` and ``VERSION`` name it on the wire."""

    EVENT_TYPE: ClassVar[str]
    VERSION: ClassVar[int] = 1


class Detainee(ContractModel):
    person_ref: Ref = Field(description="Synthetic person reference, e.g. SYN-P-3f2a9c1d. Never a real identity.")
    claimed_nationality: Code = Field(description="ISO 3166-1 alpha-2 nationality the person claims (GB for British).")
    nationality_group: NationalityGroup = Field(description="Group of the claimed nationality, for safeguard measures.")
    birth_year: int = Field(ge=1900, le=2100, description="Year of birth (synthetic).")


class Offence(ContractModel):
    category: OffenceCategory = Field(description="Offence category of the arrest.")
    indictable: bool = Field(description="Whether the offence is indictable (PACE extension to 36 h possible).")
    victim_witness_details: FreeText | None = Field(
        default=None,
        description="Victim/witness information. Shared with the Home Office only when the referral policy allows it.",
    )


class CaseFacts(ContractModel):
    """The booking facts that may cross from police to Home Office (see the topic catalogue)."""

    custody_record_id: Ref = Field(description="Custody record id; also the correlation id of every event of the journey.")
    booked_at: WireTime = Field(description="When the detention clock started (simulated time).")
    police_ready_at: WireTime = Field(
        description="When police expect to have finished with the person (charge, bail or release), within PACE limits."
    )
    pace_limit_at: WireTime = Field(description="Latest lawful end of police detention under PACE.")
    detainee: Detainee = Field(description="The detained person (synthetic).")
    offence: Offence = Field(description="The offence, as shared with the Home Office.")


class IabsSummary(ContractModel):
    outcome: IabsOutcome = Field(description="Result of the Livescan search against IABS.")
    searched_at: WireTime = Field(description="When the IABS answer reached the custody suite.")
    home_office_reference: Ref | None = Field(default=None, description="Home Office reference when prints matched.")
    record_nationality: Code | None = Field(default=None, description="Nationality held on IABS for the matched identity.")
    discrepancy: DiscrepancyKind | None = Field(default=None, description="Identity discrepancy found, if any.")
    prior_immigration_encounters: int = Field(default=0, ge=0, le=99, description="Earlier immigration encounters on record.")


class StatusSummary(ContractModel):
    route: CheckRoute = Field(description="How the status check was made.")
    requested_at: WireTime = Field(description="When the check was requested.")
    answered_at: WireTime = Field(description="When the status was answered.")
    status: ImmigrationStatus = Field(description="Immigration status found.")
    immigration_interest: bool = Field(description="Whether the person is of interest to Immigration Enforcement.")
    officer_attends_at: WireTime | None = Field(
        default=None, description="When an immigration officer can attend in person; None if none can."
    )
    high_harm: bool = Field(description="Whether the case is high harm under the definition in force.")
    high_harm_definition: Ref = Field(description="Version id of the high-harm definition applied (Rec 5).")
    started_at: WireTime | None = Field(
        default=None, description="When an officer took the check up (after any queue); None in logs before capacity.")
    pool: Ref | None = Field(default=None, description="Capacity pool that made the check: <force>/embedded.<n>, "
                             "<force>/ccu or <force>/phone.")
    overflowed_from: CheckRoute | None = Field(
        default=None, description="The first-choice route, when the check overflowed from it to this one.")
