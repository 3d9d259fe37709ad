"""Progress bars: simulated days with events per second; journeys on Kafka; runs of replicates and sweeps."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

__all__ = ["day_progress", "journey_progress", "run_progress"]


@contextmanager
def day_progress(days: int, *, disable: bool = False) -> Iterator[Callable[[int, int], None]]:
    columns = (TextColumn("simulated days"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
               TimeElapsedColumn())
    with Progress(*columns, transient=True, disable=disable) as progress:
        task = progress.add_task("days", total=days, rate="")

        def on_day(done: int, events: int) -> None:
            elapsed = progress.tasks[0].elapsed or 0.0
            rate = f"{events / elapsed:,.0f} events/s" if elapsed else ""
            progress.update(task, completed=done, rate=rate)

        yield on_day


@contextmanager
def journey_progress(*, disable: bool = False) -> Iterator[Callable[..., None]]:
    """On Kafka: journeys recorded so far (of the arrests published), with events per second."""
    columns = (TextColumn("journeys recorded"), BarColumn(), TextColumn("{task.completed:,.0f}"),
               TextColumn("{task.fields[rate]}"), TimeElapsedColumn())
    with Progress(*columns, transient=True, disable=disable) as progress:
        task = progress.add_task("journeys", total=None, rate="")

        def on_progress(outcomes, services=None) -> None:
            elapsed = progress.tasks[0].elapsed or 0.0
            rate = f"{outcomes.events / elapsed:,.0f} events/s" if elapsed else ""
            progress.update(task, completed=outcomes.counts["JourneyRecorded"],
                            total=outcomes.counts["ArrestMade"] or None, rate=rate)

        yield on_progress


@contextmanager
def run_progress(total: int, *, disable: bool = False) -> Iterator[Callable[[int, int], None]]:
    """Replicates and sweeps: runs finished of all, across the processes or the cluster."""
    columns = (TextColumn("runs"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, transient=True, disable=disable) as progress:
        task = progress.add_task("runs", total=total)

        def on_run(done: int, _total: int) -> None:
            progress.update(task, completed=done)

        yield on_run
