"""What replicates and sweeps share on the command line: where runs go (local processes or a Dask
cluster), with a progress bar over runs, and one clear line when the cluster cannot be reached."""

import re
from collections.abc import Sequence
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.markup import escape

from ..run.replicates import Executor, RunTask, run_reports
from .progress_bars import run_progress

__all__ = ["ClusterOption", "WorkersOption", "executor_for", "reports_of"]

_ADDRESS = re.compile(r"^(tcp|tls)://[^\s/]+:\d+$")
WorkersOption = Annotated[Optional[int], typer.Option(
    min=1, help="Local processes for replicates and sweeps (default: one per core; 1: in this process).")]
ClusterOption = Annotated[Optional[str], typer.Option(
    help="Send the runs to a Dask distributed scheduler, tcp://HOST:PORT, instead of local processes.")]


def executor_for(workers: int | None, cluster: str | None, err: Console) -> Executor:
    if workers and cluster:
        err.print("[red]error:[/] --workers sets local processes; with --cluster the cluster's workers run",
                  highlight=False)
        raise typer.Exit(2)
    if cluster and not _ADDRESS.match(cluster):
        err.print(f"[red]error:[/] --cluster {escape(cluster)}: expected a Dask scheduler address, tcp://HOST:PORT "
                  "(or tls://HOST:PORT)", highlight=False)
        raise typer.Exit(2)
    return Executor(workers=workers, cluster=cluster)


def reports_of(tasks: Sequence[RunTask], executor: Executor, err: Console, quiet: bool) -> list[dict[str, Any]]:
    try:
        with run_progress(len(tasks), disable=quiet) as on_run:
            return run_reports(tasks, executor, on_run)
    except OSError as exc:  # a scheduler that does not answer: distributed raises OSError (timeouts included)
        err.print(f"[red]error:[/] Dask cluster at {executor.cluster}: {escape(str(exc))}", highlight=False)
        raise typer.Exit(1) from None
