"""Real Kafka for integration tests.

``kafka_bootstrap`` (session): ``KAFKA_BOOTSTRAP_SERVERS`` if set; else an
``apache/kafka`` container when a Docker engine answers; else the local launcher
(``nexus_sim.kafka_local``) on a free port block in a temp data dir. The
catalogue topics (+ ``.dlq``) exist before any test runs. ``kafka_cluster3``
(session) is a 3-node local cluster (replication 3, min ISR 2).

No broker to be had: the test skips with the reason, or fails under ``CI=true``.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from aiokafka.errors import KafkaError

from nexus_sim.kafka_local import ClusterStartError, KafkaLocalError, PortInUseError, create_topics, kafka_version
from nexus_sim.kafka_local import start_cluster, stop_cluster
from nexus_sim.kafka_local.process import free_port, free_port_block

__all__ = ["free_port", "free_port_block", "kafka_bootstrap", "kafka_cluster3", "no_broker"]

BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS"
START_TIMEOUT_S = 120.0


def no_broker(reason: str) -> None:
    """Skip the test, or fail it when ``CI=true``: CI must never pass without a real broker."""
    if os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}:
        pytest.fail(f"no Kafka broker for integration tests (CI=true): {reason}", pytrace=False)
    pytest.skip(f"no Kafka broker: {reason}")


def docker_engine_answers() -> bool:
    """True if a Docker engine answers a ping within 2 s; any error means no."""
    try:
        import docker

        client = docker.from_env(timeout=2)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except Exception:  # noqa: BLE001 - no SDK, no socket, no permission: all mean "no Docker"
        return False


@contextmanager
def kafka_container() -> Iterator[str]:
    """A single-node ``apache/kafka`` (KRaft) container on a free 127.0.0.1 port."""
    from testcontainers.core.container import DockerContainer
    from testcontainers.core.wait_strategies import LogMessageWaitStrategy

    port = free_port()
    container = (
        DockerContainer(f"apache/kafka:{kafka_version()}")
        .with_bind_ports(9092, ("127.0.0.1", port))  # type: ignore[arg-type]  # docker SDK takes (ip, port)
        .with_envs(**_container_env(port))
        .waiting_for(LogMessageWaitStrategy("Kafka Server started").with_startup_timeout(START_TIMEOUT_S))
    )
    with container:
        yield f"127.0.0.1:{port}"


def _container_env(port: int) -> dict[str, str]:
    return {
        "KAFKA_NODE_ID": "1",
        "KAFKA_PROCESS_ROLES": "broker,controller",
        "KAFKA_LISTENERS": "PLAINTEXT://:9092,CONTROLLER://:9093",
        "KAFKA_ADVERTISED_LISTENERS": f"PLAINTEXT://127.0.0.1:{port}",
        "KAFKA_CONTROLLER_LISTENER_NAMES": "CONTROLLER",
        "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP": "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
        "KAFKA_CONTROLLER_QUORUM_VOTERS": "1@localhost:9093",
        "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR": "1",
        "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR": "1",
        "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR": "1",
        "KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR": "1",
        "KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR": "1",
        "KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS": "0",
        "KAFKA_AUTO_CREATE_TOPICS_ENABLE": "false",
    }


@contextmanager
def local_cluster(root: Path, nodes: int) -> Iterator[str]:
    """A local launcher cluster under ``root``, stopped on exit; ``no_broker`` if it cannot start."""
    state_file = root / "cluster.json"
    state = None
    failures: list[str] = []
    for _ in range(3):  # on a loaded machine another process may take the probed ports before a JVM binds them
        try:
            state = start_cluster(nodes, free_port_block(2 * nodes), root / "data", state_file=state_file,
                                  fresh=True, timeout=START_TIMEOUT_S)  # fmt: skip
            break
        except (PortInUseError, ClusterStartError) as exc:
            failures.append(str(exc))  # try again on a fresh port block; all three failures are reported
        except KafkaLocalError as exc:
            no_broker(f"local launcher: {exc}")
    if state is None:
        no_broker("local launcher: could not start in three attempts: " + " | ".join(failures))
    try:
        yield state.bootstrap
    finally:
        stop_cluster(state_file, timeout=10.0)  # throwaway data: no need to wait long for a clean exit


def with_catalogue_topics(bootstrap: str, replication_factor: int | None = None) -> str:
    try:
        create_topics(bootstrap, replication_factor)
    except (KafkaError, OSError) as exc:
        no_broker(f"{bootstrap} does not answer: {exc!r}")
    return bootstrap


@pytest.fixture(scope="session")
def kafka_bootstrap(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``host:port[,...]`` of a real broker that has every catalogue topic and ``.dlq``."""
    if configured := os.environ.get(BOOTSTRAP_ENV, "").strip():
        yield with_catalogue_topics(configured)
    elif docker_engine_answers():
        with kafka_container() as bootstrap:
            yield with_catalogue_topics(bootstrap, 1)
    else:
        with local_cluster(tmp_path_factory.mktemp("kafka1"), nodes=1) as bootstrap:
            yield with_catalogue_topics(bootstrap, 1)


@pytest.fixture(scope="session")
def kafka_cluster3(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Bootstrap of a 3-node local cluster (replication 3, min ISR 2) with the catalogue topics."""
    with local_cluster(tmp_path_factory.mktemp("kafka3"), nodes=3) as bootstrap:
        yield with_catalogue_topics(bootstrap, 3)
