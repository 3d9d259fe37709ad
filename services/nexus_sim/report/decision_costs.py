"""What the checks cost against what they found: staff cost (rostered officer-hours x the
scenario's ``officer_hour_gbp``, whose description gives its source) per foreign national checked
and per immigration offender identified. A cost per nothing is None (not applicable), never 0; so
is a cost when no officer was rostered in the run (every force before its go-live: checks made
then are not priced).

An immigration offender identified is a status check that found an overstayer, an illegal entrant
or an absconder (the statuses of immigration interest that break the rules, not an asylum claim).
"""

from collections import Counter
from typing import Any

from nexus_contracts.vocabulary import ImmigrationStatus

__all__ = ["OFFENDER_STATUSES", "decision_costs"]

OFFENDER_STATUSES = (ImmigrationStatus.OVERSTAYER, ImmigrationStatus.ILLEGAL_ENTRANT, ImmigrationStatus.ABSCONDER)


def _per(cost: float, count: int, priced: bool) -> float | None:
    return round(cost / count, 2) if count and priced else None


def decision_costs(counts: Counter[str], capacity: dict[str, Any]) -> dict[str, Any]:
    staff_cost = capacity.get("officer_cost_gbp", 0)
    priced = capacity.get("rostered_officer_hours", 0) > 0  # no rostered hours (before go-live): nothing priced
    checked = counts["erf.foreign_nationals_checked"]
    offenders = sum(counts[f"status.{status}"] for status in OFFENDER_STATUSES)
    return {
        "staff_cost_gbp": staff_cost,
        "officer_hours": capacity.get("rostered_officer_hours", 0),
        "officer_hour_gbp": capacity.get("officer_hour_gbp"),
        "price_source": capacity.get("officer_cost_basis"),
        "foreign_nationals_checked": checked,
        "immigration_offenders_identified": offenders,
        "cost_per_foreign_national_checked_gbp": _per(staff_cost, checked, priced),
        "cost_per_immigration_offender_identified_gbp": _per(staff_cost, offenders, priced),
    }
