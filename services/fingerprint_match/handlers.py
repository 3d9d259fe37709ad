"""Fingerprint match handlers: BookingOpened -> IabsSearchCompleted."""

from collections.abc import Iterable
from datetime import timedelta

from nexus_contracts import Event
from nexus_contracts.events import BookingOpened, IabsSearchCompleted
from nexus_contracts.payloads_common import IabsSummary
from nexus_contracts.randomness import rng_for
from nexus_contracts.scenario import Scenario
from nexus_contracts.vocabulary import ProducingSystem

from . import domain

__all__ = ["FingerprintMatch"]


class FingerprintMatch:
    def __init__(self, scenario: Scenario, seed: int) -> None:
        self._model = scenario.iabs
        self._british_foreign_share = scenario.population.claimed_british_foreign_share
        self._foreign_mix = scenario.population.nationality_mix
        self._seed = seed

    def handlers(self):
        return {"BookingOpened": self.on_booking_opened}

    def on_booking_opened(self, event: Event) -> Iterable[Event]:
        booking: BookingOpened = event.payload
        rng = rng_for(self._seed, domain.draw_key(event.event_id, booking.case.detainee.person_ref), "iabs")
        finding = domain.search_iabs(
            booking.case.detainee.claimed_nationality, self._model, self._british_foreign_share, self._foreign_mix, rng
        )
        answered_at = event.occurred_at + timedelta(minutes=finding.search_minutes)
        summary = IabsSummary(
            outcome=finding.outcome,
            searched_at=answered_at,
            home_office_reference=finding.home_office_reference,
            record_nationality=finding.record_nationality,
            discrepancy=finding.discrepancy,
            prior_immigration_encounters=finding.prior_immigration_encounters,
        )
        yield event.follow(
            IabsSearchCompleted(case=booking.case, iabs=summary), at=answered_at, producer=ProducingSystem.IABS
        )
