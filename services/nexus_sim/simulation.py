"""Run a scenario in memory: drive arrests day by day through the four services."""

import gc
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from nexus_contracts.scenario import Scenario
from nexus_runtime.processing import to_record
from nexus_runtime.records import Record

from .arrests import arrests_on
from .memory_bus import MemoryBus
from .outcomes import Outcomes
from .services import processors, topics_of

__all__ = ["RunResult", "run_in_memory"]

DayDone = Callable[[int, int], None]


@dataclass
class RunResult:
    outcomes: Outcomes
    seconds: float

    @property
    def digest(self) -> str:
        return self.outcomes.digest()

    @property
    def dead_letters(self) -> int:
        return sum(self.outcomes.dead_letters.values())


def run_in_memory(
    scenario: Scenario, seed: int, days: int, *, on_day: DayDone | None = None,
    observers: tuple[Callable[[Record], None], ...] = (), share_events: bool = True, freeze_gc: bool = False,
) -> RunResult:
    """Run ``days`` of the scenario through the four services on the in-memory bus.

    ``freeze_gc`` (for the CLI and the benchmark) moves what each day leaves behind out of the
    garbage collector's scans, which are otherwise the bulk of a long run; it acts on the whole
    process (``gc.freeze``) and is undone when the run ends."""
    bus = MemoryBus(share_events=share_events)
    for name, processor in processors(scenario, seed).items():
        bus.subscribe(topics_of(name), processor)
    outcomes = Outcomes()
    for observer in (outcomes.observe, *observers):
        bus.observe(observer)
    started = time.perf_counter()
    try:
        for day_index in range(days):
            for arrest in arrests_on(scenario, seed, scenario.start_date + timedelta(days=day_index)):
                bus.publish(to_record(arrest))
            bus.drain()
            if freeze_gc:
                gc.freeze()  # what a day leaves behind is long-lived (dedupe ids, digests)
            if on_day:
                on_day(day_index + 1, outcomes.events)
    finally:
        if freeze_gc:
            gc.unfreeze()
    return RunResult(outcomes, time.perf_counter() - started)
