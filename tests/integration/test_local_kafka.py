"""A real broker round trip, the catalogue topics, a 3-node cluster's guarantees, and the launcher's errors."""

import asyncio
import socket
import uuid
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
from nexus_contracts.catalogue import BOOKINGS, TOPICS

from nexus_sim.kafka_local import PortInUseError, ToolMissingError, catalogue_topics, ensure_jars, start_cluster
from nexus_sim.kafka_local.admin import admin_client
from nexus_sim.kafka_local.process import free_port_block


def _producer(bootstrap: str) -> AIOKafkaProducer:
    return AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True)


async def _partition_counts(bootstrap: str) -> dict[str, int]:
    async with admin_client(bootstrap) as admin:
        described = await admin.describe_topics(list(catalogue_topics()))
    return {topic["topic"]: len(topic["partitions"]) for topic in described if topic["error_code"] == 0}


@pytest.mark.integration
async def test_a_message_comes_back_with_its_key_value_and_headers(kafka_bootstrap: str) -> None:
    key, value = b"suite-WM-07", f'{{"event_id": "{uuid.uuid4()}"}}'.encode()
    headers = [("event_type", b"CustodyRecordOpened"), ("schema_version", b"1")]
    producer = _producer(kafka_bootstrap)
    await producer.start()
    try:
        sent = await producer.send_and_wait(BOOKINGS.name, value=value, key=key, headers=headers)
    finally:
        await producer.stop()

    received = await asyncio.wait_for(_consume_until(kafka_bootstrap, value), timeout=60)

    assert (received.topic, received.partition, received.offset) == (sent.topic, sent.partition, sent.offset)
    assert (received.key, received.value) == (key, value)
    assert list(received.headers) == headers


async def _consume_until(bootstrap: str, value: bytes) -> ConsumerRecord:
    """Join a fresh group from the earliest offset and read until the record holding ``value`` arrives."""
    consumer = AIOKafkaConsumer(
        BOOKINGS.name, bootstrap_servers=bootstrap, group_id=f"round-trip-{uuid.uuid4()}",
        auto_offset_reset="earliest", enable_auto_commit=False,
    )  # fmt: skip
    await consumer.start()
    try:
        async for record in consumer:
            if record.value == value:
                return record
    finally:
        await consumer.stop()
    raise AssertionError("consumer stopped before the record arrived")


@pytest.mark.integration
async def test_every_catalogue_topic_and_its_dlq_exist_with_their_partitions(kafka_bootstrap: str) -> None:
    counts = await _partition_counts(kafka_bootstrap)

    assert {spec.name: counts.get(spec.name) for spec in TOPICS} == {spec.name: spec.partitions for spec in TOPICS}
    assert all(counts.get(spec.dlq) == 1 for spec in TOPICS), counts


@pytest.mark.integration
async def test_three_nodes_replicate_thrice_and_require_two_in_sync(kafka_cluster3: str) -> None:
    async with admin_client(kafka_cluster3) as admin:
        described = await admin.describe_topics([BOOKINGS.name])
        [response] = await admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, BOOKINGS.name)])
    configs = {entry[0]: entry[1] for entry in response.resources[0][4]}
    producer = _producer(kafka_cluster3)
    await producer.start()
    try:
        sent = await producer.send_and_wait(BOOKINGS.name, value=b"{}", key=b"suite-WM-01")
    finally:
        await producer.stop()

    assert {len(p["replicas"]) for p in described[0]["partitions"]} == {3}
    assert configs["min.insync.replicas"] == "2"
    assert sent.offset >= 0


def test_a_busy_port_is_named_before_anything_starts(tmp_path: Path) -> None:
    base = free_port_block(4)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as squatter:
        squatter.bind(("127.0.0.1", base + 1))
        squatter.listen()
        with pytest.raises(PortInUseError, match=rf"port {base + 1} on 127\.0\.0\.1 \(broker of node 2\)"):
            start_cluster(3, base, tmp_path / "data", state_file=tmp_path / "cluster.json")

    assert not (tmp_path / "cluster.json").exists()
    assert not (tmp_path / "data").exists()


def test_missing_java_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    monkeypatch.delenv("JAVA_HOME", raising=False)

    with pytest.raises(ToolMissingError, match=r"^`java` not found on PATH"):
        start_cluster(1, free_port_block(2), tmp_path / "data", state_file=tmp_path / "cluster.json")

    assert not (tmp_path / "cluster.json").exists()


def test_missing_mvn_is_a_clear_error_when_jars_are_not_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))

    with pytest.raises(ToolMissingError, match=r"^`mvn` not found on PATH"):
        ensure_jars(tmp_path / "libs")

    assert not (tmp_path / "libs").exists()
