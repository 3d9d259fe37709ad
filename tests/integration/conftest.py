"""Real Kafka for integration tests.

``kafka_bootstrap`` (session) comes from the nexus-services pytest plugin
(``nexus_sim.eventlog.pytest_plugin``): ``--nexus-bootstrap`` or ``KAFKA_BOOTSTRAP_SERVERS`` if
set; else an ``apache/kafka`` container when Testcontainers is installed and a Docker engine
answers; else the local launcher on a free port block in a temp data dir. What this repository
adds: ``kafka_cluster3`` (session), a 3-node local cluster (replication 3, min ISR 2).

No broker to be had: the test skips with the reason, or fails under ``CI=true``.
"""

from collections.abc import Iterator

import pytest

from nexus_sim.eventlog.pytest_plugin import no_broker
from nexus_sim.kafka_local.provision import NoBrokerError, local_cluster, with_catalogue_topics

__all__ = ["kafka_cluster3"]


@pytest.fixture(scope="session")
def kafka_cluster3(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Bootstrap of a 3-node local cluster (replication 3, min ISR 2) with the catalogue topics."""
    try:
        with local_cluster(tmp_path_factory.mktemp("kafka3"), nodes=3) as bootstrap:
            yield with_catalogue_topics(bootstrap, 3)
    except NoBrokerError as exc:
        no_broker(str(exc))
