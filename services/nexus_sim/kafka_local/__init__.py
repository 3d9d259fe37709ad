"""A real Apache Kafka broker on 127.0.0.1 without Docker.

Jars come from Maven Central (the packaged ``broker/pom.xml``), storage is formatted
for KRaft, and 1 or 3 combined broker+controller JVMs run as detached
processes recorded in ``$NEXUS_HOME/kafka/cluster.json``. Importing this
package needs neither java nor a broker.
"""

from .cluster import NodeStatus, start_cluster, status, stop_cluster
from .errors import (
    ClusterRunningError,
    ClusterStartError,
    ClusterStopError,
    JarDownloadError,
    KafkaLocalError,
    PortInUseError,
    ToolMissingError,
    TopicSetupError,
)
from .jars import ensure_jars, kafka_version
from .state import ClusterState, NodeState
from .topics import catalogue_topics, create_topics, create_topics_async

__all__ = [
    "ClusterRunningError",
    "ClusterStartError",
    "ClusterState",
    "ClusterStopError",
    "JarDownloadError",
    "KafkaLocalError",
    "NodeState",
    "NodeStatus",
    "PortInUseError",
    "ToolMissingError",
    "TopicSetupError",
    "catalogue_topics",
    "create_topics",
    "create_topics_async",
    "ensure_jars",
    "kafka_version",
    "start_cluster",
    "status",
    "stop_cluster",
]
