"""The `nexus` command: simulate and scenarios, the event-log commands, and the `kafka` and
`services` sub-commands."""

import typer

from ..kafka_local.cli import kafka_app
from .log_commands import register as register_log_commands
from .service_commands import services_app
from .simulate import scenarios, simulate

__all__ = ["app", "main"]

app = typer.Typer(help="Nexus Flow: simulate the custody-to-Home-Office message flow (synthetic data).",
                  no_args_is_help=True, pretty_exceptions_enable=False)
app.command()(simulate)
app.command()(scenarios)
app.add_typer(kafka_app, name="kafka")
app.add_typer(services_app, name="services")
register_log_commands(app)


def main() -> None:
    app()
