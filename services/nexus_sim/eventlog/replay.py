"""Replay a log in memory: feed its input records to the four services, record what they produce.

Inputs are fed in the order the log holds them; each run of consecutive input records is
published as one batch and the bus drained before the next, which is how the simulation
feeds a day of arrests. With a speed, batches are paced to their recorded timestamps.
"""

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from nexus_contracts.catalogue import ARRESTS
from nexus_contracts.scenario import Scenario
from nexus_runtime.records import Record
from nexus_runtime.scenarios import ScenarioError, load_scenario

from ..memory_bus import MemoryBus
from ..outcomes import Outcomes
from ..services import processors, topics_of
from .format import LogEntry, LogHeader
from .io import EventLog
from .journeys import Journeys, decoded_events
from .recorder import MemoryRecorder

__all__ = ["DEFAULT_INPUTS", "Pacer", "ReplayError", "ReplayResult", "input_batches", "logged_outcomes",
           "replay_in_memory", "scenario_of"]

DEFAULT_INPUTS = (ARRESTS.name,)


class ReplayError(ValueError):
    """The log cannot be replayed as asked (no scenario in its header, unknown scenario...)."""


@dataclass
class ReplayResult:
    """What the services produced, as a log (inputs included) and as outcomes."""

    header: LogHeader
    entries: list[LogEntry]
    outcomes: Outcomes
    inputs_fed: int

    @property
    def digest(self) -> str:
        return self.outcomes.digest()

    @property
    def counts(self) -> dict[str, int]:
        return dict(self.outcomes.counts)

    @cached_property
    def journeys(self) -> Journeys:
        return Journeys.of(self.entries)

    def journey(self, custody_record: str):
        """The events of one custody record (its arrest included), in time order."""
        return self.journeys.events_of(custody_record)


class Pacer:
    """Waits so that records go out ``speed`` times faster than their recorded timestamps."""

    def __init__(self, speed: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if speed <= 0:
            raise ReplayError(f"speed must be positive, got {speed}")
        self._speed, self._clock, self._sleep = speed, clock, sleep
        self._origin: tuple[float, int] | None = None

    def wait_for(self, timestamp_ms: int | None) -> None:
        if timestamp_ms is None:
            return
        if self._origin is None:
            self._origin = (self._clock(), timestamp_ms)
        started, first_ms = self._origin
        delay = started + (timestamp_ms - first_ms) / 1000 / self._speed - self._clock()
        if delay > 0:
            self._sleep(delay)


def input_batches(entries: Sequence[LogEntry], inputs: Sequence[str]) -> Iterator[list[LogEntry]]:
    """Runs of consecutive entries on the input topics, in log order."""
    batch: list[LogEntry] = []
    for entry in entries:
        if entry.topic in inputs:
            batch.append(entry)
        elif batch:
            yield batch
            batch = []
    if batch:
        yield batch


def replay_in_memory(log: EventLog, inputs: Sequence[str] = DEFAULT_INPUTS, *, scenario: Scenario | None = None,
                     seed: int | None = None, pacer: Pacer | None = None) -> ReplayResult:
    seed = log.header.seed if seed is None else seed
    if seed is None:
        raise ReplayError(f"{log.path}: the header has no seed; pass one")
    bus = MemoryBus()
    for name, processor in processors(scenario or scenario_of(log), seed).items():
        bus.subscribe(topics_of(name), processor)
    produced: list[LogEntry] = []
    outcomes = Outcomes()
    bus.observe(outcomes.observe)
    bus.observe(MemoryRecorder(produced.append))
    fed = 0
    for batch in input_batches(log.entries, inputs):
        if pacer:
            pacer.wait_for(batch[0].timestamp_ms)
        for entry in batch:
            bus.publish(Record(entry.topic, entry.key, entry.value or b"", entry.header_dict()))
        fed += len(batch)
        bus.drain()
    return ReplayResult(log.header, produced, outcomes, fed)


def logged_outcomes(log: EventLog) -> Outcomes:
    """The outcomes the log itself holds (events upcast to the current contracts)."""
    outcomes = Outcomes()
    for event in decoded_events(log.entries)[0]:
        outcomes.add(event)
    return outcomes


def scenario_of(log: EventLog, name: str | None = None, overrides: Sequence[str] | None = None) -> Scenario:
    """The scenario named in the log's header (or the one given), with the header's overrides."""
    name = name or log.header.scenario
    if not name:
        raise ReplayError(f"{log.path}: the header names no scenario; pass one")
    try:
        return load_scenario(name, list(log.header.overrides if overrides is None else overrides))
    except ScenarioError as exc:
        raise ReplayError(f"{log.path}: scenario {name!r}: {exc}") from None
