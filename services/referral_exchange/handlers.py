"""Referral exchange handlers: status and ACRO answers -> referrals, IE decisions and the removal
cases they open, non-attendance records, the journey's conclusion and its JourneyRecorded."""

from collections.abc import Iterable, Iterator
from datetime import timedelta
from uuid import UUID

from nexus_contracts import Event
from nexus_contracts import events as ev
from nexus_contracts.high_harm import definition_named
from nexus_contracts.ids import derived_id, short_ref
from nexus_contracts.randomness import rng_for
from nexus_contracts.scenario import Scenario
from nexus_contracts.sharing import disclosure_policy
from nexus_contracts.vocabulary import ProducingSystem

from . import domain
from .journey_record import journey_recorded
from .removal_handlers import removal_events

__all__ = ["ReferralExchange"]

PRODUCER = ProducingSystem.IMMIGRATION_ENFORCEMENT


class ReferralExchange:
    def __init__(self, scenario: Scenario, seed: int) -> None:
        self._policies = domain.WaitPolicies(scenario.referral_policy, scenario.immigration_enforcement)
        self._decision_delay = timedelta(minutes=scenario.immigration_enforcement.decision_delay_minutes)
        self._removals = scenario.removals
        self._disclosure = disclosure_policy(scenario.referral_policy)
        self._seed = seed

    def handlers(self):
        return {
            "StatusCheckAnswered": self.on_status_answered,
            "StatusCheckNotRequired": self.on_not_required,
            "StatusCheckMissed": self.on_status_missed,
            "AcroCheckAnswered": self.on_acro_answered,
        }

    def on_not_required(self, event: Event) -> Iterable[Event]:
        p: ev.StatusCheckNotRequired = event.payload
        concluded = ev.JourneyConcluded(case=p.case, handed_to_immigration=False,
                                        released_at=p.case.police_ready_at, waited_for_check_hours=0.0)
        yield event.follow(concluded, at=max(event.occurred_at, p.case.police_ready_at), producer=PRODUCER)
        record = journey_recorded(p.case, p.iabs, None, None, (), foreign_national=p.foreign_national)
        yield event.follow(record, at=event.occurred_at, producer=PRODUCER)

    def on_status_missed(self, event: Event) -> Iterable[Event]:
        """Rec 1 and 2: held for a check no officer could make in time, then released unchecked."""
        p: ev.StatusCheckMissed = event.payload
        at = max(p.released_at, event.occurred_at)
        yield event.follow(ev.NonAttendanceRecorded(custody_record_id=p.case.custody_record_id, route=p.route,
                                                    released_at=p.released_at, officer_could_attend=False),
                           at=at, producer=PRODUCER)
        concluded = ev.JourneyConcluded(case=p.case, handed_to_immigration=False, released_at=p.released_at,
                                        waited_for_check_hours=domain.hours_waited(p.case.police_ready_at,
                                                                                   p.released_at))
        yield event.follow(concluded, at=at, producer=PRODUCER)
        record = journey_recorded(p.case, p.iabs, None, None, (), foreign_national=p.foreign_national,
                                  check_missed=True)
        yield event.follow(record, at=event.occurred_at, producer=PRODUCER)

    def on_status_answered(self, event: Event) -> Iterable[Event]:
        p: ev.StatusCheckAnswered = event.payload
        assessment = self._assess_custody(p.case, p.iabs, p.status, event.event_id)
        if assessment.released_before_attendance:
            yield event.follow(ev.NonAttendanceRecorded(
                custody_record_id=p.case.custody_record_id, route=p.status.route,
                released_at=assessment.released_at, officer_could_attend=assessment.officer_could_attend,
            ), at=max(assessment.released_at, event.occurred_at), producer=PRODUCER)
        yield from self._referral_events(event, p.case, p.status.high_harm_definition, assessment.referrals)
        concluded = ev.JourneyConcluded(
            case=p.case, handed_to_immigration=assessment.handed_to_immigration,
            released_at=assessment.released_at, waited_for_check_hours=assessment.waited_hours,
        )
        yield event.follow(concluded, at=max(assessment.released_at, event.occurred_at), producer=PRODUCER)
        if not p.acro_requested:
            foreign = True if p.foreign_national is None else p.foreign_national
            yield event.follow(journey_recorded(p.case, p.iabs, p.status, assessment, (), foreign_national=foreign),
                               at=event.occurred_at, producer=PRODUCER)

    def on_acro_answered(self, event: Event) -> Iterable[Event]:
        p: ev.AcroCheckAnswered = event.payload
        # Derive, don't remember: the custody assessment is a pure function of the status
        # answer, so it is recomputed here rather than kept as state between events.
        assessment = self._assess_custody(p.case, p.iabs, p.status, UUID(p.status_event_id))
        rng = rng_for(self._seed, event.event_id, "overseas")
        definition = definition_named(p.status.high_harm_definition)
        overseas = domain.assess_overseas(((r.kind, r.offence_category) for r in p.records),
                                          definition, self._policies.under(definition), rng)
        found = (overseas,) if overseas else ()
        yield from self._referral_events(event, p.case, p.status.high_harm_definition, found)
        record = journey_recorded(p.case, p.iabs, p.status, assessment, found, acro_replied=p.replied)
        yield event.follow(record, at=event.occurred_at, producer=PRODUCER)

    def _assess_custody(self, case, iabs, status, status_event_id: UUID) -> domain.CustodyAssessment:
        rng = rng_for(self._seed, status_event_id, "custody")
        return domain.assess_custody(
            case.police_ready_at, case.pace_limit_at, status.status, status.immigration_interest,
            status.officer_attends_at, status.high_harm, iabs.discrepancy,
            self._policies.under(definition_named(status.high_harm_definition)), rng,
        )

    def _referral_events(self, cause: Event, case, definition: str, referrals) -> Iterator[Event]:
        for index, referral in enumerate(referrals):
            referral_id = short_ref("REF", derived_id(cause.event_id, "referral", index))
            yield cause.follow(ev.ReferralCreated(
                custody_record_id=case.custody_record_id, referral_id=referral_id, reason=referral.reason,
                basis=referral.basis, nationality_group=case.detainee.nationality_group.value,
                high_harm_definition=definition,
                victim_witness_info_included=self._disclosure.shares_victim_witness_details(case.offence),
            ), at=cause.occurred_at, producer=PRODUCER, index=index)
            decided = cause.follow(ev.IeDecisionMade(
                custody_record_id=case.custody_record_id, referral_id=referral_id, decision=referral.decision,
                etd_application=referral.etd_application,
            ), at=cause.occurred_at + self._decision_delay, producer=PRODUCER, index=index)
            yield decided
            yield from removal_events(decided, case, referral.reason, self._removals, self._seed)
