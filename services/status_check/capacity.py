"""Capacity: officers, CCU desks and phone lines as shared pools that status checks queue for.

The one home of the pool rules (ARCHITECTURE.md, "Capacity"). Each force has a desk of pools:
its embedded teams, its CCU desk and its phone line. An officer is busy from the start of a
check until its answer; officer slot ``i`` of a pool works whenever the rota puts more than
``i`` staff on duty. A request takes the first pool, in overflow order (embedded -> CCU ->
phone), that can start it within that pool's overflow limit, else the one that can start it
soonest. A check that could not be answered before the person must be released is missed: no
officer is taken, and the person goes unchecked (Rec 1, Rec 2).

Decisions depend on the order of requests, so the caller gives them in event-time order (time,
then event id); the state is plain values with a JSON-ready snapshot.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

__all__ = ["Allocation", "CheckDesk", "CheckRequest", "Pool", "PoolOption"]

HOUR = timedelta(hours=1)
SEARCH_LIMIT = timedelta(days=7)
StaffRota = Callable[[datetime], int]


class Pool:
    """One pool's officers, each busy until a time."""

    def __init__(self, name: str, rota: StaffRota) -> None:
        self.name = name
        self._rota = rota
        self._staff: dict[datetime, int] = {}
        self.busy_until: list[datetime] = []

    def staff(self, at: datetime) -> int:
        hour = at.replace(minute=0, second=0, microsecond=0)
        staff = self._staff.get(hour)
        if staff is None:
            staff = self._staff[hour] = self._rota(hour)
        return staff

    def earliest_start(self, at: datetime) -> tuple[int, datetime] | None:
        """The officer slot that can start a check soonest from ``at``, and when; None if nobody
        is rostered within a week. Slots never used yet are free; one of them stands for all."""
        best: tuple[int, datetime] | None = None
        for slot in range(max(self.staff(at), len(self.busy_until) + 1)):
            free = self.busy_until[slot] if slot < len(self.busy_until) else at
            start = self._first_on_duty(slot, max(at, free), best[1] if best else at + SEARCH_LIMIT)
            if start is not None and (best is None or start < best[1]):
                best = (slot, start)
                if start == at:
                    break
        return best

    def take(self, slot: int, until: datetime) -> None:
        while len(self.busy_until) <= slot:
            self.busy_until.append(until.min.replace(tzinfo=until.tzinfo))
        self.busy_until[slot] = until

    def _first_on_duty(self, slot: int, at: datetime, limit: datetime) -> datetime | None:
        while at < limit:
            if self.staff(at) > slot:
                return at
            at = at.replace(minute=0, second=0, microsecond=0) + HOUR
        return None

    def snapshot(self) -> list[str]:
        return [t.isoformat() for t in self.busy_until]

    def restore(self, snapshot: list[str]) -> None:
        self.busy_until = [datetime.fromisoformat(t) for t in snapshot]


@dataclass(frozen=True)
class PoolOption:
    """A pool a check may go to, the route it stands for, and how long a request waits for it
    before overflowing to the next (None: never overflows)."""

    pool: Pool
    route: object
    overflow_after: timedelta | None


@dataclass(frozen=True)
class CheckRequest:
    requested_at: datetime
    release_by: datetime
    """The latest the person can be held for the check (police need plus the policy's wait, within PACE)."""


@dataclass(frozen=True)
class Allocation:
    route: object | None
    pool: str | None
    started_at: datetime | None
    answered_at: datetime | None
    overflowed_from: object | None

    @property
    def missed(self) -> bool:
        return self.answered_at is None


class CheckDesk:
    """The pools of one force, made on first use from ``rota_of(pool name)``."""

    def __init__(self, rota_of: Callable[[str], StaffRota]) -> None:
        self._rota_of = rota_of
        self.pools: dict[str, Pool] = {}

    def pool(self, name: str) -> Pool:
        pool = self.pools.get(name)
        if pool is None:
            pool = self.pools[name] = Pool(name, self._rota_of(name))
        return pool

    def allocate(self, request: CheckRequest, options: list[PoolOption],
                 duration: Callable[[object], timedelta]) -> Allocation:
        """Choose a pool and an officer for ``request``; ``duration(route)`` is the check's length there."""
        chosen = _choose(request.requested_at, options)
        if chosen is None:
            return Allocation(None, None, None, None, None)
        option, slot, start = chosen
        overflowed_from = options[0].route if option is not options[0] else None
        answered_at = start + duration(option.route)
        if answered_at > request.release_by:
            return Allocation(option.route, option.pool.name, None, None, overflowed_from)
        option.pool.take(slot, answered_at)
        return Allocation(option.route, option.pool.name, start, answered_at, overflowed_from)

    def snapshot(self) -> dict[str, list[str]]:
        return {name: pool.snapshot() for name, pool in self.pools.items()}

    def restore(self, snapshot: dict[str, list[str]]) -> None:
        for name, busy in snapshot.items():
            self.pool(name).restore(busy)


def _choose(at: datetime, options: list[PoolOption]) -> tuple[PoolOption, int, datetime] | None:
    soonest: tuple[PoolOption, int, datetime] | None = None
    for option in options:
        found = option.pool.earliest_start(at)
        if found is None:
            continue
        slot, start = found
        if option.overflow_after is None or start - at <= option.overflow_after:
            return option, slot, start
        if soonest is None or start < soonest[2]:
            soonest = (option, slot, start)
    return soonest
