"""``nexus kafka up|down|status|acls|restart-node`` (also ``python -m nexus_sim.kafka_local``)."""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from .acl_apply import apply_acls
from .acls import ADMIN, acl_table, format_table
from .cluster import admin_settings, start_cluster, status, stop_cluster
from .credentials import connection
from .errors import KafkaLocalError
from .nodes import restart_node
from .paths import default_state_file
from .topics import create_topics

__all__ = ["kafka_app"]

kafka_app = typer.Typer(
    help="A local Apache Kafka (KRaft) on 127.0.0.1: jars from Maven Central, no Docker.",
    no_args_is_help=True,
)
_out = Console(soft_wrap=True)
_err = Console(stderr=True, soft_wrap=True)


@contextmanager
def _expected_failures() -> Iterator[None]:
    """Print a launcher error as one line (plus any log tail) and exit 1, without a traceback."""
    try:
        yield
    except KafkaLocalError as exc:
        _err.print(f"[bold red]error:[/] {exc.message}", highlight=False)
        if exc.detail:
            _err.print(exc.detail, style="dim", highlight=False, markup=False)
        raise typer.Exit(1) from None


@kafka_app.command()
def up(
    nodes: int = typer.Option(1, "--nodes", min=1, max=3, help="1 node, or 3 (replication 3, min ISR 2)."),
    port: int = typer.Option(9092, "--port", help="Client port of node 1; the cluster uses 2 x nodes ports from here."),
    fresh: bool = typer.Option(False, "--fresh", help="Wipe the data dir and format it again."),
    insecure: bool = typer.Option(False, "--insecure", help="Plaintext, no authentication, no ACLs: anyone "
                                  "who reaches the port may do anything (quick local work only)."),
    tls: bool = typer.Option(False, "--tls", help="Secured over TLS (SASL_SSL), with a CA and broker certificate "
                             "made locally by keytool; clients trust <data dir>/tls/ca.pem."),
) -> None:
    """Start the cluster, wait until it answers, and create the catalogue topics (+ .dlq).
    Secured by default: SASL/SCRAM-SHA-512, a principal per service and tool, ACLs from the catalogue."""
    if nodes == 2:
        raise typer.BadParameter("choose 1 or 3 nodes", param_hint="--nodes")
    if insecure and tls:
        raise typer.BadParameter("--tls is a secured mode; drop --insecure", param_hint="--tls")
    began = time.monotonic()
    with _expected_failures():
        state = start_cluster(nodes=nodes, port=port, fresh=fresh, secured=not insecure, tls=tls)
        try:
            created = create_topics(admin_settings(state), replication_factor=nodes)
        except BaseException:
            stop_cluster()
            raise
    _out.print(f"Kafka {state.kafka_version}: {nodes} node(s) up in {time.monotonic() - began:.1f}s, "
               f"{len(created)} topic(s) created. bootstrap: [bold]{state.bootstrap}[/]")  # fmt: skip
    if insecure:
        _out.print("[bold yellow]INSECURE:[/] plaintext, no authentication, no ACLs: any client may read, write "
                   "and delete every topic.")
    else:
        over = f" over TLS (trust {Path(state.data_dir) / 'tls' / 'ca.pem'})" if tls else ""
        _out.print(f"Secured: SASL/SCRAM-SHA-512{over} and {len(acl_table())} ACL grants from the catalogue; "
                   f"credentials (mode 600) in {Path(state.data_dir) / 'credentials.json'}")


@kafka_app.command()
def acls(
    group_prefix: str = typer.Option("nexus", "--group-prefix", help="Consumer groups are <prefix>.<service>[.<run>]."),
) -> None:
    """Print the ACL table generated from the topic catalogue (what `up` grants each principal), one
    grant a line: principal, resource type, pattern type, name, operations (all ALLOW, from any host)."""
    rows = [("principal", "resource", "pattern", "name", "operations"), *format_table(acl_table(group_prefix))]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        typer.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[4])
    typer.echo(f"User:{ADMIN} is the super user (no ACL needed); anyone else gets nothing.")


@kafka_app.command()
def provision(
    bootstrap: str = typer.Option(..., "--bootstrap", help="Kafka bootstrap servers of a cluster not started by `up`."),
    group_prefix: str = typer.Option("nexus", "--group-prefix", help="Consumer groups are <prefix>.<service>[.<run>]."),
    acls_too: bool = typer.Option(True, "--acls/--no-acls", help="Also grant the ACL table (a secured cluster)."),
) -> None:
    """Create the catalogue topics and grant the ACL table on another cluster (docker compose, a
    deployment), as the super user NEXUS_KAFKA_USERNAME/NEXUS_KAFKA_PASSWORD from the environment."""
    admin = connection(bootstrap, ADMIN)
    with _expected_failures():
        created = create_topics(admin)
        granted = apply_acls(admin, acl_table(group_prefix)) if acls_too else 0
    _out.print(f"{len(created)} topic(s) created, {granted} ACL binding(s) granted on {bootstrap} as "
               f"{admin.username or 'an anonymous client'}")


@kafka_app.command("restart-node")
def restart(node: int = typer.Argument(..., help="Node id (1..3) of the local cluster.")) -> None:
    """Stop one node of the local cluster (SIGTERM, then SIGKILL) and start it again; waits until it is a broker."""
    began = time.monotonic()
    with _expected_failures():
        state = restart_node(node)
    _out.print(f"node {node} restarted (pid {state.node(node).pid}) in {time.monotonic() - began:.1f}s")


@kafka_app.command()
def down() -> None:
    """Stop the processes recorded by `up` (SIGTERM, then SIGKILL) and forget them."""
    with _expected_failures():
        stopped = stop_cluster()
    if stopped is None:
        _out.print(f"No local Kafka recorded in {default_state_file()}: nothing to stop.")
        return
    _out.print(f"Stopped {len(stopped.nodes)} node(s) (pids {', '.join(str(n.pid) for n in stopped.nodes)}).")


@kafka_app.command("status")
def show_status() -> None:
    """Which nodes the state file records, on which ports, and whether their processes are alive."""
    with _expected_failures():
        recorded = status()
    if recorded is None:
        _out.print(f"No local Kafka recorded in {default_state_file()}.")
        return
    state, nodes = recorded
    mode = "secured (SASL/SCRAM, ACLs)" if state.secured else "INSECURE (plaintext, no ACLs)"
    table = Table(title=f"Kafka {state.kafka_version} - bootstrap {state.bootstrap} - {mode}")
    for column in ("node", "port", "controller", "pid", "alive"):
        table.add_column(column)
    table.add_column("log", overflow="fold")
    for entry in nodes:
        n = entry.node
        alive = "[green]yes[/]" if entry.alive else "[red]no[/]"
        table.add_row(str(n.node_id), str(n.port), str(n.controller_port), str(n.pid), alive, n.log_file)
    _out.print(table)
