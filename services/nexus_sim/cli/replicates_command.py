"""`nexus simulate --replicates N`: the scenario on seeds seed..seed+N-1 (and, with `--compare`, B on
the same seeds), every measure as a mean with its 95% interval, A - B paired seed by seed."""

from dataclasses import replace
from pathlib import Path

from rich.console import Console

from nexus_contracts.scenario import Scenario

from ..report.files import write_replicate_reports
from ..report.replicates import paired_comparison, replicate_summary
from ..report.terminal_replicates import print_paired, print_replicates
from ..run.replicates import Executor, RunTask, replicate_specs
from ..run.spec import RunSpec
from .many_runs import reports_of

__all__ = ["Side", "compare_side", "simulate_replicates"]

Side = tuple[Scenario, RunSpec]  # a scenario as loaded, and the spec it was loaded from


def simulate_replicates(a: Side, b: Side | None, replicates: int, executor: Executor, outputs: tuple[Path | None, Path | None],
                        out: Console, err: Console, quiet: bool) -> None:
    sides = [a, b] if b else [a]
    tasks = [RunTask(scenario, seeded) for scenario, spec in sides for seeded in replicate_specs(spec, replicates)]
    reports = reports_of(tasks, executor, err, quiet)
    runs = [reports[i * replicates:(i + 1) * replicates] for i in range(len(sides))]
    data = paired_comparison(*runs) if b else replicate_summary(runs[0])
    write_replicate_reports(data, runs, *outputs)
    if not quiet:
        if b:
            print_replicates(data["a"], out)
            print_replicates(data["b"], out)
            print_paired(data, out)
        else:
            print_replicates(data, out)
    for report in runs[0]:
        out.print(f"outcome digest (seed {report['seed']}): {report['digest']}", highlight=False, soft_wrap=True)


def compare_side(spec: RunSpec, ref: str) -> RunSpec:
    """B of a comparison: scenario ``ref``, same seed and days, no overrides."""
    return replace(spec, scenario_ref=ref, overrides=())
