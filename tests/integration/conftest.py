"""Real Kafka for integration tests.

``kafka_bootstrap`` (session) comes from the nexus-services pytest plugin
(``nexus_sim.eventlog.pytest_plugin``): ``--nexus-bootstrap`` or ``KAFKA_BOOTSTRAP_SERVERS`` if
set; else an ``apache/kafka`` container when Testcontainers is installed and a Docker engine
answers; else the local launcher on a free port block in a temp data dir. What this repository
adds: ``cluster3`` (session), a 3-node local cluster (replication 3, min ISR 2) with its state file
for node operations, and ``kafka_cluster3``, its bootstrap; ``kafka_secured`` (session), a secured
1-node local cluster (SASL/SCRAM, the ACLs from the catalogue) and its credentials.

No broker to be had: the test skips with the reason, or fails under ``CI=true``.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from nexus_sim.eventlog.pytest_plugin import no_broker
from nexus_sim.kafka_local.cluster import admin_settings
from nexus_sim.kafka_local.credentials import CREDENTIALS_NAME, Credentials, read_credentials
from nexus_sim.kafka_local.provision import NoBrokerError, local_cluster_state, with_catalogue_topics

__all__ = ["Cluster", "SecuredKafka", "cluster3", "kafka_cluster3", "kafka_secured"]


@dataclass(frozen=True)
class Cluster:
    bootstrap: str
    state_file: Path


@dataclass(frozen=True)
class SecuredKafka:
    bootstrap: str
    credentials: Credentials
    credentials_file: Path


@pytest.fixture(scope="session")
def cluster3(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """A 3-node local cluster (replication 3, min ISR 2) with the catalogue topics, and its state file."""
    try:
        with local_cluster_state(tmp_path_factory.mktemp("kafka3"), nodes=3, secured=False) as (state, state_file):
            yield Cluster(with_catalogue_topics(state.bootstrap, 3), state_file)
    except NoBrokerError as exc:
        no_broker(str(exc))


@pytest.fixture(scope="session")
def kafka_cluster3(cluster3: Cluster) -> str:
    """Bootstrap of the 3-node local cluster."""
    return cluster3.bootstrap


@pytest.fixture(scope="session")
def kafka_secured(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SecuredKafka]:
    """A secured 1-node local cluster with the catalogue topics, and every principal's credentials."""
    try:
        with local_cluster_state(tmp_path_factory.mktemp("kafka-secured"), nodes=1, secured=True) as (state, _):
            with_catalogue_topics(state.bootstrap, 1, admin=admin_settings(state))
            path = Path(state.data_dir) / CREDENTIALS_NAME
            yield SecuredKafka(state.bootstrap, read_credentials(path), path)
    except NoBrokerError as exc:
        no_broker(str(exc))
