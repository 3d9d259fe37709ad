"""The runtime's stages (nexus_runtime/stages.py): markers forwarded along the time flow, the
commit bound for markers not yet passed on, and snapshots of an ordered stage."""

from datetime import UTC, datetime, timedelta

from nexus_contracts.catalogue import ARRESTS, BOOKINGS, CHECK_QUEUE, IABS_RESULTS
from nexus_contracts.watermarks import DRIVER_ORIGIN, END_OF_TIME, Marker, read_marker
from nexus_runtime.stages import Stages

from test_event_time import event

T0 = datetime(2013, 3, 4, tzinfo=UTC)


def three(topic_name: str) -> int:
    return 3


class Counting:
    """An ordered handler whose state counts what it decided, in order."""

    event_types = frozenset({"ArrestMade"})

    def new_state(self):
        return []

    def decide(self, state, event):
        state.append(event.event_id.int)
        return []

    def snapshot(self, state):
        return list(state)

    def restore(self, snapshot):
        return list(snapshot)


def test_a_rising_watermark_is_forwarded_to_every_partition_of_the_next_topic():
    stages = Stages("custody_booking", None, three)
    _, forwards = stages.advance("run", ARRESTS.name, 1, Marker(DRIVER_ORIGIN, T0))
    assert [(r.topic, r.partition) for r in forwards] == [(BOOKINGS.name, p) for p in range(3)]
    assert {read_marker(r.headers) for r in forwards} == {Marker(f"{ARRESTS.name}/1", T0)}
    assert all(r.key is None and r.value == b"" and r.headers["nexus.run"] == "run" for r in forwards)


def test_a_service_forwards_only_onto_topics_it_produces():
    assert Stages("referral_exchange", None, three).advance("", ARRESTS.name, 0, Marker(DRIVER_ORIGIN, T0))[1] == []


def test_the_commit_never_passes_a_marker_whose_time_is_not_yet_forwarded():
    stages = Stages("fingerprint_match", None, three)
    origin = [f"{ARRESTS.name}/{p}" for p in range(3)]
    stages.advance("", BOOKINGS.name, 0, Marker(origin[0], T0 + timedelta(hours=2)), offset=10)
    assert stages.committable(BOOKINGS.name, 0, 11) == 10  # the marker at 10 is not passed on yet
    stages.advance("", BOOKINGS.name, 0, Marker(origin[1], T0 + timedelta(hours=1)), offset=12)
    stages.advance("", BOOKINGS.name, 0, Marker(origin[2], T0 + timedelta(hours=3)), offset=13)
    assert stages.committable(BOOKINGS.name, 0, 13) == 10  # low is 1 h: the 2 h and 3 h markers wait
    stages.advance("", BOOKINGS.name, 0, Marker(origin[1], END_OF_TIME), offset=14)
    assert stages.committable(BOOKINGS.name, 0, 14) == 13  # low is 2 h now: only the 3 h one waits
    assert stages.committable(BOOKINGS.name, 1, 7) == 8  # another partition is not held back


def test_an_ordered_stage_decides_in_time_order_and_resumes_from_its_snapshot():
    stages = Stages("status_check", Counting(), three)
    origins = [f"{IABS_RESULTS.name}/{p}" for p in range(3)]
    stage = stages.stage("r", CHECK_QUEUE.name, 2)
    for minutes, n in ((50, 5), (10, 1), (200, 9)):
        stage.queue.hold(event(minutes, n))
    for origin in origins:
        released, _ = stages.advance("r", CHECK_QUEUE.name, 2, Marker(origin, T0 + timedelta(minutes=100)))
    assert [e.event_id.int for e in released] == [1, 5]
    for held in released:  # as the Processor does
        stages.ordered.decide(stage.state, held)
    snapshot = stages.snapshot("r", CHECK_QUEUE.name, 2)

    again = Stages("status_check", Counting(), three)
    again.restore("r", CHECK_QUEUE.name, 2, snapshot)
    released, _ = again.advance("r", CHECK_QUEUE.name, 2, Marker(origins[0], END_OF_TIME))
    assert released == []  # the other origins have not passed the end yet
    for origin in origins[1:]:
        released, _ = again.advance("r", CHECK_QUEUE.name, 2, Marker(origin, END_OF_TIME))
    assert [e.event_id.int for e in released] == [9]
    assert again.stage("r", CHECK_QUEUE.name, 2).state == [1, 5]  # the desks as they were
    assert not again.stage("r", CHECK_QUEUE.name, 2).queue.hold(event(50, 5))  # decided before the crash
