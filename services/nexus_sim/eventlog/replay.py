"""Replay a log in memory: feed its input records to the four services, record what they produce.

Inputs are fed in the order the log holds them; each run of consecutive input records is
published as one batch and the bus drained before the next, which is how the simulation
feeds a day of arrests. With a speed, batches are paced to their recorded timestamps.
"""

import time
from collections.abc import Callable, Iterator, Sequence

from nexus_contracts.catalogue import ARRESTS
from nexus_contracts.scenario import Scenario
from nexus_runtime.records import Record
from nexus_runtime.scenarios import ScenarioError

from ..run.in_memory import feed_in_memory
from ..run.outcomes import Outcomes
from ..run.result import RunResult
from ..run.spec import RunSpec
from .format import LogEntry
from .io import EventLog
from .journeys import decoded_events
from .recorder import MemoryRecorder

__all__ = ["DEFAULT_INPUTS", "Pacer", "ReplayError", "input_batches", "logged_outcomes", "record_batches",
           "replay_in_memory", "run_of"]

DEFAULT_INPUTS = (ARRESTS.name,)


class ReplayError(ValueError):
    """The log cannot be replayed as asked (no scenario in its header, unknown scenario...)."""


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


def replay_in_memory(log: EventLog, inputs: Sequence[str] = DEFAULT_INPUTS, *, run: RunSpec | None = None,
                     pacer: Pacer | None = None) -> RunResult:
    """Feed the log's inputs to the services of ``run`` (default: the run its header names); the
    result's ``entries`` are what they produced, inputs included, as a log."""
    run = run_of(log, run)
    produced: list[LogEntry] = []
    result = feed_in_memory(_scenario(log, run), run.seed, record_batches(log, inputs, pacer),
                            observers=(MemoryRecorder(produced.append),))
    result.entries = produced
    return result


def record_batches(log: EventLog, inputs: Sequence[str], pacer: Pacer | None = None) -> Iterator[list[Record]]:
    """The log's input batches as the runtime's records, each paced to its first timestamp when ``pacer`` is given."""
    for batch in input_batches(log.entries, inputs):
        if pacer:
            pacer.wait_for(batch[0].timestamp_ms)
        yield [Record(entry.topic, entry.key, entry.value or b"", entry.header_dict()) for entry in batch]


def logged_outcomes(log: EventLog) -> Outcomes:
    """The outcomes the log itself holds (events upcast to the current contracts)."""
    outcomes = Outcomes()
    for event in decoded_events(log.entries)[0]:
        outcomes.add(event)
    return outcomes


def run_of(log: EventLog, run: RunSpec | None = None) -> RunSpec:
    """The run to replay the log under: ``run`` if given, else the one its header names."""
    run = run or log.header.run
    if run is None:
        raise ReplayError(f"{log.path}: the header names no scenario or seed; pass them")
    return run


def _scenario(log: EventLog, run: RunSpec) -> Scenario:
    try:
        return run.load_scenario()
    except ScenarioError as exc:
        raise ReplayError(f"{log.path}: scenario {run.scenario_ref!r}: {exc}") from None
