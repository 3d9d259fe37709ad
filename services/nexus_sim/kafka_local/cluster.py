"""Start, stop and inspect a local KRaft cluster (1 or 3 combined broker+controller nodes)."""

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from nexus_runtime.settings import KafkaSettings

from .acl_apply import apply_acls
from .acls import ADMIN, acl_table
from .admin import broker_ids, ports_accepting
from .credentials import CREDENTIALS_NAME, Credentials, read_credentials
from .errors import ClusterRunningError, ClusterStartError, ClusterStopError
from .jars import ensure_jars, find_tool, kafka_version
from .layout import HOST, ClusterLayout, NodeLayout
from .paths import default_data_dir, default_state_file
from .process import check_ports_free, exit_code, is_running, spawn_detached, tail, terminate
from .state import ClusterState, NodeState, clear_state, read_state, write_state
from .storage import java_command, prepare_storage

__all__ = ["NodeStatus", "admin_settings", "launch_node", "start_cluster", "status", "stop_cluster", "wait_until_ready"]


@dataclass(frozen=True)
class NodeStatus:
    node: NodeState
    alive: bool


def start_cluster(
    nodes: int = 1,
    port: int = 9092,
    data_dir: Path | None = None,
    *,
    libs_dir: Path | None = None,
    state_file: Path | None = None,
    fresh: bool = False,
    timeout: float = 90.0,
    heap: str = "512m",
    secured: bool = True,
    tls: bool = False,
) -> ClusterState:
    """Start ``nodes`` nodes on 127.0.0.1 ports ``port..port+2*nodes-1`` and wait until all are brokers.
    ``secured``: SASL/SCRAM for every client, and the ACLs generated from the catalogue; with ``tls``,
    over TLS (SASL_SSL) with certificates made locally."""
    state_file = Path(state_file) if state_file else default_state_file()
    _refuse_if_running(state_file)
    cluster = ClusterLayout.plan(nodes, port, Path(data_dir) if data_dir else default_data_dir())
    check_ports_free(cluster.ports())
    java = find_tool("java")
    libs = ensure_jars(libs_dir)
    credentials = prepare_storage(cluster, java, libs, fresh, secured, tls)
    state = _launch_and_wait(cluster, java, libs, heap, state_file, timeout, credentials)
    if credentials:
        try:
            apply_acls(admin_settings(state), acl_table())
        except BaseException:  # a secured cluster without its ACLs is of no use to anyone: take it down
            stop_cluster(state_file, timeout=10.0)
            raise
    return state


def admin_settings(state: ClusterState) -> KafkaSettings:
    """How the launcher connects to its cluster: as the admin principal when secured."""
    credentials = read_credentials(Path(state.data_dir) / CREDENTIALS_NAME) if state.secured else None
    return credentials.settings(ADMIN) if credentials else KafkaSettings(bootstrap_servers=state.bootstrap)


def stop_cluster(state_file: Path | None = None, timeout: float = 30.0) -> ClusterState | None:
    """Stop the processes the state file records (and only those); None if nothing was recorded."""
    state_file = Path(state_file) if state_file else default_state_file()
    state = read_state(state_file)
    if state is None:
        return None
    survivors = terminate(state.markers, timeout)
    if survivors:
        raise ClusterStopError(f"kafka node pid(s) {survivors} survived SIGKILL; state kept in {state_file}")
    clear_state(state_file)
    return state


def status(state_file: Path | None = None) -> tuple[ClusterState, list[NodeStatus]] | None:
    """The recorded cluster and whether each node's process is alive; None if nothing is recorded."""
    state = read_state(Path(state_file) if state_file else default_state_file())
    if state is None:
        return None
    return state, [NodeStatus(node, is_running(node.pid, node.config)) for node in state.nodes]


def _refuse_if_running(state_file: Path) -> None:
    recorded = status(state_file)
    if recorded is None:
        return
    state, nodes = recorded
    alive = [n.node for n in nodes if n.alive]
    if not alive:
        clear_state(state_file)  # stale: every recorded process is gone
        return
    ports = ", ".join(str(n.port) for n in alive)
    raise ClusterRunningError(f"a local Kafka cluster is already running on {HOST} port(s) {ports}: run `down` first")


def _launch_and_wait(
    cluster: ClusterLayout, java: str, libs: Path, heap: str, state_file: Path, timeout: float,
    credentials: Credentials | None,
) -> ClusterState:
    """Record the nodes as soon as they are spawned (so `down` can always find them), then wait."""
    state = _launch(cluster, java, libs, heap, secured=credentials is not None)
    write_state(state_file, state)
    try:
        wait_until_ready(state, timeout)
    except BaseException:  # includes Ctrl-C: never leave half a cluster behind
        terminate(state.markers, timeout=10.0)
        clear_state(state_file)
        raise
    return state


def _launch(cluster: ClusterLayout, java: str, libs: Path, heap: str, secured: bool) -> ClusterState:
    started = [_node_state(node, launch_node(java, libs, heap, node.config, node.log_file, cluster.data_dir))
               for node in cluster.nodes]
    return ClusterState(
        kafka_version=kafka_version(),
        data_dir=str(cluster.data_dir),
        bootstrap=cluster.bootstrap,
        started_at=datetime.now(UTC).isoformat(timespec="seconds"),
        nodes=tuple(started),
        secured=secured,
    )


def launch_node(java: str, libs: Path, heap: str, config: Path, log_file: Path, data_dir: Path) -> int:
    """Spawn one node's JVM, detached; its pid."""
    return spawn_detached(java_command(java, libs, heap, "kafka.Kafka", str(config)), log_file, cwd=data_dir)


def _node_state(node: NodeLayout, pid: int) -> NodeState:
    return NodeState(node.node_id, pid, node.port, node.controller_port, str(node.config), str(node.log_file))


def wait_until_ready(state: ClusterState, timeout: float) -> None:
    """Poll until metadata lists every node as a broker; raise with the log tail of the node at fault."""
    deadline = time.monotonic() + timeout
    while True:
        for node in state.nodes:
            code = exit_code(node.pid)
            if code is not None:
                raise ClusterStartError(f"kafka node {node.node_id} exited during start-up (exit code {code})",
                                        _log_tail(node))
        missing = _not_ready(state)
        if not missing:
            return
        if time.monotonic() > deadline:
            late = missing[0]
            message = f"kafka node {late.node_id} did not answer on {HOST}:{late.port} within {timeout:.0f}s"
            raise ClusterStartError(message, _log_tail(late))
        time.sleep(0.5)


def _not_ready(state: ClusterState) -> list[NodeState]:
    """Nodes whose port is closed or, once all ports are open, that metadata does not list as brokers."""
    closed = [node for node in state.nodes if not ports_accepting(HOST, [node.port])]
    if closed:
        return closed
    registered = broker_ids(admin_settings(state))
    return [node for node in state.nodes if node.node_id not in registered]


def _log_tail(node: NodeState) -> str:
    return f"--- last lines of {node.log_file} ---\n{tail(Path(node.log_file), 20)}"
