"""Rich renderings of a log diff and of a journey trace."""

from datetime import timedelta

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .compare import Divergence, LogDiff
from .dead_letters import DeadLetter
from .trace import Step

__all__ = ["duration", "render_diff", "render_trace"]

_KIND = {"missing": "only in {left}", "extra": "only in {right}", "differs": "differs"}


def duration(delta: timedelta | None) -> str:
    if delta is None:
        return ""
    seconds = int(delta.total_seconds())
    sign, seconds = ("-", -seconds) if seconds < 0 else ("+", seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{sign}{days}d {hours:02d}h"
    if hours:
        return f"{sign}{hours}h {minutes:02d}m"
    return f"{sign}{minutes}m {secs:02d}s" if minutes else f"{sign}{secs}s"


def render_diff(diff: LogDiff, console: Console, left: str = "A", right: str = "B", limit: int = 20) -> None:
    if diff.same:
        console.print(f"[green]no differences[/]: {diff.left_events:,} events in {left}, {diff.right_events:,} in {right}",
                      soft_wrap=True)
        return
    headline = f"{len(diff.divergences):,} custody record(s) differ" if diff.divergences else "the logs differ"
    console.print(f"[red]{headline}[/] "
                  f"({diff.left_events:,} events in {left}, {diff.right_events:,} in {right})", highlight=False, soft_wrap=True)
    for divergence in diff.divergences[:limit]:
        _render_divergence(divergence, console, left, right)
    if len(diff.divergences) > limit:
        console.print(f"... and {len(diff.divergences) - limit:,} more custody record(s)")
    for label, invalid in zip((left, right), diff.invalid):
        for entry, reason in invalid[:limit]:
            console.print(f"{label} holds a record that is not a valid event: {entry.topic} partition {entry.partition} "
                          f"offset {entry.offset}: {reason}", highlight=False, soft_wrap=True)
    if diff.dead_letters[0] != diff.dead_letters[1] or any(diff.dead_letters_differing):
        console.print(f"dead letters differ: {left} {dict(diff.dead_letters[0])}, {right} {dict(diff.dead_letters[1])}",
                      soft_wrap=True)
    for label, letters in zip((left, right), diff.dead_letters_differing):
        _render_dead_letters(letters, console, f"only in {label}", limit)


def _render_dead_letters(letters: list[DeadLetter], console: Console, where: str, limit: int) -> None:
    for letter in letters[:limit]:
        console.print(f"    {where}: {letter.entry.topic}: {letter.describe()}", highlight=False, soft_wrap=True)
    if len(letters) > limit:
        console.print(f"    ... and {len(letters) - limit:,} more dead letter(s) {where}", highlight=False)


def _render_divergence(d: Divergence, console: Console, left: str, right: str) -> None:
    kind = _KIND[d.kind].format(left=left, right=right)
    console.print(f"custody record [bold]{d.custody_record}[/]: first divergence at {d.event.occurred_at:%Y-%m-%d %H:%M:%S} "
                  f"{d.event.event_type} ({kind}; event {d.event.event_id}); {d.events_differing} event(s) differ",
                  highlight=False, soft_wrap=True)
    for change in d.fields:
        console.print(f"    {change.path}: {left} {change.left!r} -> {right} {change.right!r}", highlight=False,
                      soft_wrap=True)


WIDE_ENOUGH_FOR_A_TABLE = 120


def render_trace(steps: list[Step], console: Console, custody_record: str) -> None:
    times = [step.at for step in steps if step.at is not None]
    refused = sum(step.dead_letter for step in steps)
    total = duration(times[-1] - times[0]) if times else "?"
    title = (f"custody record {custody_record}: {len(steps) - refused} events over {total.lstrip('+')}"
             + (f", {refused} dead-lettered" if refused else ""))
    if console.width < WIDE_ENOUGH_FOR_A_TABLE:
        _trace_as_lines(steps, console, title)
        return
    table = Table(title=title)
    for column in ("time", "after cause", "since previous", "system", "event"):
        table.add_column(column, no_wrap=True)
    table.add_column("key facts", overflow="fold", min_width=24)
    for step in steps:
        table.add_row(_when(step), duration(step.after_cause), duration(step.since_previous),
                      step.producer, step.event_type, step.facts, style="red" if step.dead_letter else None)
    console.print(table)


def _trace_as_lines(steps: list[Step], console: Console, title: str) -> None:
    """A narrow terminal: one block per step, so what each system said is never squeezed out."""
    console.print(title, highlight=False)
    for step in steps:
        console.print(f"{_when(step)}  {duration(step.since_previous):>9}  {step.producer}: "
                      f"[bold]{escape(step.event_type)}[/]", highlight=False)
        if step.facts:
            console.print(f"    {escape(step.facts)}", style="red" if step.dead_letter else None, highlight=False,
                          soft_wrap=False)


def _when(step: Step) -> str:
    return f"{step.at:%m-%d %H:%M:%S}" if step.at is not None else "?"
