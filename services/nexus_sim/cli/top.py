"""`nexus top`: a live view of the services, read from their metrics endpoints (and, with
``--bootstrap``, the topics' end offsets), refreshed every second."""

import asyncio
import time
from contextlib import AsyncExitStack
from typing import Annotated

import typer
from aiokafka import TopicPartition
from rich.console import Console
from rich.live import Live

from nexus_contracts.catalogue import TOPICS

from ..kafka_local.acls import RECORDER
from ..kafka_local.credentials import connection
from ..run.consumer_groups import consumer
from .top_metrics import Reading, fetch_metrics, pool_lines, service_line
from .top_view import TopicLine, render

__all__ = ["top"]


def _read(url: str) -> Reading:
    try:
        return Reading(url, time.monotonic(), fetch_metrics(url))
    except OSError as exc:  # refused, timed out, DNS: the line says so, the view goes on
        return Reading(url, time.monotonic(), None, str(getattr(exc, "reason", exc)))


def _topic_lines(ends: dict[TopicPartition, int], before: dict[str, tuple[float, int]], at: float) -> list[TopicLine]:
    lines = []
    for spec in TOPICS:
        records = sum(end for tp, end in ends.items() if tp.topic == spec.name)
        then = before.get(spec.name)
        lines.append(TopicLine(spec.name, records, (records - then[1]) / (at - then[0]) if then and at > then[0] else None))
        before[spec.name] = (at, records)
    return lines


async def _watch(urls: list[str], bootstrap: str | None, interval: float, live: Live) -> None:
    readings: dict[str, Reading] = {}
    offsets: dict[str, tuple[float, int]] = {}
    async with AsyncExitStack() as stack:
        kafka = await stack.enter_async_context(consumer(connection(bootstrap, RECORDER))) if bootstrap else None
        partitions = [TopicPartition(spec.name, p) for spec in TOPICS for p in range(spec.partitions)]
        if kafka:
            kafka.assign(partitions)  # metadata for every topic at once, not a topic per 100 ms
        while True:
            now = await asyncio.gather(*(asyncio.to_thread(_read, url) for url in urls))
            services = [service_line(readings.get(r.url), r) for r in now]
            pools = [pool for r in now for pool in pool_lines(r)]
            topics = _topic_lines(await kafka.end_offsets(partitions), offsets, time.monotonic()) if kafka else []
            readings = {r.url: r for r in now}
            live.update(render(services, pools, topics))
            await asyncio.sleep(interval)


def top(
    metrics: Annotated[list[str], typer.Option("--metrics", help="A service's metrics URL, e.g. "
                                                                 "http://127.0.0.1:9101/metrics (repeat per service).")] = [],
    bootstrap: Annotated[str | None, typer.Option(help="Kafka bootstrap servers: also show each topic's records/s.")]
    = None,
    interval: Annotated[float, typer.Option(help="Seconds between refreshes.")] = 1.0,
) -> None:
    """Live view: per service throughput, lag and dead letters, per pool queue and utilisation (Ctrl-C quits)."""
    if not metrics and not bootstrap:
        typer.echo("error: give at least one --metrics URL (or --bootstrap)", err=True)
        raise typer.Exit(2)
    with Live(render([], []), console=Console(), refresh_per_second=4, screen=False) as live:
        try:
            asyncio.run(_watch(metrics, bootstrap, interval, live))
        except KeyboardInterrupt:
            pass
