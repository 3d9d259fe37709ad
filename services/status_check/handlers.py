"""Status check handlers: IabsSearchCompleted -> the status check and, for high harm, ACRO."""

from collections.abc import Iterable
from datetime import timedelta

from nexus_contracts import Event
from nexus_contracts import events as ev
from nexus_contracts.grading import grade
from nexus_contracts.high_harm import definition_for
from nexus_contracts.payloads_common import StatusSummary
from nexus_contracts.randomness import rng_for
from nexus_contracts.scenario import Scenario
from nexus_contracts.vocabulary import NotCheckedReason, ProducingSystem

from . import acro, domain
from .ccu_queue import CcuQueue

__all__ = ["StatusCheck"]

PRODUCER = ProducingSystem.IMMIGRATION_STATUS


class StatusCheck:
    def __init__(self, scenario: Scenario, seed: int) -> None:
        self._scenario = scenario
        self._seed = seed
        self._queue = CcuQueue(scenario)
        self._definition_version = scenario.referral_policy.high_harm_definition

    def handlers(self):
        return {"IabsSearchCompleted": self.on_iabs_result}

    def on_iabs_result(self, event: Event) -> Iterable[Event]:
        found: ev.IabsSearchCompleted = event.payload
        case, iabs = found.case, found.iabs
        nationality = case.detainee.claimed_nationality
        foreign = domain.is_foreign_national(nationality, iabs.discrepancy)
        reason = domain.check_reason(nationality, iabs.outcome, iabs.discrepancy)
        if reason is None or not domain.is_referred(self._scenario, event.custody_suite, event.occurred_at,
                                                    self._rng(event, "referred")):
            why = NotCheckedReason.NO_IMMIGRATION_INTEREST if reason is None else NotCheckedReason.NOT_REFERRED
            not_required = ev.StatusCheckNotRequired(case=case, iabs=iabs, reason=why, foreign_national=foreign)
            yield event.follow(not_required, at=event.occurred_at, producer=PRODUCER)
            return
        plan = domain.plan_check(self._scenario, self._queue, event.custody_suite, event.occurred_at,
                                 self._rng(event, "route"))
        yield event.follow(
            ev.StatusCheckRequested(custody_record_id=case.custody_record_id, route=plan.route, reason=reason),
            at=event.occurred_at, producer=PRODUCER,
        )
        answered = self._answer(event, plan, reason, foreign)
        yield answered
        if answered.payload.acro_requested:
            yield from self._ask_acro(answered, domain.acro_country(nationality, iabs.record_nationality))

    def _answer(self, event: Event, plan: domain.CheckPlan, reason, foreign: bool) -> Event:
        found: ev.IabsSearchCompleted = event.payload
        case, iabs = found.case, found.iabs
        answered_at = event.occurred_at + timedelta(minutes=plan.answer_minutes)
        finding = domain.find_status(self._scenario, case.detainee.claimed_nationality, iabs.outcome,
                                     iabs.discrepancy, plan.route, answered_at, self._rng(event, "finding"))
        definition = definition_for(self._definition_version, event.force)  # regional variation per force
        high_harm = domain.is_high_harm(definition, foreign, case.offence.category, iabs.prior_immigration_encounters)
        status = StatusSummary(
            route=plan.route, requested_at=event.occurred_at, answered_at=answered_at, status=finding.status,
            immigration_interest=finding.immigration_interest, officer_attends_at=finding.officer_attends_at,
            high_harm=high_harm, high_harm_definition=definition.version,
        )
        return event.follow(
            ev.StatusCheckAnswered(case=case, iabs=iabs, reason=reason, status=status,
                                   acro_requested=domain.asks_acro(high_harm)),
            at=answered_at, producer=PRODUCER,
        )

    def _rng(self, event: Event, decision: str):
        """One generator per decision, so changing one part of a scenario leaves the others' draws alone."""
        return rng_for(self._seed, event.event_id, f"status.{decision}")

    def _ask_acro(self, answered: Event, country: str) -> Iterable[Event]:
        check: ev.StatusCheckAnswered = answered.payload
        requested_at = check.status.answered_at
        rng = rng_for(self._seed, answered.event_id, "acro")
        reply = acro.answer_acro(country, requested_at, self._scenario.acro, rng)
        request = ev.AcroCheckRequested(custody_record_id=check.case.custody_record_id, country=country,
                                        channel=reply.channel)
        yield answered.follow(request, at=requested_at, producer=PRODUCER)
        records = tuple(
            ev.OverseasRecord(country=country, kind=r.kind, offence_category=r.offence_category,
                              in_absentia=r.in_absentia,
                              grading=grade(r.reliability, r.kind, r.in_absentia, reply.channel))
            for r in reply.records
        )
        answer = ev.AcroCheckAnswered(
            case=check.case, iabs=check.iabs, status=check.status, status_event_id=str(answered.event_id),
            channel=reply.channel, requested_at=requested_at, replied=reply.replied, records=records,
        )
        yield answered.follow(answer, at=reply.answered_at, producer=PRODUCER)
