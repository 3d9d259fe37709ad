"""The report's after-decision section: removals and departures by route and month, time from custody
to departure, ETD delays (Rec 4), barriers, detention, and the cases still open when the run ends.

The run ends at midnight after its last simulated day. A case counts as closed, and a departure as
made, only if it happened by then; ``eventually`` follows every case to its close (the simulation
draws each case's whole course at the decision, in event time). Removals are counted under both of
seed 003's definitions: the police's (enforced removals and deportations after high-harm referrals,
"over forty") and the minister's (every departure of a person Nexus referred, "over 700")."""

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import datetime, time, timedelta
from typing import Any

from nexus_contracts.vocabulary import ReferralReason, RemovalRoute

from .removal_load import RemovalLoad
from .stats import summary
from .weekly import Window

__all__ = ["HIGH_HARM", "removals_section"]

HIGH_HARM = frozenset({ReferralReason.HIGH_HARM_CURRENT_OFFENCE, ReferralReason.HIGH_HARM_OVERSEAS_RECORD})


def removals_section(load: RemovalLoad, window: Window | None) -> dict[str, Any]:
    end = _run_end(load, window)
    closed = [case for at, case in load.closed if end is None or at <= end]
    departed = [case for case in closed if case.left_uk_at is not None]
    closed_refs = {case.referral_id for case in closed}
    still_open = [case for ref, case in load.opened.items() if ref not in closed_refs]
    return {
        "run_end": end.isoformat() if end else None,
        "cases_opened": _count(c.route for c in load.opened.values()),
        "departures": len(departed),
        "departures_by_route": _count(c.route for c in departed),
        "departures_by_month": _by_month(departed),
        "closed_by_outcome": _count(c.outcome for c in closed),
        "open_at_run_end": {"cases": len(still_open), "by_route": _count(c.route for c in still_open),
                            "detained": sum(c.detained for c in still_open)},
        "definitions": _definitions(departed),
        "definitions_eventually": _definitions([c for _, c in load.closed if c.left_uk_at is not None]),
        "custody_to_departure_days": summary([_days(c.booked_at, c.left_uk_at) for c in departed]),
        "etd": _etd(load, end),
        "barriers": _count(c.barrier for c in closed if c.barrier is not None),
        "detention_days": summary([c.detention_days for c in closed if c.detention_days > 0]),
        "eventually": _count(c.outcome for _, c in load.closed),
    }


def _definitions(departed: list[Any]) -> dict[str, int]:
    """Seed 003's two counts: the police's (removals after high-harm referrals) and the minister's (all)."""
    return {"removals_after_high_harm_referrals": sum(
        c.reason in HIGH_HARM and c.route is not RemovalRoute.VOLUNTARY_DEPARTURE for c in departed),
        "departures_of_all_referred": len(departed)}


def _etd(load: RemovalLoad, end: datetime | None) -> dict[str, Any]:
    done = [etd for at, etd in load.etds if end is None or at <= end]
    applied = sum(c.etd_application for c in load.opened.values())
    return {"applications": applied, "completed": len(done), "issued": sum(e.issued for e in done),
            "refused": sum(not e.issued for e in done), "pending_at_run_end": applied - len(done),
            "delay_days": summary([e.days_taken for e in done])}


def _run_end(load: RemovalLoad, window: Window | None) -> datetime | None:
    """Midnight after the run's last day, in the events' time zone; None without a window (every case counts)."""
    first = next(iter(load.opened.values()), None)
    if window is None or first is None:
        return None
    return datetime.combine(window.first_day + timedelta(days=window.days), time(), tzinfo=first.booked_at.tzinfo)


def _by_month(departed: Iterable[Any]) -> dict[str, dict[str, int]]:
    months: dict[str, Counter[str]] = defaultdict(Counter)
    for case in departed:
        months[case.left_uk_at.strftime("%Y-%m")][str(case.route)] += 1
    return {month: dict(sorted(routes.items())) for month, routes in sorted(months.items())}


def _count(values: Iterable[Any]) -> dict[str, int]:
    return dict(sorted(Counter(str(v) for v in values).items()))


def _days(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 86400
