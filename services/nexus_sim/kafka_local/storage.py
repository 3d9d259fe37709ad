"""Per-node configs and KRaft storage, formatted once per data dir (``kafka.tools.StorageTool format``)."""

import base64
import json
import shutil
import subprocess
import uuid
from pathlib import Path

from .acls import ADMIN, PRINCIPALS
from .credentials import CREDENTIALS_NAME, Credentials, new_credentials, read_credentials, write_credentials
from .errors import ClusterStartError
from .layout import ClusterLayout, render_properties
from .paths import broker_config_dir
from .tls import make_certificates

__all__ = ["java_command", "prepare_storage"]

MARKER_NAME = "layout.json"
TLS_DIR = "tls"
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


def prepare_storage(cluster: ClusterLayout, java: str, libs_dir: Path, fresh: bool,
                    secured: bool = True, tls: bool = False) -> Credentials | None:
    """Write each node's server.properties; format storage unless this layout was formatted before.
    ``secured``: SCRAM credentials for every principal, created with the storage (``format --add-scram``)
    and kept in ``<data dir>/credentials.json`` (mode 600); returned. ``tls``: certificates made in
    ``<data dir>/tls`` for a SASL_SSL listener."""
    if fresh:
        _wipe(cluster)
    wanted = {**_describe(cluster, secured), **({"tls": True} if secured and tls else {})}
    recorded = _read_marker(cluster.data_dir)
    if recorded is not None:
        _check_same_layout(cluster, recorded, wanted)
        credentials = _recorded_credentials(cluster) if secured else None
        _write_configs(cluster, credentials)
        return credentials
    _wipe(cluster, keep_configs=True)  # a half-formatted earlier attempt is unusable
    certificates = make_certificates(cluster.data_dir / TLS_DIR) if secured and tls else None
    credentials = new_credentials(cluster.bootstrap, PRINCIPALS, certificates) if secured else None
    _write_configs(cluster, credentials)
    _format(cluster, java, libs_dir, _new_cluster_id(), credentials)
    if credentials:
        write_credentials(cluster.data_dir / CREDENTIALS_NAME, credentials)
    (cluster.data_dir / MARKER_NAME).write_text(json.dumps(wanted) + "\n", encoding="utf-8")
    return credentials


def _write_configs(cluster: ClusterLayout, credentials: Credentials | None) -> None:
    admin_password = credentials.passwords[ADMIN] if credentials else None
    for node in cluster.nodes:
        node.config.parent.mkdir(parents=True, exist_ok=True)
        node.config.touch(mode=0o600)  # it holds the admin password
        node.config.write_text(render_properties(node, cluster, admin_password, credentials and credentials.tls),
                               encoding="utf-8")


def _recorded_credentials(cluster: ClusterLayout) -> Credentials:
    credentials = read_credentials(cluster.data_dir / CREDENTIALS_NAME)
    if credentials is None:
        raise ClusterStartError(f"{cluster.data_dir} was formatted secured but has no {CREDENTIALS_NAME}: use --fresh")
    return credentials


def _describe(cluster: ClusterLayout, secured: bool) -> dict[str, object]:
    return {"voters": cluster.voters, "bootstrap": cluster.bootstrap, "secured": secured}


def _read_marker(data_dir: Path) -> dict[str, object] | None:
    try:
        return json.loads((data_dir / MARKER_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _check_same_layout(cluster: ClusterLayout, recorded: dict[str, object], wanted: dict[str, object]) -> None:
    if recorded != wanted:
        raise ClusterStartError(
            f"{cluster.data_dir} holds a cluster formatted for {recorded.get('bootstrap')} "
            f"({_mode(recorded)}), not {wanted['bootstrap']} ({_mode(wanted)}): use --fresh (fresh=True) "
            "to wipe it, or another data dir"
        )


def _mode(layout: dict[str, object]) -> str:
    return ("secured, TLS" if layout.get("tls") else "secured") if layout.get("secured") else "insecure"


def _new_cluster_id() -> str:
    """What ``StorageTool random-uuid`` prints: 16 random bytes, URL-safe base64, no padding."""
    while True:
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not cluster_id.startswith("-"):
            return cluster_id


def _format(cluster: ClusterLayout, java: str, libs_dir: Path, cluster_id: str,
            credentials: Credentials | None) -> None:
    """Format every node's log dir with the same cluster id (and SCRAM users), the nodes in parallel."""
    scram = [part for name, password in (credentials.passwords.items() if credentials else ())
             for part in ("--add-scram", f"SCRAM-SHA-512=[name={name},password={password}]")]
    runs = {
        node.node_id: subprocess.Popen(
            java_command(java, libs_dir, "256m", "kafka.tools.StorageTool", "format",
                         "--cluster-id", cluster_id, "--config", str(node.config), *scram, quick=True),
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
    (cluster.data_dir / CREDENTIALS_NAME).unlink(missing_ok=True)
    shutil.rmtree(cluster.data_dir / TLS_DIR, ignore_errors=True)
    if not keep_configs:
        shutil.rmtree(cluster.data_dir / "config", ignore_errors=True)
    (cluster.data_dir / MARKER_NAME).unlink(missing_ok=True)
