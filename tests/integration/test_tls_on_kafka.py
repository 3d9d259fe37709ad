"""The TLS option: `nexus kafka up --tls` makes a CA and a broker certificate with keytool and serves
SASL/SCRAM over TLS; a client that trusts the CA signs in and works, one speaking plaintext does not."""

import asyncio
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.errors import KafkaConnectionError

from nexus_contracts.catalogue import ARRESTS
from nexus_runtime.settings import KafkaSettings
from nexus_sim.eventlog.pytest_plugin import no_broker
from nexus_sim.kafka_local.cluster import admin_settings
from nexus_sim.kafka_local.credentials import CREDENTIALS_NAME, read_credentials
from nexus_sim.kafka_local.provision import NoBrokerError, local_cluster_state, with_catalogue_topics

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def tls_cluster(tmp_path_factory):
    try:
        with local_cluster_state(tmp_path_factory.mktemp("kafka-tls"), nodes=1, secured=True, tls=True) as (state, _):
            with_catalogue_topics(state.bootstrap, 1, admin=admin_settings(state))
            yield read_credentials(Path(state.data_dir) / CREDENTIALS_NAME)
    except NoBrokerError as exc:
        no_broker(str(exc))


async def _round_trip(writer: KafkaSettings, reader: KafkaSettings) -> bytes:
    producer = AIOKafkaProducer(**writer.client_options(), acks="all", enable_idempotence=True)
    try:
        await producer.start()
        sent = await producer.send_and_wait(ARRESTS.name, b"over tls", key=b"MET-CX")
    finally:
        await producer.stop()
    consumer = AIOKafkaConsumer(**reader.client_options(), enable_auto_commit=False)
    try:
        await consumer.start()
        tp = TopicPartition(ARRESTS.name, sent.partition)
        consumer.assign([tp])
        consumer.seek(tp, sent.offset)
        return (await asyncio.wait_for(consumer.getone(), 30)).value
    finally:
        await consumer.stop()


def test_a_client_trusting_the_local_ca_works_over_tls(tls_cluster):
    driver, recorder = tls_cluster.settings("scenario-driver"), tls_cluster.settings("recorder")
    assert driver.security_protocol == "SASL_SSL" and Path(driver.ssl_cafile).read_text().startswith("-----BEGIN")
    assert asyncio.run(_round_trip(driver, recorder)) == b"over tls"


def test_plaintext_sasl_is_refused_by_the_tls_listener(tls_cluster):
    driver = tls_cluster.settings("scenario-driver")
    plaintext = driver.model_copy(update={"security_protocol": "SASL_PLAINTEXT", "ssl_cafile": None})
    with pytest.raises(KafkaConnectionError):
        asyncio.run(_round_trip(plaintext, plaintext))
