"""Turn accumulated counts into the report's sections (plain, JSON-ready, deterministic)."""

import bisect
from collections.abc import Sequence
from typing import Any

from .capacity import capacity_section
from .decision_costs import decision_costs
from .places import by_force, by_suite
from .stats import rate, summary
from .tallies import Tallies
from .weekly import Window, weekly_series

__all__ = ["CUSTODY_HOUR_BANDS", "build_report"]

CUSTODY_HOUR_BANDS = (6, 12, 24, 36, 48)


def build_report(b: Tallies, window: Window | None = None) -> dict[str, Any]:
    c = b.counts
    status_checks = c["events.StatusCheckRequested"]
    referrals = c["events.ReferralCreated"]
    return {
        "arrests": c["arrests"],
        "bookings": c["events.BookingOpened"],
        "foreign_nationals": c["erf.foreign_nationals"],
        "status_checks": status_checks,
        "non_attendance": c["events.NonAttendanceRecorded"],
        "referrals": referrals,
        "custody_cost_gbp": b.cost,
        "rec1_status_checks": _rec1(b),
        "rec2_non_attendance": _rec2(b),
        "rec3_central_record": _rec3(b),
        "rec4_etd": {"applications": c["decision.etd_application"],
                     "removal_decisions": c["decision.detained"] + c["decision.deportation_consideration"]},
        "rec5_high_harm": {"definitions": sorted(b.high_harm_definitions), "high_harm_cases": c["high_harm"]},
        "iabs": {k: c[f"iabs.{k}"] for k in ("match", "no_match", "unusable_prints")}
        | {"identity_discrepancies": c["iabs.discrepancy.claims_british_held_foreign"]
           + c["iabs.discrepancy.different_nationality"],
           "claims_british_held_foreign": c["iabs.discrepancy.claims_british_held_foreign"]},
        "time_to_status_minutes": {route: summary(v) for route, v in sorted(b.minutes_by_route.items())},
        "acro": _acro(b),
        "referrals_by": {"reason": _prefixed(c, "referral.reason."), "basis": _prefixed(c, "referral.basis.")},
        "ie_decisions": _prefixed(c, "decision.", exclude=("etd_application",)),
        "custody": _custody(b),
        "safeguards": _safeguards(b),
        "events": _prefixed(c, "events."),
        "weekly": _weekly(b, window),
        **_decisions(b, window),
    }


def _decisions(b: Tallies, window: Window | None) -> dict[str, Any]:
    """The capacity section and what a funding decision rests on: costs per check and per offender
    found, per suite and per force."""
    capacity = capacity_section(b.pools, b.counts, window)
    suites = {s.id: window.scenario.force_of(s.id).id for s in window.scenario.suites} if window else {}
    suite_rows = by_suite(b.places, suites)
    return {"capacity": capacity, "decision_costs": decision_costs(b.counts, capacity),
            "by_suite": suite_rows, "by_force": by_force(suite_rows, capacity["pools"])}


def _weekly(b: Tallies, window: Window | None) -> dict[str, Any]:
    if window is None:
        return {"suites": 0, "forces": 0, "weeks": []}
    return {"suites": len(window.scenario.suites), "forces": len(window.scenario.all_forces),
            "weeks": weekly_series(b.daily, window)}


def _rec1(b: Tallies) -> dict[str, Any]:
    c = b.counts
    return {
        "foreign_nationals": c["erf.foreign_nationals"],
        "foreign_nationals_checked": c["erf.foreign_nationals_checked"],
        "share_checked": rate(c["erf.foreign_nationals_checked"], c["erf.foreign_nationals"]),
        "not_referred": c["not_checked.not_referred"],
        "checks_by_route": {route: len(v) for route, v in sorted(b.minutes_by_route.items())},
    }


def _rec2(b: Tallies) -> dict[str, Any]:
    """Releases before an officer attended, as the journey records tell them: of people a check found
    of immigration interest, and of people whose check was missed (no officer could make it; their
    interest is unknown). The share of persons of interest is over the first only."""
    c = b.counts
    interest, of_interest = c["status.immigration_interest"], c["rec2.of_interest"]
    return {
        "records": c["events.NonAttendanceRecorded"],
        "persons_of_interest": interest,
        "of_persons_of_interest": of_interest,
        "share_of_persons_of_interest": rate(of_interest, interest),
        "after_missed_checks": c["rec2.after_missed_check"],
        "no_officer_could_attend": c["non_attendance.no_officer_could_attend"],
        "by_route": _prefixed(c, "non_attendance.", exclude=("no_officer_could_attend",)),
    }


