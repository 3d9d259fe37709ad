"""The runtime's processor: dedupe, redelivery after a failed publish, and misplaced events."""

from nexus_contracts.catalogue import ARRESTS, BOOKINGS
from nexus_contracts.wire import DEAD_LETTER_REASON
from nexus_runtime.processing import to_record
from nexus_runtime.records import Inbound
from nexus_sim.run.arrests import arrests_on
from nexus_sim.run.wiring import processors


def arrest_message(scenario, topic: str = ARRESTS.name) -> Inbound:
    record = to_record(arrests_on(scenario, 1, scenario.start_date)[0])
    return Inbound(topic, record.key, record.value, dict(record.headers), partition=0, offset=0)


def test_a_redelivery_is_handled_once(small_scenario):
    booking = processors(small_scenario, 1)["custody_booking"]
    message = arrest_message(small_scenario)
    assert len(booking.process(message)) == 1
    assert booking.process(message) == []
    assert booking.duplicates == 1


def test_a_message_whose_output_was_not_delivered_is_handled_again(small_scenario):
    booking = processors(small_scenario, 1)["custody_booking"]
    message = arrest_message(small_scenario)
    first = booking.process(message)
    booking.forget(message)  # the publish failed; the broker redelivers
    again = booking.process(message)
    assert [r.value for r in again] == [r.value for r in first]


def test_an_event_on_a_topic_that_does_not_carry_it_is_dead_lettered(small_scenario):
    booking = processors(small_scenario, 1)["fingerprint_match"]
    misplaced = arrest_message(small_scenario, topic=BOOKINGS.name)
    [dead] = booking.process(misplaced)
    assert dead.topic == BOOKINGS.dlq
    assert "ArrestMade does not belong on nexus.custody.bookings" in dead.headers[DEAD_LETTER_REASON]


def test_seen_events_forget_and_capacity():
    from nexus_runtime.idempotency import SeenEvents

    seen = SeenEvents(capacity=2)
    assert seen.first_time("a") and seen.first_time("b") and not seen.first_time("a")
    seen.forget("a")
    assert seen.first_time("a")  # handled again after a failed delivery
    assert seen.first_time("c") and len(seen) == 2
    assert seen.first_time("b")  # the oldest ("b") was forgotten when "c" came


def test_kafka_headers_become_text_reversibly():
    import base64

    from nexus_contracts.wire import BASE64_HEADERS
    from nexus_runtime.kafka_app import text_headers

    headers = text_headers([("origin", b"test"), ("blob", b"\xff\x00\x01"), ("empty", None)])
    assert headers["origin"] == "test" and headers["empty"] == ""
    assert headers[BASE64_HEADERS] == "blob"
    assert base64.b64decode(headers["blob"]) == b"\xff\x00\x01"


def test_bytes_that_break_the_decoder_itself_are_dead_lettered_not_raised(small_scenario):
    booking = processors(small_scenario, 1)["custody_booking"]
    deep = b'{"a":' * 100_000 + b"1" + b"}" * 100_000  # would raise RecursionError in the JSON decoder
    [dead] = booking.process(Inbound(ARRESTS.name, b"MET-CX", deep, {}, partition=0, offset=3))
    assert dead.topic == ARRESTS.dlq and dead.value == deep
    assert dead.headers[DEAD_LETTER_REASON] == "JSON nested deeper than the contract's 12 levels"


def test_a_malformed_time_marker_is_dead_lettered(small_scenario):
    booking = processors(small_scenario, 1)["custody_booking"]
    [dead] = booking.process(Inbound(ARRESTS.name, None, b"", {"nexus.watermark": "not a time",
                                                                "nexus.watermark.origin": "x"}, partition=0, offset=4))
    assert dead.topic == ARRESTS.dlq and "bad time-progress marker" in dead.headers[DEAD_LETTER_REASON]
