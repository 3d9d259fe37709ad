"""The scenario driver's arrests: synthetic people arrested at each suite, seeded per suite and hour.

Arrivals are Poisson with the scenario's rate for that suite, weekday and hour; the
people are drawn from its population. Nothing here reads the wall clock.
"""

import math
import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from nexus_contracts import Event
from nexus_contracts.events import ArrestMade
from nexus_contracts.ids import arrest_event_id, short_ref
from nexus_contracts.nationalities import group_of
from nexus_contracts.payloads_common import Detainee, Offence
from nexus_contracts.randomness import choose_weighted, rng_for
from nexus_contracts.scenario import Scenario
from nexus_contracts.vocabulary import OffenceCategory, ProducingSystem

__all__ = ["arrests_on", "expected_arrests_per_day"]

_INDICTABLE = frozenset({OffenceCategory.VIOLENCE, OffenceCategory.SEXUAL, OffenceCategory.ROBBERY,
                         OffenceCategory.WEAPONS, OffenceCategory.DRUGS_SUPPLY, OffenceCategory.BURGLARY,
                         OffenceCategory.FRAUD})


def expected_arrests_per_day(scenario: Scenario) -> float:
    return scenario.arrests.per_year / 365


def arrests_on(scenario: Scenario, seed: int, day: date) -> list[Event]:
    """All arrests of one simulated day, in time order (suite id breaks ties)."""
    events = [event for suite in scenario.suites for event in _suite_day(scenario, seed, suite.id, day)]
    events.sort(key=lambda e: (e.occurred_at, e.custody_suite, e.event_id.bytes))
    return events


def _suite_day(scenario: Scenario, seed: int, suite: str, day: date) -> Iterator[Event]:
    day_index = (day - scenario.start_date).days
    for hour in range(24):
        rng = rng_for(seed, f"{suite}:{day.isoformat()}:{hour}", "arrivals")
        for n in range(_poisson(rng, _rate(scenario, suite, day, hour))):
            sequence = (day_index * 24 + hour) * 1000 + n
            at = datetime(day.year, day.month, day.day, hour, tzinfo=UTC) + timedelta(seconds=rng.uniform(0, 3600))
            yield _arrest(scenario, seed, suite, sequence, at.replace(microsecond=0))


def _rate(scenario: Scenario, suite: str, day: date, hour: int) -> float:
    a = scenario.arrests
    suite_share = next(s.weight for s in scenario.suites if s.id == suite) / sum(s.weight for s in scenario.suites)
    weekday = 7 * a.weekday_profile[day.weekday()] / sum(a.weekday_profile)
    return expected_arrests_per_day(scenario) * suite_share * weekday * a.hourly_profile[hour] / sum(a.hourly_profile)


def _arrest(scenario: Scenario, seed: int, suite: str, sequence: int, at: datetime) -> Event:
    event_id = arrest_event_id(scenario.name, seed, suite, sequence)
    rng = rng_for(seed, event_id, "person")
    population = scenario.population
    nationality = "GB"
    if rng.random() < population.foreign_national_share:
        nationality = choose_weighted(rng, population.nationality_mix)
    offence = OffenceCategory(choose_weighted(rng, population.offence_mix))
    arrest_ref = short_ref("ARR", event_id)
    payload = ArrestMade(
        arrest_ref=arrest_ref,
        detainee=Detainee(person_ref=short_ref("SYN-P", event_id), claimed_nationality=nationality,
                          nationality_group=group_of(nationality), birth_year=at.year - int(rng.triangular(17, 70, 27))),
        offence=Offence(category=offence, indictable=offence in _INDICTABLE,
                        victim_witness_details=f"SYN-V-{rng.getrandbits(32):08X} (synthetic victim statement)"),
    )
    return Event(event_id=event_id, event_type=payload.EVENT_TYPE, schema_version=payload.VERSION, occurred_at=at,
                 correlation_id=arrest_ref, producer=ProducingSystem.SCENARIO_DRIVER, force=scenario.force_of(suite).id,
                 custody_suite=suite, payload=payload)


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
