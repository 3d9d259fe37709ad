"""Event-time order: low watermarks over expected origins, and release in (time, event id) order."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from nexus_contracts import Event
from nexus_contracts.events import ArrestMade
from nexus_contracts.payloads_common import Detainee, Offence
from nexus_contracts.vocabulary import NationalityGroup, OffenceCategory, ProducingSystem
from nexus_contracts.watermarks import END_OF_TIME, Marker, marker_headers, read_marker
from nexus_runtime.event_time import EventTimeQueue, PartitionClock

T0 = datetime(2013, 3, 4, tzinfo=UTC)


def event(minutes: int, n: int) -> Event:
    payload = ArrestMade(arrest_ref=f"ARR-{n}", detainee=Detainee(
        person_ref=f"SYN-P-{n}", claimed_nationality="GB", nationality_group=NationalityGroup.BRITISH,
        birth_year=1990), offence=Offence(category=OffenceCategory.THEFT, indictable=False))
    return Event(event_id=uuid.UUID(int=n), event_type=payload.EVENT_TYPE, schema_version=payload.VERSION,
                 occurred_at=T0 + timedelta(minutes=minutes), correlation_id=f"ARR-{n}",
                 producer=ProducingSystem.SCENARIO_DRIVER, force="met", custody_suite="MET-CX", synthetic=True,
                 payload=payload)


def test_the_low_watermark_waits_for_every_origin_and_only_rises():
    clock = PartitionClock({"a/0", "a/1"})
    assert clock.advance(Marker("a/0", T0 + timedelta(hours=2))) is None  # a/1 not heard yet
    assert clock.advance(Marker("a/1", T0 + timedelta(hours=1))) == T0 + timedelta(hours=1)
    assert clock.advance(Marker("a/1", T0)) is None  # a stale marker (a redelivery) changes nothing
    assert clock.advance(Marker("a/1", T0 + timedelta(hours=3))) == T0 + timedelta(hours=2)


def test_a_marker_from_an_unexpected_origin_is_refused():
    with pytest.raises(ValueError, match="unexpected origin"):
        PartitionClock({"a/0"}).advance(Marker("b/0", T0))


def test_held_events_are_released_in_time_then_id_order_below_the_watermark():
    queue = EventTimeQueue()
    for minutes, n in ((30, 2), (10, 9), (30, 1), (90, 3)):
        assert queue.hold(event(minutes, n))
    released = queue.release(T0 + timedelta(minutes=60))
    assert [e.event_id.int for e in released] == [9, 1, 2]
    assert [e.event_id.int for e in queue.release(END_OF_TIME)] == [3]


def test_a_redelivered_event_is_not_held_twice_nor_after_its_time_was_released():
    queue = EventTimeQueue()
    assert queue.hold(event(10, 1)) and not queue.hold(event(10, 1))
    queue.release(T0 + timedelta(minutes=20))
    assert not queue.hold(event(10, 1))
    assert len(queue) == 0


def test_marker_headers_round_trip_including_the_end_of_time():
    for marker in (Marker("nexus.iabs.results/3", T0), Marker("scenario-driver", END_OF_TIME)):
        assert read_marker(marker_headers(marker)) == marker
    assert read_marker({"x": "1"}) is None
