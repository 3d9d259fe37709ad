"""The FastStream composition roots, wired for real and driven through FastStream's
in-memory TestKafkaBroker: subscriber -> processor -> publisher, and the dead-letter path."""

import pytest
from faststream.kafka import KafkaMessage, TestKafkaBroker

import custody_booking.app
from nexus_contracts import decode_event
from nexus_contracts.catalogue import ARRESTS, BOOKINGS
from nexus_contracts.wire import DEAD_LETTER_REASON
from nexus_runtime.processing import to_record
from nexus_sim.run.arrests import arrests_on


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
    assert "not JSON" in dead[0].headers[DEAD_LETTER_REASON]


FLOW = {  # service -> (an event it consumes, the topics its answer goes to)
    "custody_booking": ("ArrestMade", {BOOKINGS.name}),
    "fingerprint_match": ("BookingOpened", {"nexus.iabs.results"}),
    "status_check": ("IabsSearchCompleted", {"nexus.immigration.status-checks"}),
    "referral_exchange": ("StatusCheckNotRequired", {"nexus.journeys"}),
}


@pytest.fixture(scope="module")
def first_of_each_type():
    from nexus_runtime.scenarios import load_scenario
    from nexus_sim.run.in_memory import run_in_memory

    seen = {}
    run_in_memory(load_scenario("london-2013", ["arrests.per_year=20000"]), 1, 1,
                  observers=(lambda r: seen.setdefault(r.event.event_type, r) if r.event else None,))
    return seen


@pytest.mark.parametrize("service", list(FLOW))
async def test_each_app_answers_its_input_on_its_output_topics(service, first_of_each_type):
    from nexus_sim.run.wiring import SERVICES

    module = SERVICES[service]
    app = module.create_app(module.Settings(scenario="london-2013", seed=1, scenario_overrides=("arrests.per_year=20000",)))
    consumes, answers_on = FLOW[service]
    received = {topic: sink(app.broker, topic) for topic in answers_on}
    record = first_of_each_type[consumes]
    async with TestKafkaBroker(app.broker) as broker:
        await broker.publish(record.value, topic=record.topic, key=record.key, headers=dict(record.headers))
    produced = [decode_event(m.body) for messages in received.values() for m in messages]
    assert produced, f"{service} answered nothing"
    assert all(event.causation_id == record.event.event_id for event in produced)
    assert all(m.raw_message.key == record.key for messages in received.values() for m in messages)
