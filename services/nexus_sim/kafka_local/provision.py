"""A real broker for a test session: a configured address, a Testcontainers ``apache/kafka``
container when Testcontainers is installed and a Docker engine answers, else the local launcher
on a free port block. Every way ends with the catalogue topics (and ``.dlq``) created.

``NoBrokerError`` says why none could be had; the pytest plugin turns it into a skip, or a
failure under ``CI=true``.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from aiokafka.errors import KafkaError

from nexus_runtime.settings import KafkaSettings

from .cluster import start_cluster, stop_cluster
from .errors import ClusterStartError, KafkaLocalError, PortInUseError
from .jars import kafka_version
from .process import free_port, free_port_block
from .state import ClusterState
from .topics import create_topics

__all__ = [
    "NoBrokerError",
    "broker_for_tests",
    "docker_engine_answers",
    "kafka_container",
    "local_cluster",
    "local_cluster_state",
    "with_catalogue_topics",
]

START_TIMEOUT_S = 120.0
START_ATTEMPTS = 3


class NoBrokerError(RuntimeError):
    """No Kafka broker could be had; the message says why."""


def docker_engine_answers() -> bool:
    """True if Testcontainers is installed and a Docker engine answers a ping within 2 s."""
    try:
        import docker
        import testcontainers  # noqa: F401 - only its presence matters here

        client = docker.from_env(timeout=2)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except Exception:  # noqa: BLE001 - no package, no socket, no permission: all mean "no Docker"
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
    """A plaintext local launcher cluster under ``root``, stopped on exit; ``NoBrokerError`` if it cannot start."""
    with local_cluster_state(root, nodes, secured=False) as (state, _):
        yield state.bootstrap


@contextmanager
def local_cluster_state(root: Path, nodes: int, *, secured: bool, tls: bool = False
                        ) -> Iterator[tuple[ClusterState, Path]]:
    """A local launcher cluster under ``root`` (its state and state file, for node operations),
    stopped on exit; ``NoBrokerError`` if it cannot start."""
    state_file = root / "cluster.json"
    state = None
    failures: list[str] = []
    for _ in range(START_ATTEMPTS):  # on a loaded machine another process may take the probed ports first
        try:
            state = start_cluster(nodes, free_port_block(2 * nodes), root / "data", state_file=state_file,
                                  fresh=True, timeout=START_TIMEOUT_S, secured=secured, tls=tls)  # fmt: skip
            break
        except (PortInUseError, ClusterStartError) as exc:
            failures.append(str(exc))  # try again on a fresh port block; every failure is reported
        except KafkaLocalError as exc:
            raise NoBrokerError(f"local launcher: {exc}") from exc
    if state is None:
        raise NoBrokerError(f"local launcher: could not start in {START_ATTEMPTS} attempts: " + " | ".join(failures))
    try:
        yield state, state_file
    finally:
        stop_cluster(state_file, timeout=10.0)  # throwaway data: no need to wait long for a clean exit


def with_catalogue_topics(bootstrap: str, replication_factor: int | None = None,
                          admin: KafkaSettings | None = None) -> str:
    """``bootstrap``, once the catalogue topics exist (created as ``admin`` on a secured cluster)."""
    try:
        create_topics(admin or bootstrap, replication_factor)
    except (KafkaError, OSError) as exc:
        raise NoBrokerError(f"{bootstrap} does not answer: {exc!r}") from exc
    return bootstrap


@contextmanager
def broker_for_tests(configured: str | None, scratch: Path) -> Iterator[str]:
    """``configured`` if given; else a container; else the local launcher with its data in ``scratch``."""
    if configured:
        yield with_catalogue_topics(configured)
    elif docker_engine_answers():
        with kafka_container() as bootstrap:
            yield with_catalogue_topics(bootstrap, 1)
    else:
        with local_cluster(scratch, nodes=1) as bootstrap:
            yield with_catalogue_topics(bootstrap, 1)

