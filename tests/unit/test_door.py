"""The processor's door: every message it cannot take, whatever the reason, is dead-lettered with a
reason, within the size limit; what it takes in and sends stays within the contract."""

import hashlib
from datetime import timedelta
import json

import pytest

import custody_booking.app
from nexus_contracts.catalogue import BOOKINGS, CHECK_QUEUE, IABS_RESULTS
from nexus_contracts.watermarks import Marker, marker_headers
from nexus_contracts.wire import (
    DEAD_LETTER_CUT_HEADERS,
    DEAD_LETTER_ORIGINAL_SHA256,
    DEAD_LETTER_ORIGINAL_SIZE,
    DEAD_LETTER_REASON,
    RUN_HEADER,
)
from nexus_runtime.dead_letters import CUT_HEADER_CHARS, dead_letter
from nexus_runtime.records import Inbound, record_size
from nexus_sim.run.in_memory import run_in_memory
from nexus_sim.run.wiring import processors


@pytest.fixture(scope="module")
def first_of(small_scenario) -> dict:
    """The first record of each event type of a day of the small scenario."""
    found = {}
    run_in_memory(small_scenario, 1, 1, observers=(lambda r: found.setdefault(r.event.event_type, r) if r.event else None,))
    return found


def inbound(record, value=..., headers=None, topic=None) -> Inbound:
    """``record`` as received (bytes only, as on Kafka), with another value, headers or topic."""
    return Inbound(topic or record.topic, record.key, record.value if value is ... else value,
                   dict(record.headers if headers is None else headers), partition=0, offset=7)


def edited(record, edit) -> bytes:
    data = json.loads(record.value)
    edit(data)
    return json.dumps(data).encode()


def only_dead_letter(processor, message) -> tuple[str, object]:
    [dead] = processor.process(message)
    assert dead.topic == message.topic + ".dlq"
    return dead.headers[DEAD_LETTER_REASON], dead


@pytest.fixture
def services(small_scenario):
    return processors(small_scenario, 1)


def test_a_message_over_the_size_limit_is_refused_and_its_dead_letter_cut_to_fit(small_scenario, first_of):
    arrest = first_of["ArrestMade"]
    booking = custody_booking.app.build_processor(small_scenario, 1, max_message_bytes=5_000)
    big = edited(arrest, lambda d: d.update(padding="x" * 20_000))
    reason, dead = only_dead_letter(booking, inbound(arrest, big))
    assert reason.startswith(f"message of {record_size(inbound(arrest, big)):,} bytes, over the limit of 5,000")
    assert record_size(dead) <= 5_000 and big.startswith(dead.value) and len(dead.value) > 1_000
    assert dead.headers[DEAD_LETTER_ORIGINAL_SIZE] == str(len(big))
    assert dead.headers[DEAD_LETTER_ORIGINAL_SHA256] == hashlib.sha256(big).hexdigest()
    assert dead.headers["event_type"] == "ArrestMade"  # its own headers kept


def test_an_input_whose_output_would_be_over_the_limit_is_dead_lettered_instead(small_scenario, first_of):
    arrest = inbound(first_of["ArrestMade"])
    limit = record_size(arrest) + 50
    booking = custody_booking.app.build_processor(small_scenario, 1, max_message_bytes=limit)
    [opened] = custody_booking.app.build_processor(small_scenario, 1).process(arrest)
    assert record_size(opened) > limit  # what the first processor would have sent
    reason, dead = only_dead_letter(booking, arrest)
    assert reason == f"its BookingOpened on {BOOKINGS.name} would be {record_size(opened):,} bytes, over the limit of {limit:,}"
    assert record_size(dead) <= limit  # with its reason it is over the limit too: cut to fit
    assert dead.headers[DEAD_LETTER_ORIGINAL_SHA256] == hashlib.sha256(arrest.value).hexdigest()


def test_a_dead_letter_whose_headers_fill_the_limit_cuts_them_and_names_them(first_of):
    arrest = first_of["ArrestMade"]
    message = inbound(arrest, headers={**arrest.headers, "huge": "h" * 50_000})
    dead = dead_letter(message, "test", "custody_booking", limit=10_000)
    assert record_size(dead) <= 10_000
    assert dead.headers["huge"] == "h" * CUT_HEADER_CHARS and dead.headers[DEAD_LETTER_CUT_HEADERS] == "huge"
    assert dead.headers[DEAD_LETTER_ORIGINAL_SIZE] == str(len(arrest.value))


