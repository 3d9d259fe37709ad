"""One node of a running local cluster: stop it (gracefully, or a SIGKILL crash), start it again,
and which node leads the KRaft controller quorum now."""

import dataclasses
import json
from pathlib import Path

from .cluster import launch_node, wait_until_ready
from .errors import ClusterStopError, KafkaLocalError
from .jars import ensure_jars, find_tool
from .paths import default_state_file
from .process import is_running, kill, terminate
from .state import ClusterState, read_state, write_state

__all__ = ["quorum_leader", "restart_node", "start_nodes", "stop_node"]


def _recorded(state_file: Path | None) -> tuple[Path, ClusterState]:
    path = Path(state_file) if state_file else default_state_file()
    state = read_state(path)
    if state is None:
        raise KafkaLocalError(f"no local Kafka recorded in {path}: run `nexus kafka up` first")
    return path, state


def stop_node(node_id: int, state_file: Path | None = None, *, crash: bool = False, timeout: float = 30.0) -> None:
    """Stop node ``node_id``: SIGTERM (then SIGKILL after ``timeout``), or at once with ``crash``."""
    _, state = _recorded(state_file)
    node = state.node(node_id)
    survivors = kill({node.pid: node.config}) if crash else terminate({node.pid: node.config}, timeout)
    if survivors:
        raise ClusterStopError(f"kafka node {node_id} (pid {node.pid}) survived SIGKILL")


def start_nodes(node_ids: list[int], state_file: Path | None = None, *, timeout: float = 90.0,
                heap: str = "512m") -> ClusterState:
    """Start these stopped nodes again, each with its own config and data, and wait until every node
    is a broker (started together: waiting for the first alone would wait for the second too)."""
    path, state = _recorded(state_file)
    java, libs = find_tool("java"), ensure_jars(None)
    for node_id in node_ids:
        node = state.node(node_id)
        if is_running(node.pid, node.config):
            raise KafkaLocalError(f"kafka node {node_id} is still running (pid {node.pid})")
        pid = launch_node(java, libs, heap, Path(node.config), Path(node.log_file), Path(state.data_dir))
        state = dataclasses.replace(state, nodes=tuple(
            dataclasses.replace(n, pid=pid) if n.node_id == node_id else n for n in state.nodes))
        write_state(path, state)  # recorded at once, so `down` finds it whatever happens next
    wait_until_ready(state, timeout)
    return state


def restart_node(node_id: int, state_file: Path | None = None, *, timeout: float = 90.0) -> ClusterState:
    """Stop one node (SIGTERM, then SIGKILL after ``timeout``) and start it again."""
    stop_node(node_id, state_file, timeout=timeout)
    return start_nodes([node_id], state_file, timeout=timeout)


def quorum_leader(state_file: Path | None = None) -> int:
    """The node that leads the controller quorum (the active controller), as the nodes' own
    ``quorum-state`` files say: the leader of the highest epoch any node has seen."""
    _, state = _recorded(state_file)
    seen = []
    for node in state.nodes:
        quorum = Path(state.data_dir) / f"node-{node.node_id}" / "__cluster_metadata-0" / "quorum-state"
        try:
            raw = json.loads(quorum.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if raw.get("leaderId", -1) >= 0:
            seen.append((raw.get("leaderEpoch", 0), raw["leaderId"]))
    if not seen:
        raise KafkaLocalError("no node has recorded a quorum leader yet")
    return max(seen)[1]
