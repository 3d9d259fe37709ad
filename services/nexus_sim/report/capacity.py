"""The report's capacity section: per pool (``<force>/<pool>``), utilisation by hour of day and
by week, queue length by hour of day and by day, waits (and their p90 by day), overflows, missed
checks and officer cost.

Utilisation is busy officer-minutes (checks from start to answer) over rostered officer-minutes
(``staff_on_duty`` each hour of the simulated days, counted from the force's Nexus go-live); both
only within the simulated days, though checks, waits and misses count whenever they happened.
Queue length is the mean number of raised checks waiting for an officer, a missed check waiting
until the person's release; a check that overflowed counts, with its whole wait, in the pool that
made it; by day, it is the waiting minutes of that day over 1,440, and the wait p90 of a day is
that of the checks raised that day and answered. Officer cost prices rostered hours at the
scenario's ``officer_hour_gbp``, an assumption.
"""

from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from typing import Any

from nexus_contracts.scenario_operations import OperatingModel
from nexus_contracts.scenario_sources import source_of
from nexus_contracts.staffing import pools_of_force, staff_on_duty

from .pool_load import Hourly, PoolLoad
from .stats import rate, summary
from .weekly import Window

__all__ = ["capacity_section", "rostered_minutes"]

PerHour = dict[datetime, float]
_COST_SOURCE = source_of(OperatingModel.model_fields["officer_hour_gbp"]) or ""
COST_BASIS = _COST_SOURCE[:1].upper() + _COST_SOURCE[1:]


def rostered_minutes(window: Window) -> dict[str, PerHour]:
    """Officer-minutes on duty in each pool, each hour of the run (pools with nobody rostered left out)."""
    scenario, rostered = window.scenario, {}
    hours = [datetime.combine(window.first_day, datetime.min.time(), UTC) + timedelta(hours=h)
             for h in range(24 * window.days)]
    for force in scenario.all_forces:
        live = [hour for hour in hours if hour.date() >= force.nexus_from]
        for pool in pools_of_force(scenario, force.id):
            minutes = {hour: 60.0 * staff for hour in live if (staff := staff_on_duty(scenario, force.id, pool, hour))}
            if minutes:
                rostered[f"{force.id}/{pool}"] = minutes
    return rostered


def capacity_section(load: PoolLoad, counts: Counter[str], window: Window | None) -> dict[str, Any]:
    if window is None:
        return {"pools": {}}
    rostered = rostered_minutes(window)
    busy, waiting = _per_pool(load.busy, window), _per_pool(load.waiting, window)
    names = [*rostered, *sorted(load.pools - rostered.keys())]
    pools = {name: _pool(name, load, rostered.get(name, {}), busy.get(name, {}), waiting.get(name, {}), window)
             for name in names}
    price = window.scenario.operating_model.officer_hour_gbp
    return {"officer_hour_gbp": price, "officer_cost_basis": COST_BASIS,
            "rostered_officer_hours": round(sum(p["rostered_officer_hours"] for p in pools.values()), 1),
            "officer_cost_gbp": round(sum(p["officer_cost_gbp"] for p in pools.values())),
            "missed_checks": sum(p["missed"] for p in pools.values()),
            "rec1_coverage": _coverage(counts, sum(p["missed_foreign_nationals"] for p in pools.values())),
            "pools": pools}


def _coverage(counts: Counter[str], missed: int) -> dict[str, Any]:
    foreign, checked = counts["erf.foreign_nationals"], counts["erf.foreign_nationals_checked"]
    return {"foreign_nationals": foreign, "checked": checked, "share_checked": rate(checked, foreign),
            "missed": missed, "share_missed": rate(missed, foreign)}


def _pool(name: str, load: PoolLoad, rostered: PerHour, busy: PerHour, waiting: PerHour,
          window: Window) -> dict[str, Any]:
    on_duty, worked = sum(rostered.values()), sum(busy.values())
    waits = summary(load.waits.get(name, []))
    count = load.counts
    return {
        "rostered_officer_hours": round(on_duty / 60, 1), "busy_officer_hours": round(worked / 60, 1),
        "utilisation": rate(worked, on_duty),
        "utilisation_by_hour": _ratios(_by_hour_of_day(busy), _by_hour_of_day(rostered)),
        "utilisation_by_week": _ratios(_by_week(busy, window), _by_week(rostered, window)),
        "queue_length_by_hour": [round(m / (60 * window.days), 2) for m in _by_hour_of_day(waiting)],
        "queue_length_by_day": [round(m / 1440, 2) for m in _by_day(waiting, window)],
        "wait_minutes": {"count": waits["count"], "mean": waits["mean"], "p50": waits["median"], "p90": waits["p90"]},
        "wait_p90_by_day": [summary(load.waits_by_day.get((name, day), []))["p90"] for day in _days(window)],
        "checks": count[(name, "checks")],
        "overflows": {k.removeprefix("overflow."): v for (pool, k), v in sorted(count.items())
                      if pool == name and k.startswith("overflow.")},
        "missed": count[(name, "missed")], "missed_foreign_nationals": count[(name, "missed_foreign_nationals")],
        "missed_share_of_foreign_nationals": rate(count[(name, "missed_foreign_nationals")],
                                                  count[(name, "foreign_nationals_raised")]),
        "officer_cost_gbp": round(on_duty / 60 * window.scenario.operating_model.officer_hour_gbp),
    }


def _per_pool(hourly: Hourly, window: Window) -> dict[str, PerHour]:
    """Minutes per pool and hour, within the simulated days (as the rostered minutes)."""
    split: dict[str, PerHour] = defaultdict(dict)
    for (pool, hour), minutes in hourly.items():
        if 0 <= (hour.date() - window.first_day).days < window.days:
            split[pool][hour] = minutes
    return split


def _by_hour_of_day(minutes: PerHour) -> list[float]:
    totals = [0.0] * 24
    for hour, amount in minutes.items():
        totals[hour.hour] += amount
    return totals


def _days(window: Window) -> list[date]:
    return [window.first_day + timedelta(days=d) for d in range(window.days)]


def _by_day(minutes: PerHour, window: Window) -> list[float]:
    totals = [0.0] * window.days
    for hour, amount in minutes.items():
        totals[(hour.date() - window.first_day).days] += amount
    return totals


def _by_week(minutes: PerHour, window: Window) -> list[float]:
    totals = [0.0] * window.weeks
    for hour, amount in minutes.items():
        totals[window.week_of(hour.date())] += amount
    return totals


def _ratios(parts: list[float], wholes: list[float]) -> list[float]:
    return [rate(part, whole) for part, whole in zip(parts, wholes, strict=True)]
