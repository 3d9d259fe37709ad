"""When a Kafka run may stop collecting: every journey recorded and closed, and what the journey
records say was sent beside them (on other topics, so possibly read later) arrived as well."""

from nexus_runtime.scenarios import load_scenario
from nexus_sim.run.in_memory import run_in_memory
from nexus_sim.run.on_kafka import _journeys_done
from nexus_sim.run.outcomes import Outcomes


def test_a_run_is_not_done_while_a_referral_its_journey_record_promises_is_still_in_flight():
    events = []
    result = run_in_memory(load_scenario("london-2013", ["arrests.per_year=25000"]), 7, 1,
                           observers=(lambda record: events.append(record.event),))
    journeys = result.outcomes.counts["ArrestMade"]
    assert result.outcomes.promised["ReferralCreated"] > 0
    done = _journeys_done(journeys)
    assert done(result.outcomes)
    late = next(e for e in events if e.event_type == "ReferralCreated")
    partial = Outcomes()
    for event in events:
        if event is not late:
            partial.add(event)
    assert partial.counts["JourneyRecorded"] == journeys and not done(partial)
    partial.add(late)
    assert done(partial)
