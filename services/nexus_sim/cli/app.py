"""The `nexus` command: simulate, sweep and scenarios, the event-log commands, and the `kafka` and
`services` sub-commands."""

from importlib.metadata import PackageNotFoundError, version

import typer

from ..kafka_local.cli import kafka_app
from .feed_command import feed
from .log_commands import register as register_log_commands
from .service_commands import services_app
from .scenario_commands import scenarios_app
from .simulate import simulate
from .sweep_command import sweep
from .top import top
from .verify_command import verify

__all__ = ["app", "main", "versions"]

app = typer.Typer(help="Nexus Flow: simulate the custody-to-Home-Office message flow (synthetic data).",
                  no_args_is_help=True, pretty_exceptions_enable=False)


def versions() -> str:
    """``nexus-services X, nexus-contracts Y``, from the installed packages' metadata."""
    return ", ".join(f"{name} {_installed(name)}" for name in ("nexus-services", "nexus-contracts"))


def _installed(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "(not installed)"


def _print_version(wanted: bool) -> None:
    if wanted:
        typer.echo(versions())
        raise typer.Exit()


@app.callback()
def _options(
    version_: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                  help="Print the nexus-services and nexus-contracts versions and exit."),
) -> None:
    """Nexus Flow: simulate the custody-to-Home-Office message flow (synthetic data)."""


app.command()(simulate)
app.command()(sweep)
app.command()(feed)
app.command()(top)
app.command()(verify)
app.add_typer(scenarios_app, name="scenarios")
app.add_typer(kafka_app, name="kafka")
app.add_typer(services_app, name="services")
register_log_commands(app)


def main() -> None:
    app()
