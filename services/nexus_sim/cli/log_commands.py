"""`nexus record | replay | diff | trace`: event logs on the command line (see nexus_sim.eventlog)."""

from dataclasses import replace
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from nexus_contracts.wire import LOCAL_BOOTSTRAP

from ..eventlog import LogFormatError, LogHeader, LogWriter, ReplayError, compare, read_log, replay_in_memory
from ..eventlog.journeys import Journeys
from ..eventlog.lineage import produced_from
from ..eventlog.render import render_diff, render_trace
from ..eventlog.replay import DEFAULT_INPUTS, Pacer
from ..eventlog.trace import TraceError, trace
from ..run.spec import RunSpec

__all__ = ["register"]

console = Console()
err = Console(stderr=True)


def record(
    out: Annotated[Path, typer.Option(help="Log file to write.")],
    bootstrap: Annotated[str, typer.Option(help="Kafka bootstrap servers.")] = LOCAL_BOOTSTRAP,
    topics: Annotated[Optional[str], typer.Option(help="Comma-separated topics (default: all, with DLQs).")] = None,
    idle: Annotated[float, typer.Option(help="Stop after this many seconds without a message.")] = 5.0,
    scenario_ref: Annotated[Optional[str], typer.Option("--scenario", help="Scenario the run used (for replay).")]
    = None,
    seed: Annotated[Optional[int], typer.Option(help="Seed the run used (for replay).")] = None,
    days: Annotated[Optional[int], typer.Option(help="Days the run simulated.")] = None,
    set_: Annotated[list[str], typer.Option("--set", help="Scenario overrides the run used.")] = [],
) -> None:
    """Record a live Kafka's topics, from the beginning, until they go idle."""
    from ..eventlog.kafka_source import all_topics, record_from_kafka

    run = _recorded_run(scenario_ref, seed, days, set_)
    names = _split(topics) or all_topics()
    header = LogHeader(run, "kafka", "nexus record")
    with LogWriter(out, header) as writer, console.status("recording") as status:
        count = record_from_kafka(bootstrap, names, writer, idle, lambda n: status.update(f"recorded {n:,}"))
    console.print(f"recorded {count:,} records from {len(names)} topics to {out}")


def replay(
    log: Annotated[Path, typer.Argument(help="Event log to replay.")],
    transport: Annotated[str, typer.Option(help="memory, or kafka (the services as processes on a broker).")] = "memory",
    bootstrap: Annotated[str, typer.Option(help="Kafka bootstrap servers (with --transport kafka).")]
    = LOCAL_BOOTSTRAP,
    spawn: Annotated[bool, typer.Option(help="Start the four services as processes (kafka).")] = True,
    inputs: Annotated[Optional[str], typer.Option(help="Comma-separated input topics (default: the arrests).")] = None,
    speed: Annotated[str, typer.Option(help="max, or N times the recorded pace.")] = "max",
    check: Annotated[bool, typer.Option(help="Compare what the services produce with the log; exit 1 if they differ.")] = False,
    out: Annotated[Optional[Path], typer.Option(help="Write what the replay produced as a log here.")] = None,
) -> None:
    """Feed a log's input events to the services and record what they produce."""
    if transport not in ("memory", "kafka"):
        _fail(f"--transport {transport}: choose memory or kafka")
    loaded = _read(log)
    topics = tuple(_split(inputs)) or DEFAULT_INPUTS
    try:
        if transport == "kafka":
            from ..eventlog.kafka_replay import replay_on_kafka

            result = replay_on_kafka(loaded, topics, bootstrap=bootstrap, spawn=spawn)
        else:
            result = replay_in_memory(loaded, topics, pacer=_pacer(speed))
    except ReplayError as exc:
        _fail(str(exc))
    if out:
        with LogWriter(out, replace(loaded.header, created_by="nexus replay")) as writer:
            for entry in result.entries:
                writer.write_entry(entry)
    console.print(f"replayed {result.inputs_fed:,} input records from {log}: {result.outcomes.events:,} events",
                  soft_wrap=True)
    console.print(f"outcome digest: {result.digest}", highlight=False)
    if check:
        diff = compare(_outputs(loaded.entries, topics), _outputs(result.entries, topics))
        render_diff(diff, console, "log", "replay")
        raise typer.Exit(0 if diff.same else 1)


def diff(
    left: Annotated[Path, typer.Argument(help="First log.")],
    right: Annotated[Path, typer.Argument(help="Second log.")],
) -> None:
    """Compare two logs event by event, per custody record; exit 1 if they differ."""
    result = compare(_read(left).entries, _read(right).entries)
    render_diff(result, console, left.name, right.name)
    raise typer.Exit(0 if result.same else 1)


def trace_command(
    custody_record: Annotated[str, typer.Argument(help="Custody record id (or the arrest ref).")],
    log: Annotated[Path, typer.Option(help="Event log to read.")],
) -> None:
    """Show one person's journey across the four services, step by step."""
    journeys = Journeys.of(_read(log).entries)
    try:
        steps = trace(journeys, custody_record)
    except TraceError as exc:
        _fail(str(exc))
    render_trace(steps, console, journeys.resolve(custody_record))


def register(app: typer.Typer) -> None:
    app.command()(record)
    app.command()(replay)
    app.command()(diff)
    app.command("trace")(trace_command)


def _recorded_run(scenario_ref: str | None, seed: int | None, days: int | None, overrides: list[str]) -> RunSpec | None:
    """The run a recording names for its replay: none, or a scenario with its seed."""
    if scenario_ref is None and seed is None and days is None and not overrides:
        return None
    if scenario_ref is None or seed is None:
        _fail("--scenario and --seed name the run together (--days and --set describe it further)")
    return RunSpec(scenario_ref, tuple(overrides), seed, days)


def _outputs(entries, inputs):
    return produced_from(entries, inputs)


def _pacer(speed: str) -> Pacer | None:
    if speed == "max":
        return None
    try:
        return Pacer(float(speed))
    except (ValueError, ReplayError):
        raise typer.BadParameter(f"{speed!r}: expected max or a positive number", param_hint="--speed") from None


def _read(path: Path):
    try:
        return read_log(path)
    except (OSError, LogFormatError) as exc:
        _fail(str(exc))


def _split(names: str | None) -> list[str]:
    return [name.strip() for name in (names or "").split(",") if name.strip()]


def _fail(message: str) -> None:
    err.print(f"[red]error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(2)
