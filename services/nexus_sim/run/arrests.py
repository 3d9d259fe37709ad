"""The scenario driver's arrests: synthetic people arrested at each suite, seeded per suite and hour.

Arrivals are Poisson with the scenario's rate for that suite, weekday and hour; the
people are drawn from its population. Nothing here reads the wall clock.
"""

import math
import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from uuid import UUID

from nexus_contracts import Event
from nexus_contracts.events import ArrestMade
from nexus_contracts.ids import arrest_event_id, returning_person_ref, short_ref
from nexus_contracts.nationalities import BRITISH, group_of
from nexus_contracts.payloads_common import Detainee, Offence
from nexus_contracts.randomness import choose_weighted, rng_for
from nexus_contracts.catalogue import ARRESTS
from nexus_contracts.scenario import Scenario
from nexus_contracts.watermarks import DRIVER_ORIGIN, Marker
from nexus_runtime.records import Record
from nexus_runtime.stages import marker_record
from nexus_contracts.vocabulary import OffenceCategory, ProducingSystem

__all__ = ["arrests_on"]

_INDICTABLE = frozenset({OffenceCategory.VIOLENCE, OffenceCategory.SEXUAL, OffenceCategory.ROBBERY,
                         OffenceCategory.WEAPONS, OffenceCategory.DRUGS_SUPPLY, OffenceCategory.BURGLARY,
                         OffenceCategory.FRAUD})


def driver_markers(through: datetime, run: str = "", partitions: int = 1) -> list[Record]:
    """The driver's time-progress markers, one per arrests partition: no arrest earlier than
    ``through`` follows (``END_OF_TIME`` when the run's arrests are all sent)."""
    return [marker_record(ARRESTS.name, p, Marker(DRIVER_ORIGIN, through), run) for p in range(partitions)]


def day_start(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def arrests_on(scenario: Scenario, seed: int, day: date) -> list[Event]:
    """All arrests of one simulated day, in time order (suite id breaks ties)."""
    events = [event for suite in scenario.suites for event in _suite_day(scenario, seed, suite.id, day)]
    events.sort(key=lambda e: (e.occurred_at, e.custody_suite, e.event_id.bytes))
    return events


def _suite_day(scenario: Scenario, seed: int, suite: str, day: date) -> Iterator[Event]:
    for hour in range(24):
        slot = f"{suite}:{day.isoformat()}:{hour}"
        count = _poisson(rng_for(seed, slot, "arrivals"), _rate(scenario, suite, day, hour))
        for n in range(count):
            event_id = arrest_event_id(seed, suite, day, hour, n)
            start = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
            at = start + timedelta(seconds=int(rng_for(seed, event_id, "arrival.minute").uniform(0, 3600)))
            yield _arrest(scenario, seed, suite, event_id, at)


def _rate(scenario: Scenario, suite: str, day: date, hour: int) -> float:
    """Expected arrests at a suite in one hour of a day: the weekday's rate times the day's surges."""
    return scenario.arrests_per_hour(day.weekday(), hour, suite) * scenario.arrests.surge_factor(day, hour, suite)


def _arrest(scenario: Scenario, seed: int, suite: str, event_id: UUID, at: datetime) -> Event:
    arrest_ref = short_ref("ARR", event_id)
    force = scenario.force_of(suite).id
    payload = ArrestMade(arrest_ref=arrest_ref, detainee=_detainee(scenario, seed, event_id, at, force),
                         offence=_offence(scenario, seed, event_id))
    return Event(event_id=event_id, event_type=payload.EVENT_TYPE, schema_version=payload.VERSION, occurred_at=at,
                 correlation_id=arrest_ref, producer=ProducingSystem.SCENARIO_DRIVER, force=force,
                 custody_suite=suite, synthetic=True, payload=payload)


def _detainee(scenario: Scenario, seed: int, event_id: UUID, at: datetime, force: str) -> Detainee:
    """The person arrested: one of the force's returning people (``population.returning_share``), else
    someone new. Each attribute has its own draw, so two scenarios that differ in, say, the foreign-national
    share still arrest the same people wherever they can (common random numbers)."""
    population = scenario.population
    if population.returning_share and rng_for(seed, event_id, "person.returning").random() < population.returning_share:
        index = rng_for(seed, event_id, "person.returning.who").randrange(population.returning_people)
        ref = returning_person_ref(force, index)
        return _person(scenario, seed, ref, ref, scenario.start_date.year)
    return _person(scenario, seed, event_id, short_ref("SYN-P", event_id), at.year)


def _person(scenario: Scenario, seed: int, key: object, person_ref: str, year: int) -> Detainee:
    """A person's attributes, drawn from ``key`` (the arrest, or the returning person, who is the same
    every time)."""
    population = scenario.population
    nationality = BRITISH
    if rng_for(seed, key, "person.foreign").random() < population.foreign_national_share:
        nationality = choose_weighted(rng_for(seed, key, "person.nationality"), population.nationality_mix)
    age = int(rng_for(seed, key, "person.age").triangular(17, 70, 27))
    return Detainee(person_ref=person_ref, claimed_nationality=nationality, nationality_group=group_of(nationality),
                    birth_year=year - age)


def _offence(scenario: Scenario, seed: int, event_id: UUID) -> Offence:
    category = OffenceCategory(choose_weighted(rng_for(seed, event_id, "offence"), scenario.population.offence_mix))
    victim = f"SYN-V-{rng_for(seed, event_id, 'offence.victim').getrandbits(32):08X} (synthetic victim statement)"
    return Offence(category=category, indictable=category in _INDICTABLE, victim_witness_details=victim)


def _poisson(rng: random.Random, rate: float) -> int:
    if rate <= 0:
        return 0
    if rate > 30:
        return max(0, round(rng.gauss(rate, math.sqrt(rate))))
    limit, count, product = math.exp(-rate), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count
