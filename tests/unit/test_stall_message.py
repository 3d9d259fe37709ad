"""What a stalled Kafka run says: dead letters per DLQ topic with their first reasons, the service that
sent the offending records, and the records that came without the run header. Built from a collector
fed hand-made records, as aiokafka hands them over (headers as (name, bytes) pairs)."""

from types import SimpleNamespace

from nexus_contracts.wire import DEAD_LETTER_REASON, DEAD_LETTER_SERVICE, RUN_HEADER
from nexus_sim.run.collector import FIRST_REASONS, KafkaRunError, RunCollector

RUN = "run-1"


def raw(topic: str, **headers: str):
    return SimpleNamespace(topic=topic, key=b"suite", value=b"{}",
                           headers=[(name, value.encode()) for name, value in headers.items()])


def dead_letter(topic: str, reason: str, service: str, run: str | None = RUN):
    headers = {"event_type": "IabsSearchCompleted", DEAD_LETTER_REASON: reason, DEAD_LETTER_SERVICE: service}
    return raw(topic, **headers, **({RUN_HEADER: run} if run else {}))


def stall_message(*records) -> str:
    collector = RunCollector(RUN, ())
    for record in records:
        collector.take(record)
    error = collector.stalled(120)
    assert isinstance(error, KafkaRunError)
    return str(error)


def test_a_stall_names_the_dlq_topic_its_count_first_reasons_and_both_services():
    reasons = [f"IabsSearchCompleted: field 'payload.result{n}': Input should be 'match'" for n in range(5)]
    message = stall_message(*(dead_letter("nexus.iabs.results.dlq", r, "status_check") for r in reasons))
    assert message.startswith("no new events for 120 s: 0 journeys recorded, 0 bookings closed")
    assert "nexus.iabs.results.dlq: 5 dead letter(s), records sent by fingerprint_match and refused by status_check" \
        in message
    assert all(r in message for r in reasons[:FIRST_REASONS])
    assert reasons[FIRST_REASONS] not in message


def test_records_without_the_run_header_are_counted_per_topic_with_their_sender():
    message = stall_message(raw("nexus.iabs.results", event_type="IabsSearchCompleted"),
                            raw("nexus.iabs.results", event_type="IabsSearchCompleted"),
                            raw("nexus.custody.bookings", **{RUN_HEADER: "another-run"}))
    assert "nexus.iabs.results: 2 record(s) without the nexus.run header, sent by fingerprint_match" in message
    assert "2 records arrived without the nexus.run header" in message
    assert "nexus.custody.bookings" not in message  # another run's record is not ours, nor unmarked


def test_a_dead_letter_of_an_unmarked_record_is_reported_with_its_reason():
    message = stall_message(dead_letter("nexus.iabs.results.dlq", "unknown event type: 'Nope'", "status_check", run=None))
    assert "nexus.iabs.results.dlq: 1 dead letter(s)" in message and "unknown event type: 'Nope'" in message


def test_another_runs_dead_letters_are_left_out():
    message = stall_message(dead_letter("nexus.iabs.results.dlq", "x", "status_check", run="another-run"))
    assert "dlq" not in message
