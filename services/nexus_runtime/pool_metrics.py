"""Load of the capacity pools, read from the decisions a service publishes: how many status checks
wait for an officer, how many officers are busy, and how many are on duty.

A ``StatusCheckAnswered`` says when its check was requested, started and answered, and in which
pool (``<force>/<pool>``); decisions are taken in event-time order per force, so the latest request
time decided for a force is that force's "now". At that time a check is queued if it was requested
but not yet started, and its officer busy if it started but is not yet answered.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

from nexus_contracts import Event

__all__ = ["PoolLoad", "PoolState", "StaffOnDuty"]

StaffOnDuty = Callable[[str, str, datetime], int]
"""(force, pool, at) -> staff on duty, e.g. ``nexus_contracts.staffing.staff_on_duty`` over a scenario."""


@dataclass(frozen=True)
class PoolState:
    pool: str
    queued: int
    busy: int
    staff: int

    @property
    def utilisation(self) -> float:
        """Busy officers over officers on duty (0 when nobody is on duty)."""
        return self.busy / self.staff if self.staff else 0.0


class PoolLoad:
    """Checks in flight per pool, kept only until they are answered."""

    def __init__(self, staff: StaffOnDuty | None = None) -> None:
        self._staff = staff
        self._now: dict[str, datetime] = {}
        self._in_flight: dict[str, list[tuple[datetime, datetime]]] = {}
        """pool -> (started_at, answered_at) of checks not yet answered at the force's now."""

    def observe(self, event: Event) -> None:
        """Take a published event; only status-check decisions change the load."""
        if event.event_type == "StatusCheckAnswered":
            status = event.payload.status
            if status.pool and status.started_at and status.answered_at:
                self._in_flight.setdefault(status.pool, []).append((status.started_at, status.answered_at))
            self._advance(event.force, status.requested_at)
        elif event.event_type == "StatusCheckMissed":
            self._advance(event.force, event.payload.requested_at)

    def pools(self) -> Iterator[PoolState]:
        """The state of every pool seen, at its force's now; forgets checks answered by then."""
        for pool, checks in self._in_flight.items():
            force, _, name = pool.partition("/")
            now = self._now.get(force)
            if now is None:
                continue
            checks[:] = [(start, end) for start, end in checks if end > now]
            busy = sum(start <= now for start, _ in checks)
            staff = self._staff(force, name, now) if self._staff else 0
            yield PoolState(pool, len(checks) - busy, busy, staff)

    def _advance(self, force: str, at: datetime | None) -> None:
        if at is not None and (force not in self._now or at > self._now[force]):
            self._now[force] = at
