"""The Command and Control Unit as an M/M/c queue, sized from the scenario's expected load.

The CCU serves every suite of a force, but a decision may only use the event and
state of its own key (DESIGN.md invariant 3). So the queue is not simulated message
by message: the wait is drawn from the Erlang C distribution for the load the
scenario expects at that weekday and hour. Pure and stateless apart from a cache.
"""

import math
import random
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nexus_contracts.scenario import Scenario

__all__ = ["CcuQueue", "erlang_c"]

SATURATED_WAIT_MINUTES = 6 * 60.0


def erlang_c(servers: int, offered_load: float) -> float:
    """Probability that an arrival waits, for ``servers`` and load ``offered_load`` (Erlangs)."""
    if offered_load >= servers:
        return 1.0
    term, total = 1.0, 1.0
    for k in range(1, servers):
        term *= offered_load / k
        total += term
    top = term * offered_load / servers * servers / (servers - offered_load)
    return top / (total + top)


class CcuQueue:
    def __init__(self, scenario: "Scenario") -> None:
        self._scenario = scenario
        self._ccu = scenario.operating_model.ccu
        self.wait_parameters = lru_cache(maxsize=None)(self._wait_parameters)

    def covers(self, at: datetime) -> bool:
        ccu = self._ccu
        return ccu is not None and (ccu.from_date is None or at.date() >= ccu.from_date) and ccu.hours.covers(at.hour)

    def wait_minutes(self, at: datetime, rng: random.Random) -> float:
        p_wait, mean_wait = self.wait_parameters(at.weekday(), at.hour)
        if rng.random() >= p_wait:
            return 0.0
        return min(SATURATED_WAIT_MINUTES, rng.expovariate(1.0 / mean_wait)) if mean_wait > 0 else 0.0

    def _wait_parameters(self, weekday: int, hour: int) -> tuple[float, float]:
        s = self._scenario
        arrivals = s.arrests_per_hour(weekday, hour) * s.population.foreign_national_share
        arrivals *= s.referral_policy.check_compliance
        arrivals *= self._share_without_embedded(weekday, hour)
        service_rate = 60.0 / self._ccu.check.median_minutes * math.exp(-self._ccu.check.spread**2 / 2)
        servers = self._ccu.capacity
        spare = servers * service_rate - arrivals
        if spare <= 0:
            return 1.0, SATURATED_WAIT_MINUTES
        return erlang_c(servers, arrivals / service_rate), 60.0 / spare

    def _share_without_embedded(self, weekday: int, hour: int) -> float:
        """Share of arrests at suites no embedded officer covers: the weekly rota alone (``on=None``),
        whatever the rosters' start dates and the suites' go-live."""
        s = self._scenario
        total = sum(x.weight for x in s.suites)
        return sum(x.weight for x in s.suites if not s.embedded_on_duty(x.id, weekday, hour, on=None)) / total
