"""Returning people (issue 13, seed 001's 'histories'): with a returning share, the same people come back to
custody over the run, each the same person with the same IABS answer every time; without it, none do."""

from collections import defaultdict

from nexus_contracts.ids import is_returning
from nexus_runtime.scenarios import load_scenario
from nexus_sim.run.in_memory import run_in_memory
from nexus_sim.run.spec import RunSpec

OVERRIDES = ("arrests.per_year=20000", "population.returning_share=0.3", "population.returning_people=300")


def test_returning_people_come_back_as_themselves():
    scenario = load_scenario("london-2013", OVERRIDES)
    events = []
    result = run_in_memory(scenario, 3, 21, observers=(lambda record: events.append(record.event)
                                                       if record.event is not None else None,))
    report = result.report(scenario, RunSpec("london-2013", OVERRIDES, 3, 21))["returning_people"]
    arrests = [e.payload for e in events if e.event_type == "ArrestMade"]
    assert 0.25 <= report["arrests"] / len(arrests) <= 0.35
    assert report["arrested_more_than_once"] > 50 and report["most_arrests_of_one_person"] >= 3
    people = defaultdict(set)
    for arrest in arrests:
        if is_returning(arrest.detainee.person_ref):
            people[arrest.detainee.person_ref].add((arrest.detainee.claimed_nationality, arrest.detainee.birth_year))
    assert len(people) == report["people"] and all(len(seen) == 1 for seen in people.values())
    answers = defaultdict(set)
    for e in events:
        if e.event_type == "IabsSearchCompleted" and is_returning(e.payload.case.detainee.person_ref):
            iabs = e.payload.iabs
            answers[e.payload.case.detainee.person_ref].add((iabs.outcome, iabs.home_office_reference))
    assert answers and all(len(seen) == 1 for seen in answers.values())
    assert result.counts["JourneyRecorded"] == len(arrests) and result.dead_letters == 0


def test_without_a_returning_share_nobody_returns():
    scenario = load_scenario("london-2013", ["arrests.per_year=20000"])
    report = run_in_memory(scenario, 3, 2).report(scenario, RunSpec("london-2013", ("arrests.per_year=20000",), 3, 2))
    assert report["returning_people"] == {"arrests": 0, "people": 0, "arrested_more_than_once": 0,
                                          "most_arrests_of_one_person": 0}
