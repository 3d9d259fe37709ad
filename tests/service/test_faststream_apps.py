"""The FastStream composition roots, wired for real and driven through FastStream's
in-memory TestKafkaBroker: subscriber -> processor -> publisher, and the dead-letter path."""

import pytest
from faststream.kafka import KafkaMessage, TestKafkaBroker

import custody_booking.app
from nexus_contracts import decode_event
from nexus_contracts.catalogue import ARRESTS, BOOKINGS
from nexus_runtime.dead_letters import REASON_HEADER
from nexus_runtime.processing import to_record
from nexus_sim.arrests import arrests_on


@pytest.fixture
def booking_app():
    settings = custody_booking.app.Settings(scenario="london-2013", seed=1)
    return custody_booking.app.create_app(settings)


def sink(broker, topic: str) -> list[KafkaMessage]:
    received: list[KafkaMessage] = []

    @broker.subscriber(topic, group_id=f"test-sink-{topic}")
    async def collect(message: KafkaMessage) -> None:
        received.append(message)

    return received


async def test_an_arrest_becomes_a_booking_on_the_bookings_topic(booking_app, small_scenario):
    bookings = sink(booking_app.broker, BOOKINGS.name)
    arrest = to_record(arrests_on(small_scenario, 1, small_scenario.start_date)[0])
    async with TestKafkaBroker(booking_app.broker) as broker:
        await broker.publish(arrest.value, topic=ARRESTS.name, key=arrest.key, headers=dict(arrest.headers))
    assert len(bookings) == 1
    opened = decode_event(bookings[0].body)
    assert opened.event_type == "BookingOpened"
    assert bookings[0].raw_message.key == arrest.key
    assert opened.payload.case.offence.victim_witness_details is None


async def test_a_malformed_arrest_goes_to_the_dead_letter_topic(booking_app):
    dead = sink(booking_app.broker, ARRESTS.dlq)
    async with TestKafkaBroker(booking_app.broker) as broker:
        await broker.publish(b"{broken", topic=ARRESTS.name, key=b"MET-CX", headers={"origin": "test"})
    assert len(dead) == 1
    assert dead[0].body == b"{broken"
    assert dead[0].headers["origin"] == "test"
    assert "not JSON" in dead[0].headers[REASON_HEADER]
