"""`nexus scenarios`: list the bundled scenarios; `nexus scenarios show NAME`: the resolved scenario's
parameters, each with its value and where it comes from (a seed, a public figure, or an assumption)."""

from typing import Annotated, Any

import typer
import yaml
from rich.console import Console
from rich.markup import escape

from nexus_contracts.scenario import parameters
from nexus_runtime.scenarios import ScenarioError, bundled_scenarios, load_scenario

from ..report.assumptions import plain

__all__ = ["scenarios_app"]

console = Console(soft_wrap=True, highlight=False)
err = Console(stderr=True, soft_wrap=True, highlight=False)

scenarios_app = typer.Typer(help="The bundled scenarios, and any scenario's parameters with their sources.",
                            invoke_without_command=True)


@scenarios_app.callback()
def _list(ctx: typer.Context) -> None:
    """List the bundled scenarios."""
    if ctx.invoked_subcommand is None:
        for name in bundled_scenarios():
            console.print(f"{name:24} {escape(load_scenario(name).description)}")


@scenarios_app.command()
def show(
    name: Annotated[str, typer.Argument(help="Bundled scenario name or path to a YAML file.")],
    set_: Annotated[list[str], typer.Option("--set", help="Override a scenario field: FIELD.PATH=VALUE.")] = [],
    assumptions: Annotated[bool, typer.Option("--assumptions", help="Only the parameters that are assumptions.")]
    = False,
) -> None:
    """Every parameter of the resolved scenario (extends and --set applied): value, then its source."""
    try:
        scenario = load_scenario(name, set_)
    except ScenarioError as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(2) from None
    shown = [p for p in parameters(scenario) if p.assumption or not assumptions]
    console.print(f"# {scenario.name}: {escape(scenario.description)}")
    console.print(f"# {len(shown)} parameters, {sum(p.assumption for p in shown)} of them assumptions")
    for parameter in shown:
        console.print(f"{parameter.path}: {escape(_flow(plain(parameter.value)))}")
        console.print(f"  source: {escape(parameter.source)}")


def _flow(value: Any) -> str:
    return yaml.safe_dump(value, default_flow_style=True, width=10_000, sort_keys=False).strip().removesuffix("...").strip()