def test_a_null_value_is_dead_lettered_as_null(services, first_of):
    reason, dead = only_dead_letter(services["custody_booking"], inbound(first_of["ArrestMade"], None))
    assert dead.value is None and reason.startswith("null value")


@pytest.mark.parametrize(("header", "value"), [("event_type", "BookingOpened"), ("synthetic", "false")])
def test_headers_that_contradict_the_event_are_refused(services, first_of, header, value):
    arrest = first_of["ArrestMade"]
    reason, _ = only_dead_letter(services["custody_booking"], inbound(arrest, headers={**arrest.headers, header: value}))
    assert reason.startswith(f"header '{header}' is {value!r}")


@pytest.mark.parametrize(("edit", "expected"), [
    (lambda d: d.pop("synthetic"), "ArrestMade: field 'synthetic': Field required"),
    (lambda d: d.update(occurred_at=1362355200), "field 'occurred_at': Value error, a time must be ISO 8601 text"),
    (lambda d: d.update(occurred_at="1362355200"), "field 'occurred_at': Value error, a time must be ISO 8601 text"),
    (lambda d: d["payload"]["offence"].update(victim_witness_details="v" * 2001), "at most 2000 characters"),
    (lambda d: d.update(custody_suite="S" * 65), "field 'custody_suite': String should have at most 64 characters"),
    (lambda d: d.update(occurred_at="9999-12-31T00:00:00Z"), "9999-12-31T00:00:00+00:00 is outside 2000-2099"),
    (lambda d: d.update(schema_version=7), "unknown schema version 7 for ArrestMade"),
    (lambda d: d.update(event_type="ArrestUnmade"), "unknown event type: 'ArrestUnmade'"),
])
def test_an_arrest_outside_the_contract_is_refused_naming_the_field(services, first_of, edit, expected):
    reason, _ = only_dead_letter(services["custody_booking"], inbound(first_of["ArrestMade"], edited(first_of["ArrestMade"], edit)))
    assert expected in reason


def test_json_nested_deeper_than_the_contract_is_refused_before_parsing(services, first_of):
    deep = edited(first_of["ArrestMade"], lambda d: d.update(extra=json.loads("[" * 12 + "]" * 12)))
    reason, _ = only_dead_letter(services["custody_booking"], inbound(first_of["ArrestMade"], deep))
    assert reason == "JSON nested deeper than the contract's 12 levels"


def test_a_closed_booking_with_absurd_hours_is_refused(services, first_of):
    closed = first_of["BookingClosed"]
    absurd = edited(closed, lambda d: d["payload"].update(custody_hours=70_000_000))
    reason, _ = only_dead_letter(services["fingerprint_match"], inbound(closed, absurd))
    assert "field 'custody_hours': Input should be less than or equal to 204" in reason


def test_an_iabs_result_before_its_booking_is_refused(services, first_of):
    result = first_of["IabsSearchCompleted"]
    early = edited(result, lambda d: d.update(occurred_at="2001-01-01T00:00:00Z"))
    reason, _ = only_dead_letter(services["status_check"], inbound(result, early))
    assert "field 'occurred_at': 2001-01-01T00:00:00+00:00 is before the booking" in reason


def test_a_journey_concluded_long_after_pace_is_refused(services, first_of):
    concluded = first_of["JourneyConcluded"]
    late = edited(concluded, lambda d: d["payload"].update(released_at="2099-01-01T00:00:00Z"))
    reason, _ = only_dead_letter(services["custody_booking"], inbound(concluded, late))
    assert "field 'payload.released_at': 2099-01-01T00:00:00+00:00 is after the PACE limit plus 168 h" in reason


def test_victim_details_on_a_boundary_topic_are_refused_when_the_policy_does_not_share_them(services, first_of):
    opened = first_of["BookingOpened"]
    leaked = edited(opened, lambda d: d["payload"]["case"]["offence"].update(victim_witness_details="SYN-V statement"))
    reason, _ = only_dead_letter(services["fingerprint_match"], inbound(opened, leaked))
    assert reason.startswith("refused at the boundary: BookingOpened on nexus.custody.bookings would disclose "
                             "'case.offence.victim_witness_details'")


