"""Create every catalogue topic and its dead-letter topic, idempotently, and wait for their leaders."""

import asyncio
import time

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError, for_code
from nexus_contracts.catalogue import STATEFUL_TOPICS, TOPICS, state_topic

from nexus_runtime.settings import KafkaSettings

from .admin import admin_client, run_sync
from .errors import TopicSetupError

__all__ = ["DLQ_PARTITIONS", "catalogue_topics", "create_topics", "create_topics_async"]

DLQ_PARTITIONS = 1


def catalogue_topics() -> dict[str, int]:
    """Topic name -> partition count, for every catalogue topic, its ``.dlq``, and the changelogs
    of the services' state (compacted, co-partitioned with the topic they hold state for)."""
    wanted = {spec.name: spec.partitions for spec in TOPICS}
    wanted.update({spec.dlq: DLQ_PARTITIONS for spec in TOPICS})
    wanted.update({state_topic(spec.name): spec.partitions for spec in STATEFUL_TOPICS})
    return wanted


def _new_topic(name: str, partitions: int, replicas: int) -> NewTopic:
    changelogs = {state_topic(spec.name) for spec in STATEFUL_TOPICS}
    configs = {"cleanup.policy": "compact"} if name in changelogs else {}
    return NewTopic(name, partitions, replicas, topic_configs=configs)


def create_topics(kafka: KafkaSettings | str, replication_factor: int | None = None, *,
                  timeout: float = 30.0) -> list[str]:
    """Sync form of :func:`create_topics_async`, for the CLI and pytest fixtures."""
    return run_sync(create_topics_async(kafka, replication_factor, timeout=timeout))


async def create_topics_async(
    kafka: KafkaSettings | str, replication_factor: int | None = None, *, timeout: float = 30.0
) -> list[str]:
    """Create the missing catalogue topics and return their names; existing topics are left alone.

    ``replication_factor`` defaults to the number of brokers, at most 3.
    Raises TopicSetupError if an existing topic has another partition count than the catalogue.
    """
    wanted = catalogue_topics()
    async with admin_client(kafka) as admin:
        replicas = replication_factor or min(3, len((await admin.describe_cluster())["brokers"]))
        existing = set(await admin.list_topics())
        missing = sorted(set(wanted) - existing)
        if missing:
            await _create(admin, [_new_topic(name, wanted[name], replicas) for name in missing])
        await _wait_for_leaders(admin, wanted, time.monotonic() + timeout)
    return missing


async def create_scratch_topics(bootstrap: str, wanted: dict[str, int], *, timeout: float = 30.0) -> None:
    """Create topics outside the catalogue (a benchmark's), one replica each, and wait for their leaders."""
    async with admin_client(bootstrap) as admin:
        await _create(admin, [_new_topic(name, partitions, 1) for name, partitions in wanted.items()])
        await _wait_for_leaders(admin, wanted, time.monotonic() + timeout)


async def _create(admin: AIOKafkaAdminClient, topics: list[NewTopic]) -> None:
    response = await admin.create_topics(topics)
    for topic, error_code, *message in response.topic_errors:
        error = for_code(error_code)
        if error_code and error is not TopicAlreadyExistsError:  # another client won the race: fine
            reason = message[0] if message and message[0] else error.__name__
            raise TopicSetupError(f"cannot create topic {topic}: {reason}")


async def _wait_for_leaders(admin: AIOKafkaAdminClient, wanted: dict[str, int], deadline: float) -> None:
    """Until every topic has its partitions, each with a leader, in metadata."""
    while True:
        described = {t["topic"]: t for t in await admin.describe_topics(list(wanted))}
        _check_partition_counts(described, wanted)
        pending = [name for name in wanted if not _has_leaders(described.get(name), wanted[name])]
        if not pending:
            return
        if time.monotonic() > deadline:
            raise TopicSetupError(f"topics without leaders after waiting: {', '.join(pending)}")
        await asyncio.sleep(0.2)


def _has_leaders(topic: dict | None, partitions: int) -> bool:
    if topic is None or topic["error_code"] != 0 or len(topic["partitions"]) != partitions:
        return False
    return all(partition["leader"] >= 0 for partition in topic["partitions"])


def _check_partition_counts(described: dict[str, dict], wanted: dict[str, int]) -> None:
    for name, topic in described.items():
        actual = len(topic["partitions"])
        if topic["error_code"] == 0 and actual and actual != wanted[name]:
            raise TopicSetupError(
                f"topic {name} exists with {actual} partition(s), the catalogue says {wanted[name]}: "
                "recreate it (e.g. `down` then `up --fresh`)"
            )
