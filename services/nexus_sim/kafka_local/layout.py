"""Where each node listens and keeps its files, and the server.properties it runs with.

Node ``i`` (1-based) of an ``n``-node cluster with base port ``p`` serves clients
on ``p + i - 1`` and its KRaft controller on ``p + n + i - 1``: one block of
``2n`` ports starting at ``p``, all on 127.0.0.1.
"""

from dataclasses import dataclass
from pathlib import Path

from .acls import ADMIN
from .tls import TlsFiles

__all__ = ["HOST", "ClusterLayout", "NodeLayout", "render_properties"]

HOST = "127.0.0.1"


@dataclass(frozen=True)
class NodeLayout:
    node_id: int
    port: int
    controller_port: int
    log_dir: Path
    config: Path
    log_file: Path


@dataclass(frozen=True)
class ClusterLayout:
    data_dir: Path
    nodes: tuple[NodeLayout, ...]

    @classmethod
    def plan(cls, nodes: int, port: int, data_dir: Path) -> "ClusterLayout":
        if nodes not in (1, 3):
            raise ValueError(f"nodes must be 1 or 3, not {nodes}")
        data_dir = Path(data_dir).resolve()
        return cls(data_dir, tuple(_node(data_dir, i, port, nodes) for i in range(1, nodes + 1)))

    @property
    def bootstrap(self) -> str:
        return ",".join(f"{HOST}:{node.port}" for node in self.nodes)

    @property
    def voters(self) -> str:
        return ",".join(f"{node.node_id}@{HOST}:{node.controller_port}" for node in self.nodes)

    def ports(self) -> dict[int, str]:
        """Every port the cluster binds, with what binds it (for error messages)."""
        ports = {n.port: f"broker of node {n.node_id}" for n in self.nodes}
        ports.update({n.controller_port: f"controller of node {n.node_id}" for n in self.nodes})
        return ports


def _node(data_dir: Path, node_id: int, port: int, count: int) -> NodeLayout:
    return NodeLayout(
        node_id=node_id,
        port=port + node_id - 1,
        controller_port=port + count + node_id - 1,
        log_dir=data_dir / f"node-{node_id}",
        config=data_dir / "config" / f"node-{node_id}.properties",
        log_file=data_dir / "logs" / f"node-{node_id}.log",
    )


def render_properties(node: NodeLayout, cluster: ClusterLayout, admin_password: str | None = None,
                      tls: TlsFiles | None = None) -> str:
    """server.properties for one combined broker+controller node; with ``admin_password``, secured:
    SASL/SCRAM-SHA-512 for clients and between brokers, SASL/PLAIN between the controllers (KRaft
    controllers cannot check SCRAM: it lives in the metadata they serve), the StandardAuthorizer
    refusing whatever no ACL allows, and the admin principal the only super user. With ``tls`` too,
    the client (and inter-broker) listener speaks SASL_SSL with the locally made certificates."""
    replicas = len(cluster.nodes)
    min_isr = 2 if replicas >= 3 else 1
    listener = "BROKER" if admin_password else "PLAINTEXT"
    settings = {
        "process.roles": "broker,controller",
        "node.id": node.node_id,
        "controller.quorum.voters": cluster.voters,
        "listeners": f"{listener}://{HOST}:{node.port},CONTROLLER://{HOST}:{node.controller_port}",
        "advertised.listeners": f"{listener}://{HOST}:{node.port}",
        "controller.listener.names": "CONTROLLER",
        "inter.broker.listener.name": listener,
        "listener.security.protocol.map": "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
        "log.dirs": node.log_dir,
        "auto.create.topics.enable": "false",  # the catalogue is the only source of topics (as in docker-compose)
        **(_secured(admin_password) if admin_password else {}),
        **(_tls(tls) if admin_password and tls else {}),
        **_replication(replicas, min_isr),
        **_small_machine(),
    }
    return "".join(f"{key}={value}\n" for key, value in settings.items())


def _secured(admin_password: str) -> dict[str, str]:
    scram = f'org.apache.kafka.common.security.scram.ScramLoginModule required username="{ADMIN}" ' \
            f'password="{admin_password}";'
    plain = f'org.apache.kafka.common.security.plain.PlainLoginModule required username="{ADMIN}" ' \
            f'password="{admin_password}" user_{ADMIN}="{admin_password}";'
    return {
        "listener.security.protocol.map": "CONTROLLER:SASL_PLAINTEXT,BROKER:SASL_PLAINTEXT",
        "sasl.enabled.mechanisms": "SCRAM-SHA-512",
        "sasl.mechanism.inter.broker.protocol": "SCRAM-SHA-512",
        "listener.name.broker.sasl.enabled.mechanisms": "SCRAM-SHA-512",
        "listener.name.broker.scram-sha-512.sasl.jaas.config": scram,
        "sasl.mechanism.controller.protocol": "PLAIN",
        "listener.name.controller.sasl.enabled.mechanisms": "PLAIN",
        "listener.name.controller.plain.sasl.jaas.config": plain,
        "authorizer.class.name": "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
        "allow.everyone.if.no.acl.found": "false",
        "super.users": f"User:{ADMIN}",
    }


def _tls(tls: TlsFiles) -> dict[str, str]:
    store = {"location": str(tls.keystore), "password": tls.password, "type": "PKCS12"}
    return {
        "listener.security.protocol.map": "CONTROLLER:SASL_PLAINTEXT,BROKER:SASL_SSL",
        **{f"ssl.keystore.{key}": value for key, value in store.items()},
        "ssl.key.password": tls.password,
        **{f"ssl.truststore.{key}": value for key, value in store.items()},
    }


def _replication(replicas: int, min_isr: int) -> dict[str, int]:
    return {
        "default.replication.factor": replicas,
        "min.insync.replicas": min_isr,
        "offsets.topic.replication.factor": replicas,
        "transaction.state.log.replication.factor": replicas,
        "transaction.state.log.min.isr": min_isr,
        "share.coordinator.state.topic.replication.factor": replicas,
        "share.coordinator.state.topic.min.isr": min_isr,
    }


def _small_machine() -> dict[str, int]:
    """A laptop or a 2-core CI runner: few threads, no rebalance delay, small internal topics."""
    return {
        "num.network.threads": 2,
        "num.io.threads": 4,
        "num.recovery.threads.per.data.dir": 1,
        "offsets.topic.num.partitions": 10,
        "group.initial.rebalance.delay.ms": 0,
    }
