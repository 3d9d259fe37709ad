"""`nexus trace` and `nexus diff` show the dead letters of a log: hand-made `.dlq` records beside a golden log."""

import json
from dataclasses import replace
from pathlib import Path

import typer
from rich.console import Console
from typer.testing import CliRunner

from nexus_contracts.wire import (
    DEAD_LETTER_REASON,
    DEAD_LETTER_SERVICE,
    DEAD_LETTER_SOURCE_OFFSET,
    DEAD_LETTER_SOURCE_PARTITION,
    DEAD_LETTER_SOURCE_TOPIC,
)
from nexus_sim.cli import log_commands
from nexus_sim.cli.log_commands import register
from nexus_sim.eventlog import Journeys, LogEntry, LogWriter, compare, golden_log, read_log
from nexus_sim.eventlog.render import render_diff, render_trace
from nexus_sim.eventlog.trace import journey_dead_letters, trace

LOG = read_log(golden_log("london-2013"))
JOURNEY = "MET-CX/130304/3989394C"
runner = CliRunner()


def journey_entry(event_type: str, journey: str = JOURNEY) -> LogEntry:
    for entry in LOG.entries:
        if entry.value and entry.topic.startswith("nexus."):
            value = json.loads(entry.value)
            if value.get("event_type") == event_type and value.get("correlation_id") == journey:
                return entry
    raise LookupError(event_type)


def dead_letter(entry: LogEntry, service: str, reason: str, value: bytes | None = None) -> LogEntry:
    """``entry`` as a service dead-letters it: the original record plus the ``nexus.dlq.*`` headers."""
    headers = (*entry.headers, (DEAD_LETTER_REASON, reason.encode()), (DEAD_LETTER_SERVICE, service.encode()),
               (DEAD_LETTER_SOURCE_TOPIC, entry.topic.encode()),
               (DEAD_LETTER_SOURCE_PARTITION, str(entry.partition).encode()),
               (DEAD_LETTER_SOURCE_OFFSET, str(entry.offset).encode()))
    return replace(entry, topic=entry.topic + ".dlq", partition=0, offset=0, headers=headers,
                   value=entry.value if value is None else value)


BOOKING = journey_entry("BookingOpened")
REFUSED = dead_letter(BOOKING, "fingerprint_match", "wrong key: expected MET-CX")
UNREADABLE = dead_letter(journey_entry("IabsSearchCompleted"), "status_check",
                         "not JSON: Expecting value: line 1 column 1 (char 0)",
                         value=b'{"correlation_id": "' + JOURNEY.encode() + b'", "payload": ')
other_booking = next(e for e in LOG.entries if e.topic == "nexus.custody.bookings" and e.key != BOOKING.key)
ELSEWHERE = dead_letter(other_booking, "fingerprint_match", "somebody else's")


def test_trace_lists_the_journeys_dead_letters_as_steps():
    journeys = Journeys.of([*LOG.entries, REFUSED, UNREADABLE, ELSEWHERE])
    assert [d.entry for d in journey_dead_letters(journeys, JOURNEY)] == [REFUSED, UNREADABLE]
    steps = trace(journeys, JOURNEY)
    refused = [step for step in steps if step.dead_letter]
    assert [s.facts.split(" (from")[0] for s in refused] == [
        "dead-lettered by fingerprint_match: wrong key: expected MET-CX",
        "dead-lettered by status_check: not JSON: Expecting value: line 1 column 1 (char 0)"]
    booking = next(i for i, s in enumerate(steps) if s.event_type == "BookingOpened" and not s.dead_letter)
    assert steps[booking + 1].dead_letter and steps[booking + 1].event_type == "BookingOpened"
    assert steps[-1].facts.startswith("dead-lettered by status_check")  # no time to place it by: at the end
    assert [s.at for s in steps] == sorted(s.at for s in steps)
    assert len(steps) == len(trace(Journeys.of(LOG.entries), JOURNEY)) + 2


def test_the_arrest_ref_finds_the_dead_letters_too():
    journeys = Journeys.of([*LOG.entries, REFUSED])
    arrest_ref = next(alias for alias, record in journeys.aliases.items() if record == JOURNEY)
    assert [d.entry for d in journey_dead_letters(journeys, arrest_ref)] == [REFUSED]


def test_the_rendered_trace_says_who_refused_what(tmp_path):
    console = Console(record=True, width=100)
    steps = trace(Journeys.of([*LOG.entries, REFUSED]), JOURNEY)
    render_trace(steps, console, JOURNEY)
    text = console.export_text()
    assert f"custody record {JOURNEY}: {len(steps) - 1} events over" in text and ", 1 dead-lettered" in text
    assert "dead-lettered by fingerprint_match: wrong key: expected MET-CX (from nexus.custody.bookings" in text


def test_diff_counts_dead_letters_per_topic_and_lists_those_that_differ():
    left = compare(LOG.entries, [*LOG.entries, REFUSED, ELSEWHERE])
    assert not left.same
    assert left.dead_letters[0] == {} and left.dead_letters[1] == {"nexus.custody.bookings.dlq": 2}
    assert [[d.entry for d in side] for side in left.dead_letters_differing] == [[], [REFUSED, ELSEWHERE]]
    moved = replace(REFUSED, partition=3, offset=77)  # where the broker put it is no difference
    assert compare([*LOG.entries, REFUSED], [*LOG.entries, moved]).same
    other_reason = dead_letter(BOOKING, "fingerprint_match", "a different reason")
    changed = compare([*LOG.entries, REFUSED], [*LOG.entries, other_reason])
    assert changed.dead_letters[0] == changed.dead_letters[1]  # same counts, yet not the same dead letters
    assert not changed.same
    assert [[d.reason for d in side] for side in changed.dead_letters_differing] == [
        ["wrong key: expected MET-CX"], ["a different reason"]]
    console = Console(record=True, width=200)
    render_diff(changed, console, "A", "B")
    text = console.export_text()
    assert "dead letters differ: A {'nexus.custody.bookings.dlq': 1}, B {'nexus.custody.bookings.dlq': 1}" in text
    assert (f"only in A: nexus.custody.bookings.dlq: BookingOpened of {JOURNEY} from nexus.custody.bookings partition "
            f"{BOOKING.partition} offset {BOOKING.offset}, dead-lettered by fingerprint_match: wrong key") in text
    assert "only in B: nexus.custody.bookings.dlq: BookingOpened" in text and "a different reason" in text


def test_the_commands_show_them(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(log_commands.console, "width", 100)
    app = typer.Typer()
    register(app)
    path = tmp_path / "with-dlq.jsonl"
    with LogWriter(path, LOG.header) as writer:
        for entry in (*LOG.entries, REFUSED):
            writer.write_entry(entry)
    traced = runner.invoke(app, ["trace", JOURNEY, "--log", str(path)])
    assert traced.exit_code == 0, traced.output
    assert "dead-lettered by fingerprint_match: wrong key" in traced.output
    diffed = runner.invoke(app, ["diff", str(golden_log("london-2013")), str(path)])
    assert diffed.exit_code == 1
    assert "only in with-dlq.jsonl: nexus.custody.bookings.dlq: BookingOpened" in diffed.output



def test_a_poison_dead_letter_nested_past_the_parser_is_listed_not_raised():
    from nexus_sim.eventlog.dead_letters import dead_letters

    poison = dead_letter(BOOKING, "fingerprint_match", "JSON nested deeper than the contract's 12 levels",
                         value=b"[" * 50_000 + b"]" * 50_000)
    [letter] = dead_letters([poison])
    assert letter.event_type == "BookingOpened" and letter.correlation_id is None  # from its headers
