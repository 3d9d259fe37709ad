"""The rules of `nexus verify`, on hand-made records: a reply the golden log holds passes every
rule; each contract break fails the rule that covers it, naming the field."""

import json

import pytest

from nexus_contracts.wire import DEAD_LETTER_REASON, RUN_HEADER
from nexus_sim.verify.expectations import end_markers_to_send, expected_markers
from nexus_sim.verify.junit import junit_xml
from nexus_sim.verify.model import Output
from nexus_sim.verify.rules import RECORD_RULES, check_dead_letter, check_output
from nexus_sim.verify.tally import MARKERS, REPLY, Tally

from verify_golden import RUN, SERVICE, exp, log  # noqa: F401 (fixtures)


@pytest.fixture(scope="module")
def reply(log):
    """An IabsSearchCompleted of the golden log as fingerprint_match sends it: value, key and headers."""
    entry = next(e for e in log.entries if e.topic == "nexus.iabs.results")
    return json.loads(entry.value), entry.key, {**entry.header_dict(), RUN_HEADER: RUN}


def output(value: dict, key: bytes, headers: dict[str, str], topic: str = "nexus.iabs.results") -> Output:
    return Output(topic, 2, 41, key, headers, json.dumps(value).encode())


def failures(exp, out: Output) -> list[tuple[str, str]]:
    return [(f.rule, f.field) for f in check_output(out, exp, exp.causes) if not f.passed]


def test_the_logged_reply_passes_every_rule(exp, reply):
    findings = check_output(output(*reply), exp, exp.causes)
    assert [f.rule for f in findings] == [name for name, _, _ in RECORD_RULES]
    assert all(f.passed for f in findings), [f.describe() for f in findings if not f.passed]


def test_a_missing_required_field_fails_the_schema_naming_it(exp, reply):
    value, key, headers = reply
    broken = {**value, "payload": {**value["payload"], "iabs": {k: v for k, v in value["payload"]["iabs"].items()
                                                                if k != "outcome"}}}
    assert failures(exp, output(broken, key, headers)) == [("schema", "payload.iabs.outcome")]


def test_a_wrong_enum_value_fails_the_schema_naming_the_field(exp, reply):
    value, key, headers = reply
    broken = {**value, "payload": {**value["payload"], "iabs": {**value["payload"]["iabs"], "outcome": "maybe"}}}
    found = check_output(output(broken, key, headers), exp, exp.causes)
    assert [(f.rule, f.field) for f in found if not f.passed] == [("schema", "payload.iabs.outcome")]
    assert "'maybe'" in found[-1].describe() and "nexus.iabs.results/2@41" in found[-1].describe()


def test_a_wrong_key_fails_the_key_rule(exp, reply):
    value, _, headers = reply
    found = [f for f in check_output(output(value, b"WRONG-KEY", headers), exp, exp.causes) if not f.passed]
    assert [(f.rule, f.field) for f in found] == [("key", "key")]
    assert value["custody_suite"] in found[0].detail and found[0].custody_record == value["correlation_id"]


def test_a_missing_run_header_fails_the_run_header_rule(exp, reply):
    value, key, headers = reply
    without = {k: v for k, v in headers.items() if k != RUN_HEADER}
    assert failures(exp, output(value, key, without)) == [("run header", RUN_HEADER)]


def test_a_record_without_the_run_header_is_still_ours_when_it_answers_our_input(exp, reply):
    value, key, headers = reply
    tally = Tally(exp)
    assert tally.ours(output(value, key, {k: v for k, v in headers.items() if k != RUN_HEADER}))
    assert not tally.ours(output(value, key, {**headers, RUN_HEADER: "another run"}))


@pytest.mark.parametrize(("field", "wrong", "rule"), [
    ("force", "kent", "force"), ("producer", "police-custody-system", "producer"),
    ("occurred_at", "2013-03-03T00:00:00Z", "occurred_at"), ("correlation_id", "CR-NOPE", "correlation"),
    ("causation_id", "00000000-0000-0000-0000-000000000000", "causation"),
])
def test_envelope_rules_check_against_the_cause(exp, reply, field, wrong, rule):
    value, key, headers = reply
    assert (rule, field) in failures(exp, output({**value, field: wrong}, key, headers))


def test_a_header_that_disagrees_with_the_value_fails_the_headers_rule(exp, reply):
    value, key, headers = reply
    assert failures(exp, output(value, key, {**headers, "schema_version": "2"})) == [("headers", "schema_version")]


def test_an_event_on_the_wrong_topic_fails_the_topic_rule(exp, reply):
    assert ("topic", "event_type") in failures(exp, output(*reply, topic="nexus.custody.bookings"))


def test_a_dead_letter_fails_naming_the_field_of_its_reason(reply):
    value, key, headers = reply
    reason = "IabsSearchCompleted: field 'payload.iabs.outcome': Input should be 'match' (1 error(s))"
    found = check_dead_letter(output(value, key, {**headers, DEAD_LETTER_REASON: reason}, "nexus.iabs.results.dlq"))
    assert (found.rule, found.passed, found.field) == ("no dead letters", False, "payload.iabs.outcome")


def test_only_booking_opened_needs_a_reply_from_fingerprint_match(exp):
    assert len(exp.needs_reply) == 77
    assert {exp.causes[i].event_type for i in exp.needs_reply} == {"BookingOpened"}
    assert {exp.causes[i].event_type for i in exp.causes} == {"BookingOpened", "BookingClosed"}


def test_end_markers_go_to_every_bookings_partition_from_every_arrests_partition():
    sent = end_markers_to_send("fingerprint_match")
    assert len(sent) == 36 and ("nexus.custody.bookings", 5, "nexus.custody.arrests/0") in sent
    assert ("nexus.iabs.results", 0, "nexus.custody.bookings/5") in expected_markers("fingerprint_match")
    assert expected_markers("referral_exchange") == frozenset()


def test_the_tally_fails_unanswered_inputs_and_missing_markers(exp, reply):
    tally = Tally(exp)
    assert tally.take(output(*reply)) == []
    tally.close(timeout=5)
    assert tally.rows[REPLY].passed == 1 and len(tally.rows[REPLY].failed) == 76
    assert len(tally.rows[MARKERS].failed) == 36 and not tally.passed
    assert "no reply to BookingOpened within 5 s" in tally.rows[REPLY].failed[0].describe()
    assert 'name="reply"' in junit_xml(tally, "fingerprint_match") and "<failure" in junit_xml(tally, "fingerprint_match")
