"""`nexus feed`: a scenario's synthetic custody traffic, day after day, onto any Kafka."""

import asyncio
import datetime as dt
import signal
from typing import Annotated, Optional

import typer
from rich.console import Console

from nexus_contracts.wire import LOCAL_BOOTSTRAP

from ..run.feed import FeedProgress, feed as run_feed
from ..run.pacing import Schedule, parse_speed
from ..run.spec import RunSpec

__all__ = ["feed"]

err = Console(stderr=True, soft_wrap=True)


def feed(
    scenario_ref: Annotated[str, typer.Option("--scenario", help="Bundled scenario name or path.")] = "london-2013",
    bootstrap: Annotated[str, typer.Option(help="Kafka bootstrap servers.")] = LOCAL_BOOTSTRAP,
    speed: Annotated[str, typer.Option(help="N times real time (1 real time, 60 an hour a minute), or max.")] = "1",
    until: Annotated[Optional[dt.datetime], typer.Option(formats=["%Y-%m-%d"], help="Last simulated day to send.")]
    = None,
    forever: Annotated[bool, typer.Option(help="Keep going, day after day, until stopped (SIGTERM, Ctrl-C).")] = False,
    seed: Annotated[int, typer.Option(help="Seed of all random draws.")] = 1,
    set_: Annotated[list[str], typer.Option("--set", help="Override a scenario field: FIELD.PATH=VALUE.")] = [],
    name: Annotated[Optional[str], typer.Option(help="The feed's name, in the nexus.run header of what it sends; "
                                                    "a feed of the same name resumes (default: scenario and seed).")]
    = None,
) -> None:
    """Publish a scenario's arrests against any Kafka, paced, resuming where a feed of this name got to."""
    if (until is None) == (not forever):
        err.print("[red]error:[/] give --until DATE or --forever", highlight=False)
        raise typer.Exit(2)
    try:
        pace = parse_speed(speed)
    except ValueError as exc:
        err.print(f"[red]error:[/] --speed: {exc}", highlight=False)
        raise typer.Exit(2) from None
    spec = RunSpec(scenario_ref, tuple(set_), seed)
    scenario = spec.load_scenario()
    feed_name = name or f"feed-{scenario.name}-{seed}"
    progress = asyncio.run(_feed_until_stopped(scenario, seed, bootstrap, feed_name, until.date() if until else None,
                                               Schedule(pace) if pace else None))
    err.print(progress.summary(), highlight=False)


async def _feed_until_stopped(scenario, seed: int, bootstrap: str, name: str, until: dt.date | None,
                              schedule: Schedule | None) -> FeedProgress:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)

    def on_day(progress: FeedProgress) -> None:
        err.print(f"{name}: day {progress.last_day} closed, {progress.sent:,} arrests sent", highlight=False)

    return await run_feed(scenario, seed, bootstrap, name, until=until, schedule=schedule, stop=stop, on_day=on_day)
