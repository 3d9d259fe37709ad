"""The event envelope: what every message on every topic looks like."""

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import Field, SerializeAsAny

from .bounds import Name, Ref, WireTime

from .events import Payload
from .ids import derived_id
from .payloads_common import ContractModel
from .vocabulary import ProducingSystem

__all__ = ["Event"]


class Event(ContractModel):
    """One domain event. Key on the wire: the custody suite id."""

    event_id: UUID = Field(description="Deterministic id: uuid5 of the causing event (ids.py).")
    event_type: Name = Field(description="Payload type name, e.g. BookingOpened.")
    schema_version: int = Field(ge=1, description="Version of the payload schema.")
    occurred_at: WireTime = Field(description="Simulated event time at which it happened. Never wall time.")
    correlation_id: Ref = Field(description="The custody record id (the arrest ref before booking).")
    causation_id: UUID | None = Field(default=None, description="Event id of the event that caused this one.")
    producer: ProducingSystem = Field(description="System that produced the event.")
    force: Name = Field(description="Police force id, e.g. met.")
    custody_suite: Name = Field(description="Custody suite id; the message key on every topic.")
    synthetic: Literal[True] = Field(description="Marks synthetic data: always true, and always given (no default).")
    payload: SerializeAsAny[Payload] = Field(description="The typed payload.")

    @property
    def key(self) -> bytes:
        return self.custody_suite.encode()

    def follow(self, payload: Payload, *, at: datetime, producer: ProducingSystem, index: int = 0,
               correlation_id: str | None = None) -> "Event":
        """The event ``payload`` caused by this one: derived id, same suite, force and journey."""
        return Event(
            event_id=derived_id(self.event_id, payload.EVENT_TYPE, index),
            event_type=payload.EVENT_TYPE,
            schema_version=payload.VERSION,
            occurred_at=at,
            correlation_id=correlation_id or self.correlation_id,
            causation_id=self.event_id,
            producer=producer,
            force=self.force,
            custody_suite=self.custody_suite,
            synthetic=True,
            payload=payload,
        )
