"""The event envelope: what every message on every topic looks like."""

from typing import Literal
from uuid import UUID

from pydantic import AwareDatetime, Field, SerializeAsAny

from .events import Payload
from .payloads_common import ContractModel
from .vocabulary import ProducingSystem

__all__ = ["Event"]


class Event(ContractModel):
    """One domain event. Key on the wire: the custody suite id."""

    event_id: UUID = Field(description="Deterministic id: uuid5 of the causing event (ids.py).")
    event_type: str = Field(description="Payload type name, e.g. BookingOpened.")
    schema_version: int = Field(ge=1, description="Version of the payload schema.")
    occurred_at: AwareDatetime = Field(description="Simulated event time at which it happened. Never wall time.")
    correlation_id: str = Field(description="The custody record id (the arrest ref before booking).")
    causation_id: UUID | None = Field(default=None, description="Event id of the event that caused this one.")
    producer: ProducingSystem = Field(description="System that produced the event.")
    force: str = Field(description="Police force id, e.g. met.")
    custody_suite: str = Field(description="Custody suite id; the message key on every topic.")
    synthetic: Literal[True] = Field(default=True, description="Marks synthetic data. Always true.")
    payload: SerializeAsAny[Payload] = Field(description="The typed payload.")

    @property
    def key(self) -> bytes:
        return self.custody_suite.encode()
