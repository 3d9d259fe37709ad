"""Who is on duty: the staff of each capacity pool at any hour, from the scenario's operating model.

The one home of the rota rule, used by the pools that take status checks (status_check) and by
the report's utilisation and officer cost. Pools are per force, named by reference:
``embedded.<n>`` (the n-th embedded cover of the operating model), ``ccu`` and ``phone``.
"""

from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .scenario import EmbeddedCover, Scenario

__all__ = ["CCU", "PHONE", "embedded_pool", "pool_index", "pools_of_force", "pools_serving", "staff_on_duty"]

CCU = "ccu"
PHONE = "phone"
_EMBEDDED = "embedded."


def embedded_pool(index: int) -> str:
    return f"{_EMBEDDED}{index}"


def pool_index(pool: str) -> int:
    """The cover index of an ``embedded.<n>`` pool."""
    return int(pool.removeprefix(_EMBEDDED))


def pools_of_force(scenario: "Scenario", force: str) -> tuple[str, ...]:
    """Every pool a force has, embedded teams first (for reports)."""
    teams = tuple(embedded_pool(i) for i, cover in enumerate(scenario.operating_model.embedded)
                  if scenario.force_of(cover.suites[0]).id == force)
    return (*teams, *((CCU,) if scenario.operating_model.ccu else ()), PHONE)


def pools_serving(scenario: "Scenario", suite: str, at: datetime) -> tuple[str, ...]:
    """The pools a check at ``suite`` may go to at ``at``, in overflow order: the embedded teams
    on duty there, then the CCU, then the phone line (seed 002's operating models)."""
    model = scenario.operating_model
    live = scenario.suite_live_from(suite)
    day = at.date()  # a live suite is on or after its cover's start unless the cover names a later from_date
    teams = tuple(embedded_pool(i) for i, cover in enumerate(model.embedded)
                  if suite in cover.suites and day >= live and (cover.from_date is None or day >= cover.from_date)
                  and cover.headcount > 0 and cover.on_duty(at.weekday(), at.hour))
    return (*teams, *((CCU,) if model.ccu else ()), PHONE)


def staff_on_duty(scenario: "Scenario", force: str, pool: str, at: datetime) -> int:
    """Officers (or CCU operators, or phone lines) of ``pool`` in ``force`` at ``at``, after absences."""
    model = scenario.operating_model
    if pool == PHONE:
        staff = model.phone_lines
    elif pool == CCU:
        staff = model.ccu.operators_on_duty(at) if model.ccu else 0
    else:
        staff = _embedded_staff(scenario, model.embedded[pool_index(pool)], at)
    away = sum(a.staff_off for a in model.absences if a.applies(pool, force, at.date()))
    return max(0, staff - away)


def _embedded_staff(scenario: "Scenario", cover: "EmbeddedCover", at: datetime) -> int:
    starts: date = cover.from_date or min(scenario.suite_live_from(s) for s in cover.suites)
    if at.date() < starts or not cover.on_duty(at.weekday(), at.hour):
        return 0
    return cover.headcount
