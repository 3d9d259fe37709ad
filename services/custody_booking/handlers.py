"""Custody booking handlers: contract events in, contract events out, via the domain."""

from collections.abc import Iterable

from nexus_contracts import Event
from nexus_contracts.events import ArrestMade, BookingClosed, BookingOpened, JourneyConcluded
from nexus_contracts.payloads_common import CaseFacts
from nexus_contracts.randomness import rng_for
from nexus_contracts.scenario import Scenario
from nexus_contracts.sharing import disclosure_policy
from nexus_contracts.vocabulary import ProducingSystem

from . import domain

__all__ = ["CustodyBooking"]

PRODUCER = ProducingSystem.POLICE_CUSTODY


class CustodyBooking:
    """Opens custody records for arrests and closes them when the journey concludes."""

    def __init__(self, scenario: Scenario, seed: int) -> None:
        self._model = scenario.custody
        self._disclosure = disclosure_policy(scenario.referral_policy)
        self._seed = seed

    def handlers(self):
        return {"ArrestMade": self.on_arrest, "JourneyConcluded": self.on_journey_concluded}

    def journey(self, event: Event) -> str:
        """The custody record an event belongs to; an arrest's is the one its booking opens."""
        if event.event_type == "ArrestMade":
            return domain.custody_record_id(event.custody_suite, event.occurred_at, event.event_id.hex)
        return event.correlation_id

    def on_arrest(self, event: Event) -> Iterable[Event]:
        arrest: ArrestMade = event.payload
        rng = rng_for(self._seed, event.event_id, "booking")
        booking = domain.open_booking(event.occurred_at, arrest.offence.indictable, self._model, rng)
        record_id = self.journey(event)
        case = CaseFacts(
            custody_record_id=record_id,
            booked_at=booking.booked_at,
            police_ready_at=booking.police_ready_at,
            pace_limit_at=booking.pace_limit_at,
            detainee=arrest.detainee,
            offence=self._disclosure.shared_offence(arrest.offence),
        )
        yield event.follow(BookingOpened(case=case), at=booking.booked_at, producer=PRODUCER, correlation_id=record_id)

    def on_journey_concluded(self, event: Event) -> Iterable[Event]:
        journey: JourneyConcluded = event.payload
        rng = rng_for(self._seed, event.event_id, "closure")
        closure = domain.close_booking(
            journey.case.booked_at, journey.released_at, journey.handed_to_immigration, self._model, rng
        )
        closed = BookingClosed(
            custody_record_id=journey.case.custody_record_id,
            outcome=closure.outcome,
            custody_hours=closure.custody_hours,
            immigration_detention_hours=closure.immigration_detention_hours,
            constant_watch=closure.constant_watch,
            custody_cost_gbp=closure.cost_gbp,
            pace_reviews=closure.pace_reviews,
        )
        yield event.follow(closed, at=max(closure.left_custody_at, event.occurred_at), producer=PRODUCER)
