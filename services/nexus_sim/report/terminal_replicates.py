"""Replicates in the terminal: each headline measure as a mean with its 95% interval and range; two
scenarios compared seed by seed: A, B and A - B with its interval, and whether it excludes zero."""

from typing import Any

from rich.console import Console
from rich.table import Table

from .headlines import is_share
from .terminal import cell, headline_rows, signed

__all__ = ["delta_interval", "interval_text", "print_paired", "print_replicates"]


def interval_text(low: float | None, high: float | None, share: bool) -> str:
    """``[low, high]``, or n/a with a single run."""
    return "n/a" if low is None or high is None else f"[{cell(low, share)}, {cell(high, share)}]"


def delta_interval(low: float | None, high: float | None, share: bool) -> str:
    """The interval of a difference, signed as the difference is (points for shares)."""
    return "n/a" if low is None or high is None else f"[{signed(low, share)}, {signed(high, share)}]"


def _seeds(seeds: list[int]) -> str:
    return f"seed {seeds[0]}" if len(seeds) == 1 else f"seeds {seeds[0]}-{seeds[-1]}"


def print_replicates(summary: dict[str, Any], console: Console) -> None:
    measures = summary["measures"]
    table = Table(title=f"{summary['label']}: {len(summary['seeds'])} runs ({_seeds(summary['seeds'])}), "
                        f"{summary['days']} days; mean, 95% interval of the mean, range", title_justify="left")
    for column in ("measure", "mean", "95% interval", "min - max", "runs"):
        table.add_column(column, justify="left" if column == "measure" else "right")
    for name, path in headline_rows(measures):
        m, share = measures[path], is_share(path)
        table.add_row(name, cell(m["mean"], share), interval_text(m["low"], m["high"], share),
                      f"{cell(m['min'], share)} - {cell(m['max'], share)}", str(m["n"]))
    console.print(table)


def print_paired(data: dict[str, Any], console: Console) -> None:
    a, b, diffs = data["a_label"], data["b_label"], data["differences"]
    table = Table(title=f"Comparison, seed by seed ({_seeds(data['a']['seeds'])}, {data['a']['days']} days): "
                        f"A = {a}, B = {b}", title_justify="left")
    for column in ("measure", f"A: {a}", f"B: {b}", f"A - B ({a} less {b})", "95% interval of A - B", "excludes 0"):
        table.add_column(column, justify="left" if column == "measure" else "right")
    for name, path in headline_rows(diffs):
        d, share = diffs[path], is_share(path)
        verdict = "n/a" if d["excludes_zero"] is None else "[bold]yes[/]" if d["excludes_zero"] else "no"
        table.add_row(name, cell(d["a"], share), cell(d["b"], share), signed(d["delta"], share),
                      delta_interval(d["low"], d["high"], share), verdict)
    console.print(table)
