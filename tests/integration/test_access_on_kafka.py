"""Least rights on a secured broker (ARCHITECTURE.md invariant 7): an anonymous client gets nothing,
a principal is refused what the catalogue does not give it, and the whole flow still runs with each
service as its own principal, giving the in-memory digest."""

import asyncio

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.errors import (
    GroupAuthorizationFailedError,
    KafkaConnectionError,
    TopicAuthorizationFailedError,
)

from nexus_contracts.catalogue import ARRESTS, BOOKINGS, REFERRALS
from nexus_runtime.settings import KafkaSettings
from nexus_sim.kafka_local.credentials import CREDENTIALS_ENV
from nexus_sim.run.in_memory import run_in_memory
from nexus_sim.run.on_kafka import run_on_kafka
from nexus_sim.run.spec import RunSpec

pytestmark = pytest.mark.integration

RUN = RunSpec("london-2013", ("arrests.per_year=25000",), 7, 1)


async def _first_record(kafka: KafkaSettings, topic: str, **options) -> None:
    consumer = AIOKafkaConsumer(topic, **kafka.client_options(), enable_auto_commit=False, **options)
    try:
        await consumer.start()
        await asyncio.wait_for(consumer.getone(), 20)
    finally:
        await consumer.stop()


async def _write(kafka: KafkaSettings, topic: str) -> None:
    producer = AIOKafkaProducer(**kafka.client_options(), acks="all", enable_idempotence=True, request_timeout_ms=10_000)
    try:
        await producer.start()
        await producer.send_and_wait(topic, b"{}", key=b"MET-CX")
    finally:
        await producer.stop()


def test_an_anonymous_client_gets_nothing(kafka_secured):
    anonymous = KafkaSettings(bootstrap_servers=kafka_secured.bootstrap)
    with pytest.raises(KafkaConnectionError):
        asyncio.run(_write(anonymous, ARRESTS.name))
    with pytest.raises(KafkaConnectionError):
        asyncio.run(_first_record(anonymous, ARRESTS.name, group_id=None))


def test_a_wrong_password_gets_nothing(kafka_secured):
    impostor = KafkaSettings(bootstrap_servers=kafka_secured.bootstrap, security_protocol="SASL_PLAINTEXT",
                             username="fingerprint_match", password="guessed")
    with pytest.raises(KafkaConnectionError):
        asyncio.run(_write(impostor, BOOKINGS.name))


def test_a_service_may_not_read_or_write_what_the_catalogue_does_not_give_it(kafka_secured):
    fingerprint_match = kafka_secured.credentials.settings("fingerprint_match")
    with pytest.raises(TopicAuthorizationFailedError):  # victim/witness statements: custody_booking's input
        asyncio.run(_first_record(fingerprint_match, ARRESTS.name, group_id=None))
    with pytest.raises(TopicAuthorizationFailedError):  # a forged referral
        asyncio.run(_write(fingerprint_match, REFERRALS.name))
    with pytest.raises(GroupAuthorizationFailedError):  # another service's consumer group
        asyncio.run(_first_record(fingerprint_match, BOOKINGS.name, group_id="nexus.status_check"))


def test_the_scenario_driver_may_write_arrests_and_nothing_else(kafka_secured):
    driver = kafka_secured.credentials.settings("scenario-driver")
    with pytest.raises(TopicAuthorizationFailedError):
        asyncio.run(_write(driver, REFERRALS.name))
    with pytest.raises(TopicAuthorizationFailedError):
        asyncio.run(_write(driver, BOOKINGS.name))


def test_the_flow_runs_secured_each_service_as_its_own_principal(kafka_secured, monkeypatch):
    monkeypatch.setenv(CREDENTIALS_ENV, str(kafka_secured.credentials_file))
    scenario = RUN.load_scenario()
    memory = run_in_memory(scenario, RUN.seed, RUN.days)
    kafka = run_on_kafka(scenario, RUN, kafka_secured.bootstrap, idle_timeout=90)
    assert memory.outcomes.counts["ArrestMade"] > 30
    assert kafka.outcomes.counts == memory.outcomes.counts
    assert kafka.digest == memory.digest
    assert kafka.dead_letters == 0
