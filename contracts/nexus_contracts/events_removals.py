"""Payloads of what follows Immigration Enforcement's decision (Home Office side, topic
``nexus.immigration.removals``): a removal case is opened on every decision that seeks departure, an ETD
application completes (Rec 4), and the case closes with its outcome: left the UK or not, and when."""

from typing import ClassVar

from pydantic import AwareDatetime, Field

from .payloads_common import Payload
from .vocabulary import BarrierKind, IeDecision, ReferralReason, RemovalOutcome, RemovalRoute

__all__ = ["EtdApplicationCompleted", "RemovalCaseClosed", "RemovalCaseOpened"]


class RemovalCaseOpened(Payload):
    """A case seeking the person's departure, opened on an IE decision other than no action."""

    EVENT_TYPE: ClassVar[str] = "RemovalCaseOpened"
    custody_record_id: str = Field(description="Custody record the referral came from.")
    referral_id: str = Field(description="Referral whose decision opened the case.")
    reason: ReferralReason = Field(description="Why the person was referred (high harm or immigration offender).")
    decision: IeDecision = Field(description="The IE decision that opened the case.")
    route: RemovalRoute = Field(description="Enforced removal, deportation, or voluntary departure.")
    detained: bool = Field(description="Whether the person is held in immigration detention.")
    etd_application: bool = Field(description="Whether an emergency travel document was applied for (Rec 4).")
    nationality_group: str = Field(description="Claimed nationality group.")
    booked_at: AwareDatetime = Field(description="When the person was booked into police custody.")


class EtdApplicationCompleted(Payload):
    """Rec 4: an emergency travel document application came back, with a document or without one."""

    EVENT_TYPE: ClassVar[str] = "EtdApplicationCompleted"
    custody_record_id: str = Field(description="Custody record the referral came from.")
    referral_id: str = Field(description="Referral of the removal case.")
    applied_at: AwareDatetime = Field(description="When the application was made (the IE decision).")
    issued: bool = Field(description="Whether a travel document was issued.")
    days_taken: float = Field(ge=0, description="Days from application to completion.")


class RemovalCaseClosed(Payload):
    """The case's outcome: whether the person left the UK, and when."""

    EVENT_TYPE: ClassVar[str] = "RemovalCaseClosed"
    custody_record_id: str = Field(description="Custody record the referral came from.")
    referral_id: str = Field(description="Referral of the removal case.")
    reason: ReferralReason = Field(description="Why the person was referred.")
    route: RemovalRoute = Field(description="Route of the case.")
    outcome: RemovalOutcome = Field(description="Removed, deported, departed voluntarily, or why not.")
    left_uk_at: AwareDatetime | None = Field(default=None, description="When the person left the UK; None if not.")
    barrier: BarrierKind | None = Field(default=None, description="Appeal, asylum claim or judicial review met, if any.")
    opened_at: AwareDatetime = Field(description="When the case was opened (the IE decision).")
    booked_at: AwareDatetime = Field(description="When the person was booked into police custody.")
    detention_days: float = Field(ge=0, description="Days held in immigration detention in the case.")
