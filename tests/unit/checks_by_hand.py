"""Hand-made status-check events for tests of what is counted from them (report, metrics):
one case, one IABS answer, a day to place them in, and the envelope around a payload."""

from datetime import UTC, datetime, timedelta
from uuid import UUID

from nexus_contracts import Event
from nexus_contracts.payloads_common import CaseFacts, Detainee, IabsSummary, Offence
from nexus_contracts.vocabulary import IabsOutcome, NationalityGroup, OffenceCategory, ProducingSystem

__all__ = ["CASE", "DAY", "IABS", "PERSON", "at", "event"]

DAY = datetime(2013, 3, 4, tzinfo=UTC)  # london-2013's first day
PERSON = Detainee(person_ref="SYN-P-1", claimed_nationality="RO", nationality_group=NationalityGroup.EU, birth_year=1990)
CASE = CaseFacts(custody_record_id="CR-1", booked_at=DAY, police_ready_at=DAY, pace_limit_at=DAY, detainee=PERSON,
                 offence=Offence(category=OffenceCategory.THEFT, indictable=False))
IABS = IabsSummary(outcome=IabsOutcome.NO_MATCH, searched_at=DAY)


def at(hour: float) -> datetime:
    return DAY + timedelta(hours=hour)


def event(payload, n: int) -> Event:
    return Event(event_id=UUID(int=n), event_type=payload.EVENT_TYPE, schema_version=payload.VERSION,
                 occurred_at=DAY, correlation_id="CR-1", producer=ProducingSystem.IMMIGRATION_STATUS, force="met",
                 custody_suite="MET-CX", synthetic=True, payload=payload)
