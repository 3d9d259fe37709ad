"""`nexus sweep`: a scenario over a grid of field values, replicated, into one table and a page of
response curves."""

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from nexus_runtime.scenarios import ScenarioError

from ..report.files import write_json
from ..report.headlines import is_share
from ..report.html_sweep import render_sweep_html
from ..report.sweep_table import sweep_table, write_sweep_csv
from ..report.terminal import cell
from ..report.terminal_replicates import interval_text
from ..run.spec import RunSpec
from ..run.sweep import parse_vary, sweep_grid, sweep_tasks
from .many_runs import ClusterOption, WorkersOption, executor_for, reports_of

__all__ = ["sweep"]

console = Console()
err = Console(stderr=True, soft_wrap=True)
SHOWN = ("rec1_status_checks.share_checked", "non_attendance", "capacity.officer_cost_gbp")


def sweep(
    vary: Annotated[list[str], typer.Option(help="A field and its values: FIELD.PATH=v1,v2,... (commas inside "
                                                 "[...] or {...} stay). Repeat for a grid of every combination.")],
    scenario_ref: Annotated[str, typer.Option("--scenario", help="Bundled scenario name or path to a YAML file.")]
    = "london-2013",
    replicates: Annotated[int, typer.Option(min=1, help="Runs per point, on seeds seed..seed+N-1.")] = 5,
    seed: Annotated[int, typer.Option(help="First seed.")] = 1,
    days: Annotated[Optional[int], typer.Option(min=1, help="Simulated days (default: the scenario's).")] = None,
    set_: Annotated[list[str], typer.Option("--set", help="Override a field at every point: FIELD.PATH=VALUE.")] = [],
    table_csv: Annotated[Optional[Path], typer.Option(help="Write the table as CSV here.")] = None,
    table_json: Annotated[Optional[Path], typer.Option(help="Write the table (and each run's digest) as JSON here.")]
    = None,
    report_html: Annotated[Optional[Path], typer.Option(help="Write the response curves as a self-contained HTML "
                                                             "page here.")] = None,
    workers: WorkersOption = None,
    cluster: ClusterOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print no table.")] = False,
) -> None:
    """Run a scenario over a grid of field values, N seeds at each point, and write one table."""
    executor = executor_for(workers, cluster, err)
    try:
        points = sweep_grid([parse_vary(text) for text in vary])
        spec = RunSpec(scenario_ref, tuple(set_), seed, days)
        spec = RunSpec(scenario_ref, tuple(set_), seed, days or spec.load_scenario().days)
        tasks = sweep_tasks(spec, points, replicates)
    except (ValueError, ScenarioError) as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2) from None
    reports = reports_of(tasks, executor, err, quiet)
    table = sweep_table(points, [reports[i * replicates:(i + 1) * replicates] for i in range(len(points))])
    if table_csv:
        write_sweep_csv(table, table_csv)
    if table_json:
        write_json(table, table_json)
    if report_html:
        report_html.write_text(render_sweep_html(table))
    if not quiet:
        _show(table)
    console.print(f"{len(points)} points x {replicates} runs = {len(reports)} runs", highlight=False)


def _show(table: dict) -> None:
    fields = list(table["vary"])
    names = {row["path"]: row["measure"] for row in table["rows"]}
    paths = [path for path in SHOWN if path in names]
    shown = Table(title=f"Sweep of {table['scenario']}: mean [95% interval] of {len(table['seeds'])} runs a point",
                  title_justify="left")
    for column in (*fields, *(names[path] for path in paths)):
        shown.add_column(column, justify="right")
    by_point: dict[tuple[str, ...], dict[str, str]] = {}
    for row in table["rows"]:
        share = is_share(row["path"])
        by_point.setdefault(tuple(row[f] for f in fields), {})[row["path"]] = (
            f"{cell(row['mean'], share)} {interval_text(row['low'], row['high'], share)}")
    for point, cells in by_point.items():
        shown.add_row(*point, *(cells[path] for path in paths))
    console.print(shown)