def test_a_field_the_boundary_does_not_know_is_refused(services, first_of):
    result = first_of["IabsSearchCompleted"]
    extra = edited(result, lambda d: d["payload"]["case"]["detainee"].update(home_address="SYN-ADDR"))
    reason, _ = only_dead_letter(services["status_check"], inbound(result, extra))
    assert "field 'case.detainee.home_address': Extra inputs are not permitted" in reason


def test_an_id_seen_again_with_other_content_is_refused_with_both_hashes(services, first_of):
    booking = services["custody_booking"]
    arrest = inbound(first_of["ArrestMade"])
    other = inbound(first_of["ArrestMade"], edited(first_of["ArrestMade"], lambda d: d["payload"]["detainee"].update(birth_year=1950)))
    assert len(booking.process(arrest)) == 1
    assert booking.process(arrest) == [] and booking.duplicates == 1  # a redelivery: skipped
    reason, _ = only_dead_letter(booking, other)
    first_hash = hashlib.sha256(first_of["ArrestMade"].value).hexdigest()
    assert reason.startswith(f"event id {first_of['ArrestMade'].event.event_id} already seen with other content "
                             f"(sha256 {first_hash}, now ")


def test_an_id_seen_again_with_other_content_is_refused_on_the_event_time_queue(services, first_of):
    raised = first_of["StatusCheckRaised"]
    queue = services["status_check"]
    assert queue.process(inbound(raised)) == []  # held until a marker releases it
    other = edited(raised, lambda d: d["payload"].update(foreign_national=not d["payload"]["foreign_national"]))
    reason, _ = only_dead_letter(queue, inbound(raised, other))
    assert "already seen with other content" in reason


def test_an_event_after_a_marker_that_passed_its_time_is_refused(services, first_of):
    raised = first_of["StatusCheckRaised"]
    queue = services["status_check"]
    later = raised.event.occurred_at.replace(year=raised.event.occurred_at.year + 1)
    marker = Marker(f"{IABS_RESULTS.name}/0", later)  # the one partition upstream in memory: nothing earlier follows
    queue.process(Inbound(CHECK_QUEUE.name, None, b"", marker_headers(marker), partition=0, offset=1))
    reason, _ = only_dead_letter(queue, inbound(raised))
    assert reason.startswith(f"StatusCheckRaised at {raised.event.occurred_at.isoformat()} came after a time-progress marker")


def test_an_event_on_a_topic_the_catalogue_does_not_know_is_dead_lettered_not_raised(services, first_of):
    reason, _ = only_dead_letter(services["custody_booking"], inbound(first_of["ArrestMade"], topic="nexus.unknown"))
    assert reason.startswith("cannot process: KeyError")


def test_a_valid_run_header_is_copied_and_the_same_messages_pass(services, first_of):
    arrest = first_of["ArrestMade"]
    [opened] = services["custody_booking"].process(inbound(arrest, headers={**arrest.headers, RUN_HEADER: "r1"}))
    assert opened.topic == BOOKINGS.name and opened.headers[RUN_HEADER] == "r1"


def test_a_held_event_whose_decision_would_be_over_the_limit_is_dead_lettered(small_scenario, first_of):
    import status_check.app
    from nexus_sim.run.wiring import one_partition

    raised = inbound(first_of["StatusCheckRaised"])
    limit = record_size(raised) + 60  # it fits; what is decided from it (the answer carries more) does not
    desk = status_check.app.build_processor(small_scenario, 1, max_message_bytes=limit, partitions=one_partition)
    assert desk.process(raised) == []
    end = Marker(f"{IABS_RESULTS.name}/0", first_of["StatusCheckRaised"].event.occurred_at + timedelta(days=1))
    out = desk.process(Inbound(CHECK_QUEUE.name, None, b"", marker_headers(end), partition=0, offset=8))
    [dead] = out  # instead of the answer; the partition goes on
    assert dead.topic == CHECK_QUEUE.dlq
    assert "would be" in dead.headers[DEAD_LETTER_REASON] and "over the limit" in dead.headers[DEAD_LETTER_REASON]
    assert dead.headers[DEAD_LETTER_ORIGINAL_SHA256] == hashlib.sha256(raised.value).hexdigest()


def test_a_reason_quotes_the_input_but_never_all_of_it(services, first_of):
    huge = edited(first_of["ArrestMade"], lambda d: d.update(event_type="X" * 100_000))
    reason, _ = only_dead_letter(services["custody_booking"], inbound(first_of["ArrestMade"], huge))
    assert reason.startswith("unknown event type: 'XXX") and reason.endswith("...") and len(reason) < 120
