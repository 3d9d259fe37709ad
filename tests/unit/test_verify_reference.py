"""`nexus verify --reference`: the outside service's outputs against the reference service's, matched by
causation (not event id), field by field: identical outputs pass; a changed field fails naming it; an
extra or a missing output fails."""

import copy
import json

import pytest

from nexus_contracts.watermarks import is_marker
from nexus_sim.verify.expectations import output_topics
from nexus_sim.verify.model import Output
from nexus_sim.verify.reference import REFERENCE, ReferenceCheck, canonical, compare, differences, reference_outputs
from nexus_sim.verify.tally import Tally

from verify_golden import RUN, SERVICE, exp, log  # noqa: F401 (fixtures)


@pytest.fixture(scope="module")
def reference(log, exp):
    """What the project's own fingerprint_match sends for the golden log's inputs, run in this process."""
    run = log.header.run
    return reference_outputs(SERVICE, run.load_scenario(), run.seed, exp.inputs)


@pytest.fixture(scope="module")
def logged(log):
    """The golden log's IabsSearchCompleted records as (where, canonical JSON)."""
    ours = {spec.name for spec in output_topics(SERVICE)}
    return [(f"{e.topic}/{e.partition}@{e.offset}", canonical(e.value)) for e in log.entries
            if e.topic in ours and not is_marker(e.header_dict())]


def failed(findings):
    return [f for f in findings if not f.passed]


def test_identical_outputs_pass(reference, logged, exp):
    assert len(reference) == len(logged) > 0
    findings = compare(reference, logged, exp.causes.keys())
    assert len(findings) == len(logged)
    assert failed(findings) == [], [f.describe() for f in failed(findings)]


def test_another_event_id_still_matches_by_causation(reference, logged):
    where, event = logged[0]
    renamed = {**event, "event_id": "00000000-0000-0000-0000-000000000000"}
    assert [f.passed for f in compare(reference, [(where, renamed)]) if f.where == where] == [True]


def test_a_changed_payload_field_fails_naming_the_record_and_the_field(reference, logged):
    where, event = logged[0]
    changed = copy.deepcopy(event)
    changed["payload"]["iabs"]["outcome"] = "something else"
    findings = failed(compare(reference, [(where, changed), *logged[1:]]))
    assert [(f.rule, f.where, f.field) for f in findings] == [(REFERENCE, where, "payload.iabs.outcome")]
    assert findings[0].custody_record == event["correlation_id"]
    assert "got \"something else\"" in findings[0].detail and findings[0].detail.startswith("expected ")


def test_a_changed_envelope_field_fails_naming_it(reference, logged):
    where, event = logged[0]
    findings = failed(compare(reference, [(where, {**event, "occurred_at": "2099-01-01T00:00:00Z"}), *logged[1:]]))
    assert [(f.where, f.field) for f in findings] == [(where, "occurred_at")]


def test_a_missing_output_fails_naming_the_input(reference, logged):
    findings = failed(compare(reference, logged[1:]))
    cause = logged[0][1]["causation_id"]
    assert [(f.rule, f.where, f.field) for f in findings] == [(REFERENCE, f"input {cause}", "event_type")]
    assert "missing output" in findings[0].detail and "IabsSearchCompleted" in findings[0].detail


def test_an_extra_output_fails(reference, logged, exp):
    where, event = logged[0]
    findings = failed(compare(reference, [*logged, ("extra/0@1", event)], exp.causes.keys()))
    assert [(f.where, f.field) for f in findings] == [("extra/0@1", "event_type")]
    assert "extra output" in findings[0].detail


def test_an_output_answering_an_input_the_reference_does_not_answer_fails(reference, logged, exp):
    where, event = logged[0]
    unanswered = next(iter(set(exp.causes) - {e["causation_id"] for e in reference}))
    findings = failed(compare(reference, [*logged, ("extra/0@2", {**event, "causation_id": unanswered})],
                              exp.causes.keys()))
    assert [(f.where, f.field) for f in findings] == [("extra/0@2", "event_type")]


def test_outputs_caused_by_no_fed_input_are_not_compared(reference):
    check = ReferenceCheck(reference)
    assert check.check("t/0@0", {"causation_id": "not-fed", "event_type": "StatusCheckRequested"}) is None


def test_differences_walk_nested_payloads_and_lists():
    expected = {"event_type": "E", "payload": {"a": {"b": 1}, "items": [{"c": 1}, {"c": 2}]}}
    got = {"event_type": "E", "payload": {"a": {"b": 2}, "items": [{"c": 1}, {"c": 3}], "new": True}}
    assert differences(expected, got) == [("payload.a.b", 1, 2), ("payload.items[1].c", 2, 3),
                                          ("payload.new", "(absent)", True)]
    assert differences(expected, {**got, "payload": {**got["payload"], "items": [{"c": 1}]}})[1] == (
        "payload.items", [{"c": 1}, {"c": 2}], [{"c": 1}])


def test_canonical_json_makes_equal_times_equal(logged):
    _, event = logged[0]
    spelled = json.dumps({**event, "occurred_at": event["occurred_at"].replace("Z", "+00:00")}).encode()
    assert canonical(spelled) == event


def test_the_tally_fails_fast_on_a_reference_difference_and_reports_missing_ones_at_close(log, exp, reference):
    entries = [e for e in log.entries if e.topic == "nexus.iabs.results" and not is_marker(e.header_dict())]
    first = entries[0]
    headers = {**first.header_dict(), "nexus.run": exp.run}
    tally = Tally(exp, markers=(), reference=ReferenceCheck(reference, exp.causes.keys()))
    assert tally.take(Output(first.topic, first.partition, first.offset, first.key, headers, first.value)) == []
    assert tally.rows[REFERENCE].passed == 1 and not tally.complete()
    tally.close(1)
    assert len(tally.rows[REFERENCE].failed) == len(reference) - 1
    assert all("none came within 1 s" in f.detail for f in tally.rows[REFERENCE].failed)
