"""Where a benchmark's CPU went: seconds of CPU per process and how busy the machine was, from /proc.

Linux only; elsewhere the figures are empty and the benchmark prints none.
"""

import os
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["CpuUse", "Sample", "Sampler", "sample"]

_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass(frozen=True)
class Sample:
    """CPU seconds so far of each named group of processes, and of the whole machine (busy, all)."""

    groups: dict[str, float]
    busy: float
    total: float


def sample(groups: Mapping[str, list[int]]) -> Sample:
    """CPU seconds used so far by each group of pids (a pid gone counts nothing; a group with no pids,
    such as a broker not started here, is left out) and by the machine."""
    busy, total = _machine()
    return Sample({name: sum(_process(pid) for pid in pids) for name, pids in groups.items() if pids}, busy, total)


class Sampler:
    """Samples ``groups`` every ``interval`` seconds in a thread, so a span timed inside a call (its
    set-up left out) can be looked up afterwards with ``span``."""

    def __init__(self, groups: Mapping[str, list[int]], interval: float = 0.1) -> None:
        self._groups = dict(groups)
        self._interval = interval
        self._samples: list[tuple[float, Sample]] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="cpu-sampler", daemon=True)

    def __enter__(self) -> "Sampler":
        self._samples.append((time.perf_counter(), sample(self._groups)))  # a span never starts before this
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def span(self, seconds: float) -> tuple[Sample, Sample]:
        """The samples around the last ``seconds`` up to now."""
        now = (time.perf_counter(), sample(self._groups))
        since = now[0] - seconds
        with self._lock:
            before = min(self._samples, key=lambda s: abs(s[0] - since))
        return before[1], now[1]

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            taken = (time.perf_counter(), sample(self._groups))
            with self._lock:
                self._samples.append(taken)


@dataclass
class CpuUse:
    """CPU seconds summed over timed spans (``add(before, after)``), per group and for the machine."""

    groups: dict[str, float] = field(default_factory=dict)
    busy: float = 0.0
    total: float = 0.0
    spans: int = 0

    def add(self, before: Sample, after: Sample) -> None:
        for name, seconds in after.groups.items():
            self.groups[name] = self.groups.get(name, 0.0) + seconds - before.groups.get(name, 0.0)
        self.busy += after.busy - before.busy
        self.total += after.total - before.total
        self.spans += 1

    def lines(self) -> list[str]:
        if not self.total or not self.spans:
            return []
        cores = os.cpu_count() or 1
        per_span = ", ".join(f"{name} {seconds / self.spans:.2f}" for name, seconds in self.groups.items())
        return [f"  machine busy {self.busy / self.total:.0%} of {cores} cores; CPU seconds per round: {per_span}"]


def _process(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICKS  # utime, stime


def _machine() -> tuple[float, float]:
    try:
        values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]  # guest is in user
    except (OSError, ValueError):
        return 0.0, 0.0
    idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle, iowait
    return (sum(values) - idle) / _TICKS, sum(values) / _TICKS
