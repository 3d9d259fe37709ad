"""Per-node configs and KRaft storage, formatted once per data dir (``kafka.tools.StorageTool format``)."""

import base64
import json
import shutil
import subprocess
import uuid
from pathlib import Path

from .errors import ClusterStartError
from .layout import ClusterLayout, render_properties
from .paths import broker_config_dir

__all__ = ["java_command", "prepare_storage"]

MARKER_NAME = "layout.json"
FORMAT_TIMEOUT_S = 120


def java_command(
    java: str, libs_dir: Path, heap: str, *args: str, quick: bool = False
) -> list[str]:
    """``java ... <main class> <args>`` with the jar cache on the classpath; ``quick`` for short-lived tools."""
    return [
        java, f"-Xmx{heap}", *(["-XX:TieredStopAtLevel=1"] if quick else []), "-Xms128m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
        "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true",
        f"-Dlog4j2.configurationFile={broker_config_dir() / 'log4j2.yaml'}",
        "-cp", str(libs_dir / "*"), *args,
    ]  # fmt: skip


def prepare_storage(cluster: ClusterLayout, java: str, libs_dir: Path, fresh: bool) -> None:
    """Write each node's server.properties; format storage unless this layout was formatted before."""
    if fresh:
        _wipe(cluster)
    wanted = _describe(cluster)
    for node in cluster.nodes:
        node.config.parent.mkdir(parents=True, exist_ok=True)
        node.config.write_text(render_properties(node, cluster), encoding="utf-8")
    recorded = _read_marker(cluster.data_dir)
    if recorded is not None:
        _check_same_layout(cluster, recorded, wanted)
        return
    _wipe(cluster, keep_configs=True)  # a half-formatted earlier attempt is unusable
    _format(cluster, java, libs_dir, _new_cluster_id())
    (cluster.data_dir / MARKER_NAME).write_text(json.dumps(wanted) + "\n", encoding="utf-8")


def _describe(cluster: ClusterLayout) -> dict[str, object]:
    return {"voters": cluster.voters, "bootstrap": cluster.bootstrap}


def _read_marker(data_dir: Path) -> dict[str, object] | None:
    try:
        return json.loads((data_dir / MARKER_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _check_same_layout(cluster: ClusterLayout, recorded: dict[str, object], wanted: dict[str, object]) -> None:
    if recorded != wanted:
        raise ClusterStartError(
            f"{cluster.data_dir} holds a cluster formatted for {recorded.get('bootstrap')}, "
            f"not {wanted['bootstrap']}: use --fresh (fresh=True) to wipe it, or another data dir"
        )


def _new_cluster_id() -> str:
    """What ``StorageTool random-uuid`` prints: 16 random bytes, URL-safe base64, no padding."""
    while True:
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not cluster_id.startswith("-"):
            return cluster_id


def _format(cluster: ClusterLayout, java: str, libs_dir: Path, cluster_id: str) -> None:
    """Format every node's log dir with the same cluster id, the nodes in parallel."""
    runs = {
        node.node_id: subprocess.Popen(
            java_command(java, libs_dir, "256m", "kafka.tools.StorageTool", "format",
                         "--cluster-id", cluster_id, "--config", str(node.config), quick=True),
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        for node in cluster.nodes
    }
    try:
        for node_id, run in runs.items():
            _check_formatted(node_id, run)
    finally:
        for run in runs.values():
            if run.poll() is None:
                run.kill()
            run.wait()


def _check_formatted(node_id: int, run: subprocess.Popen[str]) -> None:
    try:
        output, _ = run.communicate(timeout=FORMAT_TIMEOUT_S)
    except subprocess.TimeoutExpired as exc:
        raise ClusterStartError(f"formatting storage of node {node_id} took over {FORMAT_TIMEOUT_S}s") from exc
    if run.returncode != 0:
        tail = "\n".join(output.strip().splitlines()[-20:])
        raise ClusterStartError(f"formatting storage of node {node_id} failed (exit {run.returncode})", tail)


def _wipe(cluster: ClusterLayout, keep_configs: bool = False) -> None:
    """Remove only what the launcher itself creates under the data dir."""
    for stale in cluster.data_dir.glob("node-*"):
        if stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)
    shutil.rmtree(cluster.data_dir / "logs", ignore_errors=True)
    if not keep_configs:
        shutil.rmtree(cluster.data_dir / "config", ignore_errors=True)
    (cluster.data_dir / MARKER_NAME).unlink(missing_ok=True)
