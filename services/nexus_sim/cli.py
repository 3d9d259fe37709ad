"""The `nexus` command line."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from nexus_runtime.scenarios import ScenarioError, bundled_scenarios, load_scenario

from .progress import day_progress, journey_progress
from .compare import print_comparison
from .report_run import assemble_report, run_report, write_reports
from .report_view import print_report
from .simulation import run_in_memory
from .eventlog_cli import open_recording, register as register_eventlog_commands
from .kafka_local.cli import kafka_app
from .services_cli import services_app

app = typer.Typer(help="Nexus Flow: simulate the custody-to-Home-Office message flow (synthetic data).",
                  no_args_is_help=True, pretty_exceptions_enable=False)
console = Console()
err = Console(stderr=True, soft_wrap=True)  # an error stays one line, whatever the width


class Transport(StrEnum):
    MEMORY = "memory"
    KAFKA = "kafka"


@app.command()
def simulate(
    scenario: Annotated[str, typer.Option(help="Bundled scenario name or path to a YAML file.")] = "london-2013",
    seed: Annotated[int, typer.Option(help="Seed of all random draws.")] = 1,
    days: Annotated[Optional[int], typer.Option(min=1, help="Simulated days (default: the scenario's).")] = None,
    set_: Annotated[list[str], typer.Option("--set", help="Override a scenario field: FIELD.PATH=VALUE.")] = [],
    report_json: Annotated[Optional[Path], typer.Option(help="Write the report as JSON here.")] = None,
    report_html: Annotated[Optional[Path], typer.Option(help="Write a self-contained HTML report with charts.")] = None,
    compare: Annotated[Optional[str], typer.Option(help="Also run scenario B (in memory, same seed and days, "
                                                   "without --set) and show the differences.")] = None,
    transport: Annotated[Transport, typer.Option(help="memory (in-process) or kafka.")] = Transport.MEMORY,
    bootstrap: Annotated[str, typer.Option(help="Kafka bootstrap servers (with --transport kafka).")] = "127.0.0.1:9092",
    spawn: Annotated[bool, typer.Option(help="Start the four services as processes (kafka).")] = True,
    external: Annotated[list[str], typer.Option(help="A service you run yourself (kafka): the others are started "
                                                     "around it. Repeatable.")] = [],
    idle_timeout: Annotated[float, typer.Option(min=1, help="Kafka: give up after this many seconds without a "
                                                           "new event.")] = 120.0,
    record: Annotated[Optional[Path], typer.Option(help="Record every message of the run to this event log.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the digest line.")] = False,
) -> None:
    """Run a scenario to the end and print the performance-framework report."""
    _check_external(external, transport, spawn)
    loaded = _load(scenario, set_)
    loaded_b = _load(compare, []) if compare else None
    run_days = days or loaded.days
    recording = open_recording(record, scenario, set_, seed, run_days, transport.value)
    try:
        if transport is Transport.KAFKA:
            result = _on_kafka(loaded, scenario, tuple(set_), seed, run_days, bootstrap,
                               (spawn, tuple(external), idle_timeout), recording, quiet)
        else:
            with day_progress(run_days, disable=quiet) as on_day:
                result = run_in_memory(loaded, seed, run_days, on_day=on_day, observers=recording.observers,
                                       freeze_gc=True)
    finally:
        recording.close()
    report = assemble_report(loaded, seed, run_days, result, tuple(set_))
    reports = [report, run_report(loaded_b, seed, run_days, quiet=quiet)] if loaded_b else [report]
    write_reports(reports, report_json, report_html)
    if not quiet:
        _show(reports, result, console, f"{loaded.name}: {run_days} days, seed {seed}, {transport.value}")
    console.print(f"outcome digest: {result.digest}", highlight=False)


def _check_external(external: list[str], transport: "Transport", spawn: bool) -> None:
    from .services import SERVICES

    unknown = sorted(set(external) - set(SERVICES))
    problem = (f"--external {', '.join(unknown)}: no such service; choose from {', '.join(SERVICES)}" if unknown
               else "--external needs --transport kafka" if external and transport is not Transport.KAFKA
               else "--external names services not to start: it cannot go with --no-spawn"
               if external and not spawn else None)
    if problem:
        err.print(f"[red]error:[/] {problem}", highlight=False)
        raise typer.Exit(2)


def _on_kafka(scenario, reference, overrides, seed, days, bootstrap, spawning, recording, quiet):
    """The run on Kafka; what can go wrong there (no broker, a service dying, a stall) is one clear line."""
    from aiokafka.errors import KafkaError

    from .kafka_run import KafkaRunError, run_on_kafka
    from .service_processes import ServiceProcessError

    try:
        with journey_progress(disable=quiet) as on_progress:
            spawn, external, idle_timeout = spawning
            return run_on_kafka(scenario, reference, overrides, seed, days, bootstrap, spawn=spawn, external=external,
                                idle_timeout=idle_timeout, console=err, observers=recording.observers,
                                on_progress=on_progress)
    except (KafkaError, KafkaRunError, ServiceProcessError, OSError) as exc:
        err.print(f"[red]error:[/] Kafka run at {bootstrap} failed: {exc}", highlight=False)
        raise typer.Exit(1) from None


def _show(reports, result, out: Console, title: str) -> None:
    print_report(reports[0], out, title)
    if len(reports) == 2:
        print_comparison(*reports, out)
    rate = result.outcomes.events / result.seconds if result.seconds else 0.0
    out.print(f"[dim]{result.outcomes.events:,} events in {result.seconds:.1f} s ({rate:,.0f} events/s)[/]")


@app.command()
def scenarios() -> None:
    """List the bundled scenarios."""
    for name in bundled_scenarios():
        console.print(f"{name:24} {load_scenario(name).description}", soft_wrap=True)


def _load(scenario: str, overrides: list[str]):
    try:
        return load_scenario(scenario, overrides)
    except ScenarioError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2) from None


app.add_typer(kafka_app, name="kafka")
app.add_typer(services_app, name="services")
register_eventlog_commands(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
