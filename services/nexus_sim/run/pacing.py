"""Paced runs: each input goes out when its event time, scaled by a speed against the wall clock,
comes due (``--speed 1`` real time, ``60`` an hour a minute). Only the driver waits: the services
keep event time, so the outcome is the same at every speed (ARCHITECTURE.md invariant 1)."""

import asyncio
import time
from collections.abc import AsyncIterator, Callable, Iterable
from datetime import datetime

from nexus_runtime.records import Record

__all__ = ["Schedule", "parse_speed", "paced"]


def parse_speed(text: str) -> float | None:
    """``max`` (as fast as the broker takes it: None) or a positive factor."""
    if text.strip().lower() == "max":
        return None
    try:
        speed = float(text)
    except ValueError:
        raise ValueError(f"speed must be 'max' or a positive number, got {text!r}") from None
    if speed <= 0:
        raise ValueError(f"speed must be 'max' or a positive number, got {text!r}")
    return speed


class Schedule:
    """When each event time is due on the wall clock; the first one anchors the two clocks."""

    def __init__(self, speed: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.speed, self._clock = speed, clock
        self._origin: tuple[float, datetime] | None = None
        self.reached: datetime | None = None
        self.lag = 0.0

    def due_in(self, at: datetime) -> float:
        """Seconds until ``at`` is due (0 if it is late; ``lag`` then says by how much)."""
        now = self._clock()
        if self._origin is None:
            self._origin = (now, at)
        wall, first = self._origin
        delay = wall + (at - first).total_seconds() / self.speed - now
        self.lag = max(0.0, -delay)
        self.reached = at
        return max(0.0, delay)

    def status(self, events: int) -> str:
        wall = self._clock() - self._origin[0] if self._origin else 0.0
        reached = f"{self.reached:%Y-%m-%d %H:%M}" if self.reached else "-"
        rate = events / wall if wall else 0.0
        return (f"simulated {reached}, wall {wall:,.0f} s, {self.lag:.1f} s behind schedule, "
                f"{rate:,.0f} events/s (x{self.speed:g})")


async def paced(records: Iterable[Record], schedule: Schedule | None) -> AsyncIterator[Record]:
    """The records, each released when its event is due (markers and bytes-only records at once)."""
    for record in records:
        if schedule is not None and record.event is not None:
            await asyncio.sleep(schedule.due_in(record.event.occurred_at))
        yield record
