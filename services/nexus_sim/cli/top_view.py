"""The screen of `nexus top`: one table of services, one of capacity pools, one of topics."""

from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Group
from rich.table import Table

from .top_metrics import PoolLine, ServiceLine

__all__ = ["TopicLine", "render"]


@dataclass(frozen=True)
class TopicLine:
    topic: str
    records: int
    per_s: float | None


def _rate(value: float | None) -> str:
    return "-" if value is None else f"{value:,.1f}"


def _services(lines: Sequence[ServiceLine]) -> Table:
    table = Table(title="services", title_justify="left", expand=True)
    for header in ("service", "in msg/s", "out msg/s", "lag", "dead letters", "endpoint"):
        table.add_column(header, justify="left" if header in ("service", "endpoint") else "right")
    for line in lines:
        if line.error:
            table.add_row(line.service, "-", "-", "-", "-", f"[red]{line.url}: {line.error}[/red]")
            continue
        dead = f"[red]{line.dead_letters:,.0f}[/red]" if line.dead_letters else "0"
        table.add_row(line.service, _rate(line.in_per_s), _rate(line.out_per_s), f"{line.lag:,.0f}", dead, line.url)
    return table


def _pools(lines: Sequence[PoolLine]) -> Table:
    table = Table(title="capacity pools", title_justify="left", expand=True)
    for header in ("pool", "queued", "busy", "on duty", "utilisation"):
        table.add_column(header, justify="left" if header == "pool" else "right")
    for line in lines:
        table.add_row(line.pool, f"{line.queued:,.0f}", f"{line.busy:,.0f}", f"{line.staff:,.0f}",
                      f"{line.utilisation:.0%}")
    return table


def _topics(lines: Sequence[TopicLine]) -> Table:
    table = Table(title="topics", title_justify="left", expand=True)
    for header in ("topic", "records", "records/s"):
        table.add_column(header, justify="left" if header == "topic" else "right")
    for line in lines:
        table.add_row(line.topic, f"{line.records:,}", _rate(line.per_s))
    return table


def render(services: Sequence[ServiceLine], pools: Sequence[PoolLine], topics: Sequence[TopicLine] = ()) -> Group:
    parts = [_services(services)]
    if pools:
        parts.append(_pools(pools))
    if topics:
        parts.append(_topics(topics))
    return Group(*parts)
