"""`nexus simulate`: run a scenario to the end, show and write its report."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NamedTuple, Optional

import structlog
import typer
from rich.console import Console
from rich.markup import escape

from nexus_contracts.scenario import Scenario
from nexus_contracts.wire import LOCAL_BOOTSTRAP
from nexus_runtime.log_setup import configure_logging
from nexus_runtime.scenarios import ScenarioError
from nexus_runtime.settings import DEFAULT_GROUP_PREFIX

from ..report.files import write_reports
from ..report.terminal import print_comparison, print_report
from ..run.external import WAIT_SECONDS, NotConsumingError, external_group, wait_until_consuming
from ..run.in_memory import report_in_memory, run_in_memory
from ..run.pacing import parse_speed
from ..run.result import RunResult
from ..run.spec import RunSpec
from ..run.wiring import SERVICES
from .many_runs import ClusterOption, WorkersOption, executor_for
from .progress_bars import day_progress, journey_progress
from .recording import Recording, open_recording
from .replicates_command import compare_side, simulate_replicates

__all__ = ["simulate"]

console = Console()
err = Console(stderr=True, soft_wrap=True)  # an error stays one line, whatever the width


class Transport(StrEnum):
    MEMORY = "memory"
    KAFKA = "kafka"


def simulate(
    scenario_ref: Annotated[str, typer.Option("--scenario", help="Bundled scenario name or path to a YAML file.")]
    = "london-2013",
    seed: Annotated[int, typer.Option(help="Seed of all random draws.")] = 1,
    days: Annotated[Optional[int], typer.Option(min=1, help="Simulated days (default: the scenario's).")] = None,
    set_: Annotated[list[str], typer.Option("--set", help="Override a scenario field: FIELD.PATH=VALUE.")] = [],
    report_json: Annotated[Optional[Path], typer.Option(help="Write the report as JSON here.")] = None,
    report_html: Annotated[Optional[Path], typer.Option(help="Write a self-contained HTML report with charts.")] = None,
    compare: Annotated[Optional[str], typer.Option(help="Also run scenario B (in memory, same seed and days, "
                                                   "without --set) and show the differences.")] = None,
    transport: Annotated[Transport, typer.Option(help="memory (in-process) or kafka.")] = Transport.MEMORY,
    bootstrap: Annotated[str, typer.Option(help="Kafka bootstrap servers (with --transport kafka).")]
    = LOCAL_BOOTSTRAP,
    spawn: Annotated[bool, typer.Option(help="Start the four services as processes (kafka).")] = True,
    external: Annotated[list[str], typer.Option(help="A service you run yourself (kafka): the others are started "
                                                     "around it. Repeatable.")] = [],
    external_group_prefix: Annotated[str, typer.Option(help="--external: your service consumes in consumer group "
                                                            "PREFIX.SERVICE; the run waits for it to hold its topics.")]
    = DEFAULT_GROUP_PREFIX,
    external_wait: Annotated[float, typer.Option(min=0, help="--external: seconds to wait for your service to be "
                                                            "consuming before publishing.")] = WAIT_SECONDS,
    idle_timeout: Annotated[float, typer.Option(min=1, help="Kafka: give up after this many seconds without a "
                                                           "new event.")] = 120.0,
    speed: Annotated[str, typer.Option(help="Kafka: publish each arrest when its event time comes due, N times "
                                            "faster than real time (1 real time, 60 an hour a minute), or max.")]
    = "max",
    instances: Annotated[int, typer.Option(min=1, max=6, help="Kafka: processes of each service started, sharing "
                                                                "its partitions in one consumer group.")] = 1,
    record: Annotated[Optional[Path], typer.Option(help="Record every message of the run to this event log.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the digest line.")] = False,
    replicates: Annotated[Optional[int], typer.Option(
        min=1, help="Run seeds seed..seed+N-1 (in memory) and report every measure as a mean with its 95% "
                    "interval; with --compare, B runs on the same seeds and A - B is paired seed by seed.")] = None,
    workers: WorkersOption = None,
    cluster: ClusterOption = None,
) -> None:
    """Run a scenario to the end and print the performance-framework report."""
    _check_external(external, transport, spawn)
    pace = _speed(speed, transport)
    spec = RunSpec(scenario_ref, tuple(set_), seed, days)
    scenario = _load(spec)
    spec = replace(spec, days=days or scenario.days)
    spec_b = compare_side(spec, compare) if compare else None
    scenario_b = _load(spec_b) if spec_b else None
    if replicates is not None or workers or cluster:
        _check_replicates(replicates, transport, record)
        simulate_replicates((scenario, spec), (scenario_b, spec_b) if spec_b else None, replicates,
                            executor_for(workers, cluster, err), (report_json, report_html), console, err, quiet)
        return
    result = _run(scenario, spec, transport, _OnKafka(bootstrap, spawn, tuple(external), idle_timeout, pace,
                                                      external_group_prefix, external_wait, instances), record, quiet)
    _fail_on_dead_letters(result)
    reports = [result.report(scenario, spec)]
    if spec_b:
        with day_progress(spec.days, disable=quiet) as on_day:
            reports.append(report_in_memory(scenario_b, spec_b, on_day=on_day))
    write_reports(reports, report_json, report_html)
    if not quiet:
        _show(reports, result, console, f"{scenario.name}: {spec.days} days, seed {seed}, {transport.value}")
    console.print(f"outcome digest: {result.digest}", highlight=False)


class _OnKafka(NamedTuple):
    bootstrap: str
    spawn: bool
    external: tuple[str, ...]
    idle_timeout: float
    speed: float | None = None
    external_group_prefix: str = DEFAULT_GROUP_PREFIX
    external_wait: float = WAIT_SECONDS
    instances: int = 1


def _speed(text: str, transport: Transport) -> float | None:
    try:
        pace = parse_speed(text)
    except ValueError as exc:
        err.print(f"[red]error:[/] --speed: {exc}", highlight=False)
        raise typer.Exit(2) from None
    if pace is not None and transport is not Transport.KAFKA:
        err.print("[red]error:[/] --speed paces a Kafka run; in memory there is nothing to wait for", highlight=False)
        raise typer.Exit(2)
    return pace


def _check_replicates(replicates: int | None, transport: Transport, record: Path | None) -> None:
    problem = ("--workers and --cluster run replicates: give --replicates N" if replicates is None
               else "--replicates runs in memory: it cannot go with --transport kafka"
               if transport is not Transport.MEMORY else "--record records one run: it cannot go with --replicates"
               if record else None)
    if problem:
        err.print(f"[red]error:[/] {problem}", highlight=False)
        raise typer.Exit(2)


def _check_external(external: list[str], transport: Transport, spawn: bool) -> None:
    unknown = sorted(set(external) - set(SERVICES))
    problem = (f"--external {', '.join(unknown)}: no such service; choose from {', '.join(SERVICES)}" if unknown
               else "--external needs --transport kafka" if external and transport is not Transport.KAFKA
               else "--external names services not to start: it cannot go with --no-spawn"
               if external and not spawn else None)
    if problem:
        err.print(f"[red]error:[/] {problem}", highlight=False)
        raise typer.Exit(2)


def _run(scenario: Scenario, spec: RunSpec, transport: Transport, kafka: _OnKafka, record: Path | None,
         quiet: bool) -> RunResult:
    recording = open_recording(record, spec, transport.value)
    try:
        if transport is Transport.KAFKA:
            return _on_kafka(scenario, spec, kafka, recording, quiet)
        with _services_quiet(), day_progress(spec.days, disable=quiet) as on_day:
            return run_in_memory(scenario, spec.seed, spec.days, on_day=on_day, observers=recording.observers,
                                 freeze_gc=True)
    finally:
        recording.close()


def _on_kafka(scenario: Scenario, spec: RunSpec, kafka: _OnKafka, recording: Recording, quiet: bool) -> RunResult:
    """The run on Kafka; what can go wrong there (no broker, a service dying, a stall) is one clear line."""
    from aiokafka.errors import KafkaError
    from confluent_kafka import KafkaException

    from ..run.on_kafka import KafkaRunError, run_on_kafka
    from ..run.service_processes import ServiceProcessError

    try:
        _wait_for_external(kafka, quiet)
        with journey_progress(disable=quiet) as on_progress:
            return run_on_kafka(scenario, spec, kafka.bootstrap, spawn=kafka.spawn, external=kafka.external,
                                idle_timeout=kafka.idle_timeout, console=err, observers=recording.observers,
                                on_progress=on_progress, speed=kafka.speed, instances=kafka.instances)
    except (KafkaError, KafkaRunError, ServiceProcessError, NotConsumingError, KafkaException, OSError) as exc:
        err.print(f"[red]error:[/] Kafka run at {kafka.bootstrap} failed: {escape(str(exc))}", highlight=False)
        raise typer.Exit(1) from None


def _wait_for_external(kafka: _OnKafka, quiet: bool) -> None:
    """Each outside service must be consuming before the run publishes anything to it."""
    for service in kafka.external:
        group = external_group(service, kafka.external_group_prefix)
        if not quiet:
            err.print(f"waiting for your {service} to consume (consumer group {group!r})", highlight=False)
        wait_until_consuming(service, kafka.bootstrap, group, kafka.external_wait,
                             rename=f"--external-group-prefix P if yours consumes as 'P.{service}'")


@contextmanager
def _services_quiet() -> Iterator[None]:
    """In memory the services run in this process: their per-message logs stay quiet (a failed run says its
    first error once, below) and the logging is as it was afterwards."""
    before = structlog.get_config()
    configure_logging("CRITICAL")
    try:
        yield
    finally:
        structlog.configure(**before)


def _fail_on_dead_letters(result: RunResult) -> None:
    """A message no service could handle means a journey did not conclude as modelled: the run fails
    (exit 1, the first error once), never a digest of an incomplete run."""
    if result.dead_letters:
        err.print(f"[red]error:[/] the run failed: {result.dead_letters:,} message(s) could not be handled; the first: "
                  f"{escape(result.outcomes.first_dead_letter or '')}", highlight=False)
        raise typer.Exit(1)


def _show(reports, result: RunResult, out: Console, title: str) -> None:
    print_report(reports[0], out, title)
    if len(reports) == 2:
        print_comparison(*reports, out)
    rate = result.outcomes.events / result.seconds if result.seconds else 0.0
    out.print(f"[dim]{result.outcomes.events:,} events in {result.seconds:.1f} s ({rate:,.0f} events/s)[/]")


def _load(spec: RunSpec) -> Scenario:
    try:
        return spec.load_scenario()
    except ScenarioError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2) from None
