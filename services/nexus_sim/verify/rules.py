"""The rules one output record must honour, each a pure function of the record and what it answers.

``check_output`` applies them in order: run header, topic, key, headers, schema, the envelope
rules against the cause (causation, correlation, occurred_at, producer, force, custody suite) and
the sharing boundary. ``check_dead_letter`` fails every dead-lettered record of the run.
"""

import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from nexus_contracts import ContractError, decode_event
from nexus_contracts.catalogue import topic_for_event
from nexus_contracts.sharing import DisclosureError
from nexus_contracts.wire import CONTENT_TYPE, DEAD_LETTER_REASON, DEAD_LETTER_SERVICE, RUN_HEADER

from .expectations import Cause, Expectations, custody_record_of
from .model import Finding, Output, json_object
from .schema_rule import schema_problem

__all__ = ["RECORD_RULES", "check_dead_letter", "check_output"]

Problem = tuple[str, str] | None
"""(field, what is wrong), or None when the rule holds."""
Rule = Callable[[Output, dict[str, Any], Expectations, Cause | None], Problem]


def _run_header(out: Output, data, exp: Expectations, cause) -> Problem:
    found = out.headers.get(RUN_HEADER)
    if found != exp.run:
        return RUN_HEADER, f"header missing or not copied from the input (expected {exp.run!r}, got {found!r})"
    return None


def _topic(out: Output, data, exp: Expectations, cause) -> Problem:
    try:
        home = topic_for_event(str(data.get("event_type"))).name
    except KeyError:
        return "event_type", f"no topic carries {data.get('event_type')!r}"
    if out.topic != home:
        return "event_type", f"{data.get('event_type')} belongs on {home}, not {out.topic}"
    return None


def _key(out: Output, data, exp: Expectations, cause) -> Problem:
    try:
        spec = topic_for_event(str(data.get("event_type")))
    except KeyError:
        return "event_type", f"no topic, so no key, for {data.get('event_type')!r}"
    expected = str(data.get(spec.key, "")).encode()
    if out.key != expected:
        return "key", f"expected the {spec.key} {expected.decode()!r}, got {(out.key or b'').decode(errors='replace')!r}"
    return None


def _headers(out: Output, data, exp: Expectations, cause) -> Problem:
    wanted = {"event_type": str(data.get("event_type")), "schema_version": str(data.get("schema_version")),
              "content-type": CONTENT_TYPE, "synthetic": "true"}
    for name, value in wanted.items():
        if out.headers.get(name) != value:
            return name, f"header expected {value!r}, got {out.headers.get(name)!r}"
    return None


def _schema(out: Output, data, exp: Expectations, cause) -> Problem:
    return schema_problem(data)


def _causation(out: Output, data, exp: Expectations, cause) -> Problem:
    if cause is None:
        return "causation_id", f"{data.get('causation_id')!r} is not the event_id of an input fed"
    return None


def _correlation(out: Output, data, exp: Expectations, cause: Cause) -> Problem:
    expected = cause.custody_record or custody_record_of(data) or cause.correlation_id
    if data.get("correlation_id") != expected:
        return "correlation_id", f"expected the custody record {expected!r}, got {data.get('correlation_id')!r}"
    return None


def _occurred_at(out: Output, data, exp: Expectations, cause: Cause) -> Problem:
    try:
        at = datetime.fromisoformat(str(data.get("occurred_at")))
    except ValueError:
        return "occurred_at", f"{data.get('occurred_at')!r} is not an ISO 8601 time"
    if at.tzinfo is None:
        return "occurred_at", f"{data.get('occurred_at')!r} has no time zone"
    if at < cause.occurred_at:
        return "occurred_at", f"{data.get('occurred_at')} is before its cause's {cause.occurred_at.isoformat()}"
    return None


def _producer(out: Output, data, exp: Expectations, cause) -> Problem:
    allowed = exp.producers.get(str(data.get("event_type")))
    if allowed and data.get("producer") not in allowed:
        return "producer", f"expected {' or '.join(sorted(allowed))}, got {data.get('producer')!r}"
    return None


def _force(out: Output, data, exp: Expectations, cause: Cause) -> Problem:
    if data.get("force") != cause.force:
        return "force", f"expected its cause's force {cause.force!r}, got {data.get('force')!r}"
    return None


def _custody_suite(out: Output, data, exp: Expectations, cause: Cause) -> Problem:
    if data.get("custody_suite") != cause.custody_suite:
        return "custody_suite", f"expected its cause's suite {cause.custody_suite!r}, got {data.get('custody_suite')!r}"
    return None


def _sharing(out: Output, data, exp: Expectations, cause) -> Problem:
    try:
        event = decode_event(out.value or b"")
        exp.disclosure.check(topic_for_event(event.event_type), event.payload)
    except ContractError as exc:
        return "(value)", exc.reason
    except DisclosureError as exc:
        found = re.search(r"disclose '([^']+)'", str(exc))
        return f"payload.{found.group(1)}" if found else "payload", str(exc)
    return None


RECORD_RULES: tuple[tuple[str, Rule, bool], ...] = (
    ("run header", _run_header, False),
    ("topic", _topic, False),
    ("key", _key, False),
    ("headers", _headers, False),
    ("schema", _schema, False),
    ("causation", _causation, False),
    ("correlation", _correlation, True),
    ("occurred_at", _occurred_at, True),
    ("producer", _producer, False),
    ("force", _force, True),
    ("custody suite", _custody_suite, True),
    ("sharing boundary", _sharing, False),
)
"""(rule, check, needs the cause) in the order they are applied."""


def check_output(out: Output, exp: Expectations, causes: Mapping[str, Cause]) -> list[Finding]:
    """Every rule's finding on one output; after the schema fails, the rules that read fields are not applied."""
    data = json_object(out.value)
    if data is None:
        return [Finding("schema", False, out.where, field="(value)", detail="the value is not a JSON object")]
    cause = causes.get(str(data.get("causation_id")))
    record = str(data.get("correlation_id") or (cause.correlation_id if cause else ""))
    findings = []
    for name, rule, needs_cause in RECORD_RULES:
        if needs_cause and cause is None:
            continue
        problem = rule(out, data, exp, cause)
        findings.append(Finding(name, problem is None, out.where, record, *(problem or ("", ""))))
        if name == "schema" and problem is not None:
            break
    return findings


def check_dead_letter(out: Output) -> Finding:
    """A dead-lettered record of the run: always a failure, naming the reason and who rejected it."""
    reason = out.headers.get(DEAD_LETTER_REASON, "(no reason header)")
    found = re.search(r"field '([^']+)'", reason)
    data = json_object(out.value) or {}
    by = out.headers.get(DEAD_LETTER_SERVICE, "a consumer")
    return Finding("no dead letters", False, out.where, str(data.get("correlation_id") or ""),
                   found.group(1) if found else "", f"{by} dead-lettered it: {reason}")
