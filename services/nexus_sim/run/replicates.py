"""Many runs at once: replicates (one scenario on seeds seed..seed+N-1) and sweep points, each run a
pure function of (scenario, overrides, seed, days) that returns its report.

Runs go to local processes by default (one per core), or to a Dask distributed cluster
(``cluster="tcp://HOST:PORT"``): the same task either way, shipped with the scenario already
loaded (overrides applied), so a worker needs the installed packages but no scenario file. The
reports come back in the order of the runs asked for, whatever order they finish in.
"""

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace
from typing import Any

from nexus_contracts.scenario import Scenario

from .in_memory import report_in_memory
from .spec import RunSpec

__all__ = ["Executor", "RunTask", "replicate_specs", "run_report", "run_reports"]

Report = dict[str, Any]
OnRun = Callable[[int, int], None]  # (runs done, runs in all)


@dataclass(frozen=True)
class RunTask:
    """One run: the scenario as loaded from ``spec`` (overrides applied) and the spec itself."""

    scenario: Scenario
    spec: RunSpec


@dataclass(frozen=True)
class Executor:
    """Where runs go: ``cluster`` (a Dask scheduler address) if given, else ``workers`` local
    processes (None: one per core; 1: in this process, no pool)."""

    workers: int | None = None
    cluster: str | None = None

    @property
    def processes(self) -> int:
        return self.workers or os.cpu_count() or 1


def replicate_specs(spec: RunSpec, replicates: int) -> list[RunSpec]:
    """``spec`` on seeds ``spec.seed`` .. ``spec.seed + replicates - 1``."""
    if replicates < 1:
        raise ValueError(f"--replicates must be at least 1, got {replicates}")
    return [replace(spec, seed=spec.seed + i) for i in range(replicates)]


def run_report(task: RunTask) -> Report:
    """The report of one run in memory: what a worker does."""
    return report_in_memory(task.scenario, task.spec)


def run_reports(tasks: Sequence[RunTask], executor: Executor = Executor(), on_run: OnRun | None = None) -> list[Report]:
    """The reports of ``tasks``, in order; ``on_run`` is told as each run finishes."""
    done_in_order: dict[int, Report] = {}
    for done, (index, report) in enumerate(_finished(tasks, executor), start=1):
        done_in_order[index] = report
        if on_run:
            on_run(done, len(tasks))
    return [done_in_order[i] for i in range(len(tasks))]


def _finished(tasks: Sequence[RunTask], executor: Executor) -> Iterator[tuple[int, Report]]:
    if executor.cluster:
        yield from _on_dask(tasks, executor.cluster)
    elif executor.processes == 1 or len(tasks) == 1:
        yield from ((i, run_report(task)) for i, task in enumerate(tasks))
    else:
        yield from _in_processes(tasks, min(executor.processes, len(tasks)))


def _in_processes(tasks: Sequence[RunTask], processes: int) -> Iterator[tuple[int, Report]]:
    # a fork server, not a fork of this process, which may hold threads (a progress bar); the server
    # imports the simulator once and each worker forks from it ready to run
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    with ProcessPoolExecutor(processes, mp_context=context) as pool:
        futures = {pool.submit(run_report, task): i for i, task in enumerate(tasks)}
        for future in as_completed(futures):
            yield futures[future], future.result()


def _on_dask(tasks: Sequence[RunTask], address: str) -> Iterator[tuple[int, Report]]:
    from distributed import Client
    from distributed import as_completed as dask_completed

    with Client(address, timeout="10s") as client:
        futures = client.map(run_report, tasks, pure=False)
        index = {future.key: i for i, future in enumerate(futures)}
        for future in dask_completed(futures):
            yield index[future.key], future.result()
