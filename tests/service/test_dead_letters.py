"""Malformed messages go to <topic>.dlq with the original bytes, headers and the reason;
the service carries on with the next message (ARCHITECTURE.md invariant 5)."""

import json

import pytest

from nexus_contracts.catalogue import ARRESTS, BOOKINGS
from nexus_contracts.wire import DEAD_LETTER_REASON
from nexus_runtime.processing import to_record
from nexus_runtime.records import Record
from nexus_sim.run.arrests import arrests_on
from nexus_sim.run.wiring import wired_bus


@pytest.fixture
def bus_and_arrest(small_scenario):
    bus = wired_bus(small_scenario, 1)
    seen: list[Record] = []
    bus.observe(seen.append)
    arrest = arrests_on(small_scenario, 1, small_scenario.start_date)[0]
    return bus, seen, to_record(arrest)


def _malformed(good: bytes) -> dict[str, bytes]:
    data = json.loads(good)
    return {
        "not JSON": b"\xff\x00 definitely not json",
        "field 'detainee.birth_year'": json.dumps(
            {**data, "payload": {**data["payload"], "detainee": {**data["payload"]["detainee"], "birth_year": "x"}}}
        ).encode(),
        "unknown event type": json.dumps({**data, "event_type": "PrisonerEscaped"}).encode(),
        "unknown schema version": json.dumps({**data, "schema_version": 99}).encode(),
    }


def test_malformed_messages_are_dead_lettered_and_the_flow_goes_on(bus_and_arrest):
    bus, seen, good = bus_and_arrest
    bad = _malformed(good.value)
    for value in bad.values():
        bus.publish(Record(ARRESTS.name, good.key, value, {"origin": "test", "attempt": "1"}))
    bus.publish(good)
    bus.drain()
    dead = [r for r in seen if r.topic == ARRESTS.dlq]
    assert [r.value for r in dead] == list(bad.values())
    for record, reason in zip(dead, bad):
        assert reason in record.headers[DEAD_LETTER_REASON]
        assert record.headers["origin"] == "test" and record.key == good.key
        assert record.headers["nexus.dlq.source_topic"] == ARRESTS.name
    assert any(r.topic == BOOKINGS.name for r in seen), "the valid arrest after the bad ones was processed"


def test_a_redelivered_message_is_handled_once(bus_and_arrest):
    bus, seen, good = bus_and_arrest
    bus.publish(good)
    bus.publish(good)
    bus.drain()
    assert sum(r.topic == BOOKINGS.name and b"BookingOpened" in r.value for r in seen) == 1
