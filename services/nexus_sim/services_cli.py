"""`nexus services run NAME`: one service as its own OS process, on Kafka."""

import os
import sys
from typing import Annotated

import typer

from .services import SERVICES

__all__ = ["service_command", "service_environment", "services_app"]

services_app = typer.Typer(help="Run the services as processes against Kafka.", no_args_is_help=True)


def service_environment(service: str, scenario: str, overrides: tuple[str, ...], seed: int, bootstrap: str,
                        group_prefix: str = "nexus", offset_reset: str = "latest") -> dict[str, str]:
    prefix = f"NEXUS_{service.upper()}_"
    return {
        f"{prefix}SCENARIO": scenario,
        f"{prefix}SCENARIO_OVERRIDES": __import__("json").dumps(list(overrides)),
        f"{prefix}SEED": str(seed),
        f"{prefix}KAFKA__BOOTSTRAP_SERVERS": bootstrap,
        f"{prefix}KAFKA__GROUP_PREFIX": group_prefix,
        f"{prefix}KAFKA__OFFSET_RESET": offset_reset,
    }


def service_command(service: str) -> list[str]:
    return [sys.executable, "-m", "faststream", "run", f"{service}.app:create_app", "--factory"]


@services_app.command("run")
def run(
    name: Annotated[str, typer.Argument(help=f"One of: {', '.join(SERVICES)}")],
    scenario: Annotated[str, typer.Option(help="Scenario the service models.")] = "london-2013",
    seed: Annotated[int, typer.Option(help="Scenario seed.")] = 1,
    bootstrap: Annotated[str, typer.Option(help="Kafka bootstrap servers.")] = "127.0.0.1:9092",
    set_: Annotated[list[str], typer.Option("--set", help="Scenario override FIELD.PATH=VALUE.")] = [],
) -> None:
    """Run one service in the foreground (SIGTERM or Ctrl-C stops it gracefully)."""
    if name not in SERVICES:
        typer.echo(f"error: unknown service {name!r}; choose one of {', '.join(SERVICES)}", err=True)
        raise typer.Exit(2)
    env = {**os.environ, **service_environment(name, scenario, tuple(set_), seed, bootstrap)}
    os.execvpe(sys.executable, service_command(name), env)
