"""The performance-framework report: counts and rates behind Rec 1-5, time to status by route,
custody hours and cost, and the safeguard measures critics asked for (DESIGN.md)."""

from datetime import datetime, timedelta
from typing import Any

from nexus_contracts import Event
from nexus_contracts import events as ev
from nexus_contracts.ids import is_returning
from nexus_contracts.nationalities import is_foreign_national

from .after_decision import after_decision_sections
from .sections import build_report
from .tallies import EVENTS, PROMISED, Tallies
from .weekly import Window

__all__ = ["ReportBuilder"]


class ReportBuilder(Tallies):
    """Accumulates events (in any order) and builds the report as plain, JSON-ready data."""

    def __init__(self) -> None:
        super().__init__()
        self._on = {
            "ArrestMade": self._arrest, "IabsSearchCompleted": self._iabs, "StatusCheckAnswered": self._status,
            "StatusCheckNotRequired": self._not_required, "AcroCheckAnswered": self._acro,
            "ReferralCreated": self._referral, "IeDecisionMade": self._decision,
            "NonAttendanceRecorded": self._non_attendance, "JourneyConcluded": self._concluded,
            "BookingClosed": self._closed, "JourneyRecorded": self._erf, "StatusCheckMissed": self._missed,
            **self.removals.handlers(),
        }

    def add(self, event: Event) -> None:
        self.counts[EVENTS + event.event_type] += 1
        handler = self._on.get(event.event_type)
        if handler:
            handler(event.payload, event)

    def _arrest(self, p: ev.ArrestMade, event: Event) -> None:
        self.counts["arrests"] += 1
        if is_returning(p.detainee.person_ref):
            self.returning[p.detainee.person_ref] += 1

    def _iabs(self, p: ev.IabsSearchCompleted, event: Event) -> None:
        self.counts[f"iabs.{p.iabs.outcome}"] += 1
        if p.iabs.discrepancy:
            self.counts[f"iabs.discrepancy.{p.iabs.discrepancy}"] += 1

    def _status(self, p: ev.StatusCheckAnswered, event: Event) -> None:
        self.minutes_by_route[str(p.status.route)].append(
            (p.status.answered_at - p.status.requested_at).total_seconds() / 60)
        self.counts[f"status.{p.status.status}"] += 1
        self.counts["status.immigration_interest"] += p.status.immigration_interest
        self.counts["high_harm"] += p.status.high_harm
        self.high_harm_definitions.add(p.status.high_harm_definition)
        foreign = is_foreign_national(p.case.detainee.claimed_nationality, p.iabs.discrepancy)
        self._day(p.case.booked_at, "checks")
        self._day(p.case.booked_at, "foreign_nationals", foreign)
        self._day(p.case.booked_at, "foreign_nationals_checked", foreign)
        self.pools.answered(p.status, foreign)

    def _missed(self, p: ev.StatusCheckMissed, event: Event) -> None:
        self.pools.missed(p)

    def _not_required(self, p: ev.StatusCheckNotRequired, event: Event) -> None:
        self.counts[f"not_checked.{p.reason}"] += 1
        self._day(p.case.booked_at, "foreign_nationals", p.foreign_national)

    def _acro(self, p: ev.AcroCheckAnswered, event: Event) -> None:
        self.counts[f"acro.{p.channel}.{'replied' if p.replied else 'no_reply'}"] += 1
        if p.replied:
            self.acro_days[str(p.channel)].append((event.occurred_at - p.requested_at).total_seconds() / 86400)
        for record in p.records:
            self.counts[f"acro.records.{record.kind}"] += 1
            self.counts[f"acro.reliability.{record.reliability}"] += 1
            self.counts["acro.in_absentia"] += record.in_absentia

    def _referral(self, p: ev.ReferralCreated, event: Event) -> None:
        self.counts[f"referral.reason.{p.reason}"] += 1
        self.counts[f"referral.basis.{p.basis}"] += 1
        self.counts[f"referral.group.{p.nationality_group}"] += 1
        self.counts["referral.victim_witness_info"] += p.victim_witness_info_included

    def _decision(self, p: ev.IeDecisionMade, event: Event) -> None:
        self.counts[f"decision.{p.decision}"] += 1
        self.counts["decision.etd_application"] += p.etd_application

    def _non_attendance(self, p: ev.NonAttendanceRecorded, event: Event) -> None:
        self.counts[f"non_attendance.{p.route}"] += 1
        self.counts["non_attendance.no_officer_could_attend"] += not p.officer_could_attend
        self._day(p.released_at, "non_attendance")

    def _concluded(self, p: ev.JourneyConcluded, event: Event) -> None:
        if p.waited_for_check_hours > 0:
            self.waited_hours.append(p.waited_for_check_hours)

    def _closed(self, p: ev.BookingClosed, event: Event) -> None:
        self.counts[f"custody.{p.outcome}"] += 1
        self.custody_hours.append(p.custody_hours)
        if p.immigration_detention_hours:
            self.detention_hours.append(p.immigration_detention_hours)
            self.counts["custody.constant_watch"] += p.constant_watch
        self.cost += p.custody_cost_gbp
        self.places.cost(event, p.custody_cost_gbp)
        # dated by booking, as every weekly measure: the closure less the hours from booking
        self._day(event.occurred_at - timedelta(hours=p.custody_hours), "custody_cost_gbp", p.custody_cost_gbp)

    def _erf(self, p: ev.JourneyRecorded, event: Event) -> None:
        group = p.nationality_group
        self.counts["erf.records"] += 1
        self.places.journey(event, p)
        # what the journey record says was sent beside it: a collector waits for these too
        self.counts[PROMISED + "ReferralCreated"] += p.referrals
        self.counts[PROMISED + "IeDecisionMade"] += len(p.decisions)
        for event_type, sent in self.removals.promised(p).items():
            self.counts[PROMISED + event_type] += sent
        self.counts[PROMISED + "NonAttendanceRecorded"] += p.released_before_attendance
        self.counts["rec2.after_missed_check" if p.check_missed else "rec2.of_interest"] += p.released_before_attendance
        self.counts[f"erf.group.{group}"] += 1
        self.counts[f"erf.group_checked.{group}"] += p.status_checked
        if p.foreign_national:
            self.counts["erf.foreign_nationals"] += 1
            self.counts["erf.foreign_nationals_checked"] += p.status_checked
        if p.claimed_british:
            self.counts["erf.claimed_british"] += 1
            self.counts["erf.claimed_british_checked"] += p.status_checked

    def _day(self, at: datetime, measure: str, amount: int = 1) -> None:
        if amount:
            self.daily[(at.date().isoformat(), measure)] += amount

    def build(self, window: Window | None = None) -> dict[str, Any]:
        """The report; ``window`` (first day, days, scenario) adds the weekly series and the assumptions."""
        return {**build_report(self, window), **after_decision_sections(self, window)}

