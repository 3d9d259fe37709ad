"""Small pieces of the event-log tools: recorder, input batches, pacing, flattening, durations."""

import json
from datetime import timedelta

import pytest

from nexus_runtime.records import Record
from nexus_sim.eventlog.compare import flatten
from nexus_sim.eventlog.format import LogEntry
from nexus_sim.eventlog.recorder import MemoryRecorder
from nexus_sim.eventlog.render import duration
from nexus_sim.eventlog.replay import Pacer, ReplayError, input_batches


def test_the_recorder_numbers_offsets_per_topic_and_stamps_event_time():
    entries: list[LogEntry] = []
    record = MemoryRecorder(entries.append)
    event = json.dumps({"occurred_at": "2013-03-04T00:00:01.5Z"}).encode()
    for topic, value in (("a", event), ("b", event), ("a", b"garbage"), ("a", event)):
        record(Record(topic, b"k", value, {"h": "v"}))
    assert [(e.topic, e.offset) for e in entries] == [("a", 0), ("b", 0), ("a", 1), ("a", 2)]
    assert [e.timestamp_ms for e in entries] == [1362355201500] * 4  # garbage takes the time before it
    assert entries[0].headers == (("h", b"v"),) and entries[0].partition == 0


def _entry(topic: str, ts: int = 0) -> LogEntry:
    return LogEntry(topic, 0, 0, ts, None, (), b"{}")


def test_inputs_are_fed_in_runs_of_consecutive_input_records():
    entries = [_entry("in"), _entry("in"), _entry("out"), _entry("in"), _entry("out"), _entry("out"), _entry("in")]
    assert [len(batch) for batch in input_batches(entries, ("in",))] == [2, 1, 1]


def test_the_pacer_waits_for_recorded_time_divided_by_speed():
    now, slept = [100.0], []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    pacer = Pacer(10, clock=lambda: now[0], sleep=sleep)
    pacer.wait_for(1_000)       # the first record sets the origin
    pacer.wait_for(21_000)      # 20 s recorded = 2 s at 10x
    now[0] += 5                  # the replay fell behind: no wait
    pacer.wait_for(31_000)
    assert slept == [pytest.approx(2.0)]


def test_a_speed_must_be_positive():
    with pytest.raises(ReplayError):
        Pacer(0)


def test_flatten_names_nested_fields_by_dotted_path():
    assert flatten({"a": {"b": [1, {"c": 2}]}, "d": [], "e": None}) == {"a.b.0": 1, "a.b.1.c": 2, "d": [], "e": None}


@pytest.mark.parametrize(("delta", "text"), [
    (timedelta(seconds=5), "+5s"), (timedelta(minutes=3, seconds=2), "+3m 02s"),
    (timedelta(hours=2, minutes=5), "+2h 05m"), (timedelta(days=9, hours=20), "+9d 20h"),
    (timedelta(seconds=-90), "-1m 30s"), (None, ""),
])
def test_durations_read_as_waits(delta, text):
    assert duration(delta) == text
