"""The state file: which processes this launcher started, on which ports, with which data."""

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from .errors import KafkaLocalError

__all__ = ["ClusterState", "NodeState", "clear_state", "read_state", "write_state"]


@dataclass(frozen=True)
class NodeState:
    node_id: int
    pid: int
    port: int
    controller_port: int
    config: str
    log_file: str


@dataclass(frozen=True)
class ClusterState:
    kafka_version: str
    data_dir: str
    bootstrap: str
    started_at: str
    nodes: tuple[NodeState, ...]
    secured: bool = False

    def node(self, node_id: int) -> NodeState:
        for node in self.nodes:
            if node.node_id == node_id:
                return node
        raise KafkaLocalError(f"no node {node_id} in this cluster: nodes are {[n.node_id for n in self.nodes]}")

    @property
    def markers(self) -> dict[int, str]:
        """pid -> a string its command line must contain, so a recycled pid is never signalled."""
        return {node.pid: node.config for node in self.nodes}


def write_state(path: Path, state: ClusterState) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_suffix(".tmp")
    staging.write_text(json.dumps(asdict(state), indent=2) + "\n", encoding="utf-8")
    staging.replace(path)


def read_state(path: Path) -> ClusterState | None:
    """The recorded cluster, or None when there is no state file."""
    if not path.is_file():
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        nodes = tuple(NodeState(**node) for node in raw.pop("nodes"))
        return ClusterState(nodes=nodes, **raw)
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise KafkaLocalError(f"state file {path} is unreadable ({exc}); check `ps` for java, then delete it") from exc


def clear_state(path: Path) -> None:
    path.unlink(missing_ok=True)
