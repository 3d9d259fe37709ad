"""Golden logs: recorded runs replay to the same outcomes, a v1 log replays under v2 contracts.

The logs are london-2013, one day, at 30,000 arrests a year with most answers holding
overseas records. After a deliberate change of behaviour, re-record both (the v1 log is the
same run as a v1 producer would have written it) with `uv run python tests/replay/make_golden.py` (they are package data:
`services/nexus_sim/eventlog/golden/`, found with `nexus_sim.eventlog.golden_log`)
and put the digest it prints below.
"""

import io
import pytest

from nexus_sim.eventlog import Journeys, LogHeader, LogWriter, compare, golden_log, read_log
from nexus_sim.eventlog.recorder import MemoryRecorder
from nexus_sim.eventlog.replay import DEFAULT_INPUTS, logged_outcomes
from nexus_sim.run.in_memory import run_in_memory

DIGEST = "6a57184e2a6b8a1fdceee6b619c8cb772800b9c2a6e2674189cce3a07fe2812a"
GOLDEN = {"london-2013": DIGEST, "london-2013-v1": DIGEST}  # v1 upcast reads as v2 wrote it
JOURNEY = "MET-CX/130304/3989394C"  # an EU national with an overseas conviction: referred on it


@pytest.mark.parametrize(("name", "digest"), GOLDEN.items())
def test_a_golden_log_replays_to_its_digest(replay, name, digest):
    outcomes = replay(golden_log(name))
    assert outcomes.digest == digest
    assert outcomes.counts["ArrestMade"] == outcomes.counts["JourneyRecorded"] == 77
    assert outcomes.counts["AcroCheckAnswered"] == 19


@pytest.mark.parametrize("name", GOLDEN)
def test_what_a_replay_produces_is_what_the_log_holds(replay, name):
    log = read_log(golden_log(name))
    outcomes = replay(golden_log(name))
    produced = [e for e in outcomes.entries if e.topic not in DEFAULT_INPUTS]
    logged = [e for e in log.entries if e.topic not in DEFAULT_INPUTS]
    assert compare(logged, produced).same
    assert logged_outcomes(log).digest() == GOLDEN[name]


def test_the_v1_log_holds_v1_acro_answers():
    log = read_log(golden_log("london-2013-v1"))
    assert log.header.contracts["events"]["AcroCheckAnswered"] == 1
    answers = [e.value for e in log.entries if b'"AcroCheckAnswered"' in e.value]
    assert answers and all(b'"schema_version":1' in v for v in answers)
    assert any(b'"reliability"' in v for v in answers) and not any(b'"grading"' in v for v in answers)


def test_a_journey_is_replayed_end_to_end(replay):
    journey = Journeys.of(replay(golden_log("london-2013")).entries).events_of(JOURNEY)
    types = [event.event_type for event in journey]
    assert types[:3] == ["ArrestMade", "BookingOpened", "IabsSearchCompleted"]
    assert types.count("ReferralCreated") == 1 and "BookingClosed" in types
    assert [e.occurred_at for e in journey] == sorted(e.occurred_at for e in journey)
    acro = next(e for e in journey if e.event_type == "AcroCheckAnswered")
    assert [r.grading.code for r in acro.payload.records] == ["1A-P"]


def test_recording_a_run_is_byte_identical_and_matches_the_golden_log(tmp_path):
    header = LogHeader.from_json(read_log(golden_log("london-2013")).header.to_json())
    texts = []
    for _ in range(2):
        out = io.StringIO()
        writer = LogWriter(out, header)
        run_in_memory(header.run.load_scenario(), header.run.seed, header.run.days,
                      observers=(MemoryRecorder(writer.write_entry),))
        texts.append(out.getvalue())
    assert texts[0] == texts[1]
    (tmp_path / "fresh.jsonl").write_text(texts[0])
    assert compare(read_log(golden_log("london-2013")).entries, read_log(tmp_path / "fresh.jsonl").entries).same


def test_a_log_written_by_v1_code_reads_as_the_same_run_written_by_v2_code():
    """Two recordings of one run, kept as they were made: one by the producer before the v2
    change (reliability words), one after (3x5x2 gradings). Upcast on reading, they are the same
    events. (They predate later behaviour changes, so they are read, not replayed.)"""
    v1, v2 = read_log(golden_log("legacy/recorded-by-v1")), read_log(golden_log("legacy/recorded-by-v2"))
    assert v1.header.contracts["events"]["AcroCheckAnswered"] == 1
    assert v2.header.contracts["events"]["AcroCheckAnswered"] == 2
    assert logged_outcomes(v1).digest() == logged_outcomes(v2).digest()
    assert logged_outcomes(v1).counts["AcroCheckAnswered"] > 0
