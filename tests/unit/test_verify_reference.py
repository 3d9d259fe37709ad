"""`nexus verify --reference`: the outside service's outputs against the reference service's, matched by
causation (not event id), field by field: identical outputs pass; a changed field fails naming it; an
extra or a missing output fails."""

import copy
import json
import uuid
from collections import Counter

import pytest

from nexus_contracts.watermarks import is_marker
from nexus_sim.verify.expectations import expectations_for, output_topics
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


# ---- every output, not only the direct answers: status_check's check queue and what it releases ---------------

@pytest.mark.parametrize("service", ["custody_booking", "fingerprint_match", "status_check", "referral_exchange"])
def test_the_reference_sends_every_output_the_golden_log_holds_for_the_service(log, service):
    """Run alone on the log's inputs, the project's service sends what it sent in the whole flow: for
    status_check the decisions its check queue releases at the end-of-time markers too."""
    ours = {spec.name for spec in output_topics(service)}
    logged = [canonical(e.value) for e in log.entries if e.topic in ours and not is_marker(e.header_dict())]
    inputs = expectations_for(service, RUN, log.entries).inputs
    run = log.header.run
    sent = reference_outputs(service, run.load_scenario(), run.seed, inputs)
    by_id = lambda event: event["event_id"]  # noqa: E731
    assert sorted(sent, key=by_id) == sorted(logged, key=by_id)


@pytest.fixture(scope="module")
def status_log(log):
    """status_check's outputs in the golden log (where, canonical JSON), the order they were sent, and its
    expectations."""
    ours = {spec.name for spec in output_topics("status_check")}
    logged = [(f"{e.topic}/{e.partition}@{e.offset}", canonical(e.value)) for e in log.entries
              if e.topic in ours and not is_marker(e.header_dict())]
    return logged, expectations_for("status_check", RUN, log.entries)


def renumbered(outputs):
    """The same outputs under other event ids, each effect's causation_id following its cause's new id: an
    implementation that derives its ids its own way."""
    new = {event["event_id"]: str(uuid.uuid5(uuid.NAMESPACE_URL, event["event_id"])) for _, event in outputs}
    return [(where, {**event, "event_id": new[event["event_id"]],
                     "causation_id": new.get(event["causation_id"], event["causation_id"])}) for where, event in outputs]


def test_effects_of_outputs_are_compared_through_their_paired_cause_whatever_the_ids(status_log):
    logged, exp = status_log
    reference = [event for _, event in logged]
    findings = compare(reference, renumbered(logged), exp.causes.keys())
    kinds = Counter(event["event_type"] for _, event in logged)
    assert {"StatusCheckRequested", "StatusCheckAnswered", "AcroCheckAnswered"} <= set(kinds)
    assert len(findings) == len(logged) and failed(findings) == []


def test_a_changed_field_of_a_released_decision_fails_naming_it(status_log):
    logged, exp = status_log
    outputs = renumbered(logged)
    at = next(i for i, (_, event) in enumerate(outputs) if event["event_type"] == "StatusCheckAnswered")
    where, answered = outputs[at]
    changed = copy.deepcopy(answered)
    changed["occurred_at"] = "2099-01-01T00:00:00Z"
    findings = failed(compare([e for _, e in logged], [*outputs[:at], (where, changed), *outputs[at + 1:]],
                              exp.causes.keys()))
    assert [(f.where, f.field) for f in findings] == [(where, "occurred_at")]


def test_a_released_decision_that_never_comes_is_missing_after_its_paired_cause(status_log):
    logged, exp = status_log
    at = next(i for i, (_, event) in enumerate(logged) if event["event_type"] == "StatusCheckRequested")
    findings = failed(compare([e for _, e in logged], logged[:at] + logged[at + 1:], exp.causes.keys()))
    raised = logged[at][1]["causation_id"]
    assert [(f.where, f.field) for f in findings] == [(f"reference event {raised}", "event_type")]
    assert "missing output: the reference answers with StatusCheckRequested" in findings[0].detail


def test_an_effect_read_before_its_cause_waits_for_it(status_log):
    """Raised goes to the check queue, Requested to status-checks: a reader may see Requested first."""
    logged, exp = status_log
    raised_at, raised = next((w, e) for w, e in logged if e["event_type"] == "StatusCheckRaised")
    requested_at, requested = next((w, e) for w, e in logged if e["event_type"] == "StatusCheckRequested"
                                   and e["causation_id"] == raised["event_id"])
    tally = Tally(exp, markers=(), reference=ReferenceCheck([raised, requested], exp.causes.keys()))
    assert tally.take(as_output(requested_at, requested, exp.run)) == [] and tally.waiting
    assert tally.take(as_output(raised_at, raised, exp.run)) == [] and not tally.waiting
    assert tally.rows["causation"].passed == 2 and tally.rows[REFERENCE].passed == 2 and tally.reference.done


def test_an_effect_whose_cause_never_comes_fails_causation_once_settled(status_log):
    logged, exp = status_log
    where, requested = next((w, e) for w, e in logged if e["event_type"] == "StatusCheckRequested")
    tally = Tally(exp, markers=())
    assert tally.take(as_output(where, requested, exp.run)) == []
    assert [(f.rule, f.field) for f in tally.settle()] == [("causation", "causation_id")]


def as_output(where: str, event: dict, run: str) -> Output:
    topic, rest = where.split("/")
    partition, offset = rest.split("@")
    headers = {"event_type": event["event_type"], "schema_version": str(event["schema_version"]),
               "content-type": "application/json", "synthetic": "true", "nexus.run": run}
    key = (event["force"] if topic == "nexus.immigration.check-queue" else event["custody_suite"]).encode()
    return Output(topic, int(partition), int(offset), key, headers, json.dumps(event).encode())
