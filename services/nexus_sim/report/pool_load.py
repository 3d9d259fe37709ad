"""What the report counts per capacity pool as checks come in: busy and waiting minutes per clock
hour, waits (also by the day the check was raised), checks, overflows and missed checks. Pools are
named ``<force>/<pool>``."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from nexus_contracts.events import StatusCheckMissed
from nexus_contracts.payloads_common import StatusSummary

__all__ = ["Hourly", "PoolLoad", "minutes_per_hour"]

Hourly = Counter[tuple[str, datetime]]  # (pool, start of a clock hour) -> minutes


def minutes_per_hour(start: datetime, end: datetime) -> dict[datetime, float]:
    """The minutes of ``start``..``end`` that fall in each clock hour, keyed by the hour's start."""
    split: dict[datetime, float] = {}
    hour = start.replace(minute=0, second=0, microsecond=0)
    while hour < end:
        following = hour + timedelta(hours=1)
        split[hour] = (min(end, following) - max(start, hour)).total_seconds() / 60
        hour = following
    return split


@dataclass(eq=False)
class PoolLoad:
    busy: Hourly = field(default_factory=Counter)  # an officer working on a check
    waiting: Hourly = field(default_factory=Counter)  # a raised check waiting for an officer
    waits: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))  # minutes to start
    waits_by_day: dict[tuple[str, date], list[float]] = field(default_factory=lambda: defaultdict(list))
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)  # (pool, measure) -> count

    def answered(self, status: StatusSummary, foreign_national: bool) -> None:
        pool, started = status.pool, status.started_at
        if pool is None or started is None:  # a log from before capacity
            return
        self._add(self.busy, pool, started, status.answered_at)
        self._add(self.waiting, pool, status.requested_at, started)
        wait = (started - status.requested_at).total_seconds() / 60
        self.waits[pool].append(wait)
        self.waits_by_day[(pool, status.requested_at.date())].append(wait)
        self.counts[(pool, "checks")] += 1
        if status.overflowed_from:
            self.counts[(pool, f"overflow.{status.overflowed_from}->{status.route}")] += 1
        self.counts[(pool, "foreign_nationals_raised")] += foreign_national

    def missed(self, check: StatusCheckMissed) -> None:
        """A check still waiting when the person was released: it waited, then was never made."""
        pool = check.pool
        self._add(self.waiting, pool, check.requested_at, check.released_at)
        self.counts[(pool, "missed")] += 1
        self.counts[(pool, "missed_foreign_nationals")] += check.foreign_national
        self.counts[(pool, "foreign_nationals_raised")] += check.foreign_national

    @property
    def pools(self) -> set[str]:
        return {pool for pool, _ in self.counts}

    @staticmethod
    def _add(hourly: Hourly, pool: str, start: datetime, end: datetime) -> None:
        for hour, minutes in minutes_per_hour(start, end).items():
            hourly[(pool, hour)] += minutes
