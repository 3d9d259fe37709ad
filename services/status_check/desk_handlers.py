"""The force desks as an ordered stage: StatusCheckRaised, in event-time order, -> a pool decision.

The runtime holds raised checks until no earlier one can still arrive and hands them here one
by one, in (time, event id) order, with the state of the partition they came on: each force's
``CheckDesk`` (ARCHITECTURE.md invariant 3). A check answered in time goes to the status check
proper (``answer``); one that cannot be is a ``StatusCheckMissed``.
"""

from collections.abc import Callable, Iterable
from typing import Any

from nexus_contracts import Event
from nexus_contracts import events as ev
from nexus_contracts.randomness import rng_for
from nexus_contracts.scenario import Scenario
from nexus_contracts.staffing import staff_on_duty
from nexus_contracts.vocabulary import ProducingSystem

from . import domain
from .capacity import Allocation, CheckDesk, CheckRequest

__all__ = ["ForceDesks"]

PRODUCER = ProducingSystem.IMMIGRATION_STATUS
Answer = Callable[[Event, Allocation], Iterable[Event]]


class ForceDesks:
    """State: force id -> CheckDesk. Implements the runtime's ``OrderedHandler``."""

    event_types = frozenset({"StatusCheckRaised"})

    def __init__(self, scenario: Scenario, seed: int, answer: Answer) -> None:
        self._scenario = scenario
        self._seed = seed
        self._answer = answer

    def new_state(self) -> dict[str, CheckDesk]:
        return {}

    def decide(self, desks: dict[str, CheckDesk], raised: Event) -> Iterable[Event]:
        check: ev.StatusCheckRaised = raised.payload
        desk = desks.get(raised.force) or desks.setdefault(raised.force, self._desk(raised.force))
        options = domain.pool_options(self._scenario, desk, raised.custody_suite, raised.occurred_at)
        allocation = desk.allocate(CheckRequest(raised.occurred_at, check.release_by), options,
                                   lambda route: domain.check_duration(self._scenario, route, rng_for(
                                       self._seed, raised.event_id, f"status.check.{route.value}")))
        if not allocation.missed:
            return self._answer(raised, allocation)
        missed = ev.StatusCheckMissed(case=check.case, iabs=check.iabs, reason=check.reason,
                                      foreign_national=check.foreign_national, route=allocation.route,
                                      pool=f"{raised.force}/{allocation.pool}", requested_at=raised.occurred_at,
                                      released_at=check.release_by)
        return [raised.follow(missed, at=max(check.release_by, raised.occurred_at), producer=PRODUCER)]

    def snapshot(self, desks: dict[str, CheckDesk]) -> dict[str, Any]:
        return {force: desk.snapshot() for force, desk in desks.items()}

    def restore(self, snapshot: dict[str, Any]) -> dict[str, CheckDesk]:
        desks = {}
        for force, pools in snapshot.items():
            desks[force] = self._desk(force)
            desks[force].restore(pools)
        return desks

    def _desk(self, force: str) -> CheckDesk:
        scenario = self._scenario
        return CheckDesk(lambda pool: lambda at: staff_on_duty(scenario, force, pool, at))
