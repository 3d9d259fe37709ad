"""Run in memory: feed batches of input records through the four services on the in-memory bus.

A simulation feeds a day of arrests per batch; a replay feeds a log's runs of input records.
"""

import gc
import time
from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import Any

from nexus_contracts.scenario import Scenario
from nexus_runtime.processing import to_record
from nexus_runtime.records import Record

from nexus_contracts.watermarks import END_OF_TIME, WATERMARK_HEADER
from nexus_contracts.wire import RUN_HEADER

from .arrests import arrests_on, day_start, driver_markers
from .outcomes import Outcomes
from .result import RunResult
from .spec import RunSpec
from .wiring import wired_bus

__all__ = ["feed_in_memory", "report_in_memory", "run_in_memory"]

BatchDone = Callable[[int, int], None]  # (batches done, events so far)
Observer = Callable[[Record], None]


def run_in_memory(
    scenario: Scenario, seed: int, days: int, *, on_day: BatchDone | None = None,
    observers: tuple[Observer, ...] = (), share_events: bool = True, freeze_gc: bool = False,
) -> RunResult:
    """Run ``days`` of the scenario's arrests through the four services on the in-memory bus.

    ``freeze_gc`` (for the CLI and the benchmark) moves what each day leaves behind out of the
    garbage collector's scans, which are otherwise the bulk of a long run; it acts on the whole
    process (``gc.freeze``) and is undone when the run ends."""
    days_of_arrests = ([*(to_record(arrest) for arrest in arrests_on(scenario, seed, scenario.start_date + timedelta(d))),
                        *driver_markers(day_start(scenario.start_date + timedelta(d + 1)))] for d in range(days))
    return feed_in_memory(scenario, seed, days_of_arrests, on_batch=on_day, observers=observers,
                          share_events=share_events, freeze_gc=freeze_gc)


def feed_in_memory(
    scenario: Scenario, seed: int, batches: Iterable[list[Record]], *, on_batch: BatchDone | None = None,
    observers: tuple[Observer, ...] = (), share_events: bool = True, freeze_gc: bool = False,
) -> RunResult:
    """Publish each batch in order and deliver until the bus is empty before the next; then the
    driver's end-of-time marker, so every decision held for event-time order is taken."""
    bus = wired_bus(scenario, seed, share_events=share_events)
    outcomes = Outcomes()
    for observer in (outcomes.observe, *observers):
        bus.observe(observer)
    started, fed, runs = time.perf_counter(), 0, set()
    try:
        for done, batch in enumerate(batches, start=1):
            for record in batch:
                bus.publish(record)
            fed += sum(WATERMARK_HEADER not in record.headers for record in batch)
            runs.update(record.headers.get(RUN_HEADER, "") for record in batch)
            bus.drain()
            if freeze_gc:
                gc.freeze()  # what a day leaves behind is long-lived (dedupe ids, digests)
            if on_batch:
                on_batch(done, outcomes.events)
        for run in runs or {""}:  # a replayed log's records carry their run's header; markers are per run
            for marker in driver_markers(END_OF_TIME, run):
                bus.publish(marker)
        bus.drain()
    finally:
        if freeze_gc:
            gc.unfreeze()
    return RunResult(outcomes, time.perf_counter() - started, fed)


def report_in_memory(scenario: Scenario, spec: RunSpec, *, on_day: BatchDone | None = None) -> dict[str, Any]:
    """Run ``scenario`` (loaded from ``spec``) in memory for ``spec.days`` and return its report."""
    result = run_in_memory(scenario, spec.seed, spec.days, on_day=on_day, freeze_gc=True)
    return result.report(scenario, spec)
