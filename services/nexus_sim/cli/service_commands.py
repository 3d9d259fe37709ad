"""`nexus services run NAME`: one service as its own OS process, on Kafka."""

import asyncio
import os
import sys
from typing import Annotated

import typer

from nexus_contracts.wire import LOCAL_BOOTSTRAP
from nexus_runtime.settings import DEFAULT_GROUP_PREFIX, consumer_group

from ..kafka_local.credentials import connection
from ..run.consumer_groups import join_at_live_end
from ..run.service_processes import service_command, service_environment
from ..run.spec import RunSpec
from ..run.wiring import SERVICES

__all__ = ["services_app"]

services_app = typer.Typer(help="Run the services as processes against Kafka.", no_args_is_help=True)


def _join_live_end(bootstrap: str, group_prefix: str, name: str) -> None:
    from aiokafka.errors import KafkaError

    try:
        joined = asyncio.run(join_at_live_end(connection(bootstrap, name), group_prefix, [name]))
    except (KafkaError, OSError) as exc:
        typer.echo(f"error: no Kafka at {bootstrap}: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"new consumer group {joined[0]} starts at the live end" if joined else
               f"consumer group {consumer_group(group_prefix, name)} resumes from its committed offsets", err=True)


@services_app.command("run")
def run(
    name: Annotated[str, typer.Argument(help=f"One of: {', '.join(SERVICES)}")],
    scenario_ref: Annotated[str, typer.Option("--scenario", help="Scenario the service models.")] = "london-2013",
    seed: Annotated[int, typer.Option(help="Scenario seed.")] = 1,
    bootstrap: Annotated[str, typer.Option(help="Kafka bootstrap servers.")] = LOCAL_BOOTSTRAP,
    set_: Annotated[list[str], typer.Option("--set", help="Scenario override FIELD.PATH=VALUE.")] = [],
    group_prefix: Annotated[str, typer.Option(help="Consumer group is <prefix>.<service>.")]
    = DEFAULT_GROUP_PREFIX,
    live: Annotated[bool, typer.Option(help="A new consumer group starts at the live end (--no-live: "
                                            "from the beginning of the topics).")] = True,
) -> None:
    """Run one service in the foreground (SIGTERM or Ctrl-C stops it gracefully)."""
    if name not in SERVICES:
        typer.echo(f"error: unknown service {name!r}; choose one of {', '.join(SERVICES)}", err=True)
        raise typer.Exit(2)
    if live:
        _join_live_end(bootstrap, group_prefix, name)
    env = {**os.environ, **service_environment(name, RunSpec(scenario_ref, tuple(set_), seed), bootstrap,
                                                   group_prefix)}
    os.execvpe(sys.executable, service_command(name), env)