def _rec3(b: Tallies) -> dict[str, Any]:
    c = b.counts
    bookings, records = c["events.BookingOpened"], c["erf.records"]
    checked_in_records = sum(v for k, v in c.items() if k.startswith("erf.group_checked."))
    return {"bookings": bookings, "journey_records": records, "complete": bookings == records,
            "checks_in_records": checked_in_records, "checks_answered": c["events.StatusCheckAnswered"],
            "counts_agree": checked_in_records == c["events.StatusCheckAnswered"]}


def _acro(b: Tallies) -> dict[str, Any]:
    c = b.counts
    return {
        "requests": c["events.AcroCheckRequested"],
        "share_of_foreign_nationals": rate(c["events.AcroCheckRequested"], c["erf.foreign_nationals"]),
        "replies": {k: c[f"acro.{k}"] for k in ("ecris.replied", "ecris.no_reply", "interpol.replied",
                                                  "interpol.no_reply")},
        "days_to_reply": {ch: summary(v) for ch, v in sorted(b.acro_days.items())},
        "records_by_kind": _prefixed(c, "acro.records."),
        "records_by_reliability": _prefixed(c, "acro.reliability."),
        "in_absentia": c["acro.in_absentia"],
    }


def _custody(b: Tallies) -> dict[str, Any]:
    c = b.counts
    return {
        "outcomes": {k: c[f"custody.{k}"] for k in ("charged", "bailed", "released", "handed_to_immigration")},
        "custody_hours": summary(b.custody_hours),
        "total_custody_hours": round(sum(b.custody_hours), 1),
        "custody_hours_bands": _banded(b.custody_hours, CUSTODY_HOUR_BANDS),
        "immigration_detainees": len(b.detention_hours),
        "immigration_detention_hours": summary(b.detention_hours),
        "constant_watch": c["custody.constant_watch"],
        "immigration_detainee_cost_gbp": b.cost,
    }


def _safeguards(b: Tallies) -> dict[str, Any]:
    c = b.counts
    groups = sorted(k.removeprefix("erf.group.") for k in c if k.startswith("erf.group."))
    return {
        "checks_by_nationality_group": {
            g: {"journeys": c[f"erf.group.{g}"], "checked": c[f"erf.group_checked.{g}"],
                "share_checked": rate(c[f"erf.group_checked.{g}"], c[f"erf.group.{g}"]),
                "referrals": c[f"referral.group.{g}"]} for g in groups},
        "claimed_british": c["erf.claimed_british"],
        "claimed_british_checked": c["erf.claimed_british_checked"],
        "held_waiting_for_check": {"persons": len(b.waited_hours), "hours": summary(b.waited_hours),
                                   "total_hours": round(sum(b.waited_hours), 1)},
        "referrals_on_allegation_only": c["referral.basis.allegation"],
        "overseas_records_by_reliability": _prefixed(c, "acro.reliability."),
        "victim_witness_info_shared": c["referral.victim_witness_info"],
    }


def _prefixed(counts, prefix: str, exclude: tuple[str, ...] = ()) -> dict[str, int]:
    return {k.removeprefix(prefix): v for k, v in sorted(counts.items())
            if k.startswith(prefix) and k.removeprefix(prefix) not in exclude}


def _banded(values: Sequence[float], bounds: Sequence[float]) -> dict[str, int]:
    """Counts of ``values`` in the bands ``0-b1``, ``b1-b2``, ..., ``bn+`` (upper bound exclusive)."""
    labels = [f"{low:g}-{high:g}" for low, high in zip((0, *bounds), bounds)] + [f"{bounds[-1]:g}+"]
    counts = dict.fromkeys(labels, 0)
    for value in values:
        counts[labels[bisect.bisect_right(bounds, value)]] += 1
    return counts
