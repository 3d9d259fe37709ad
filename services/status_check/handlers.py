"""Status check handlers: IabsSearchCompleted -> a check raised on the force's queue (or none);
the force's desks (``desk_handlers.py``) take raised checks in event-time order; answered
checks of high-harm foreign nationals go on to ACRO."""

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
from .desk_handlers import ForceDesks

__all__ = ["StatusCheck"]

PRODUCER = ProducingSystem.IMMIGRATION_STATUS


class StatusCheck:
    def __init__(self, scenario: Scenario, seed: int) -> None:
        self._scenario = scenario
        self._seed = seed
        self._desks = ForceDesks(scenario, seed, self.answer)
        self._definition_version = scenario.referral_policy.high_harm_definition

    def handlers(self):
        return {"IabsSearchCompleted": self.on_iabs_result}

    def ordered(self) -> ForceDesks:
        return self._desks

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
        raised = ev.StatusCheckRaised(case=case, iabs=iabs, reason=reason, foreign_national=foreign,
                                      release_by=self._scenario.referral_policy.release_by(case.police_ready_at,
                                                                                           case.pace_limit_at))
        yield event.follow(raised, at=event.occurred_at, producer=PRODUCER)

    def answer(self, raised: Event, allocation) -> Iterable[Event]:
        """A check the desks gave an officer: requested, answered, and for high harm, ACRO asked."""
        check: ev.StatusCheckRaised = raised.payload
        case, iabs = check.case, check.iabs
        yield raised.follow(
            ev.StatusCheckRequested(custody_record_id=case.custody_record_id, route=allocation.route,
                                    reason=check.reason), at=raised.occurred_at, producer=PRODUCER)
        finding = domain.find_status(self._scenario, case.detainee.claimed_nationality, iabs.outcome,
                                     iabs.discrepancy, allocation.route, allocation.answered_at,
                                     self._rng(raised, "finding"))
        definition = definition_for(self._definition_version, raised.force)  # regional variation per force
        high_harm = domain.is_high_harm(definition, check.foreign_national, case.offence.category,
                                        iabs.prior_immigration_encounters)
        status = StatusSummary(
            route=allocation.route, requested_at=raised.occurred_at, answered_at=allocation.answered_at,
            status=finding.status, immigration_interest=finding.immigration_interest,
            officer_attends_at=finding.officer_attends_at, high_harm=high_harm,
            high_harm_definition=definition.version, started_at=allocation.started_at,
            pool=f"{raised.force}/{allocation.pool}", overflowed_from=allocation.overflowed_from,
        )
        answered = raised.follow(
            ev.StatusCheckAnswered(case=case, iabs=iabs, reason=check.reason, status=status,
                                   acro_requested=domain.asks_acro(high_harm), foreign_national=check.foreign_national),
            at=allocation.answered_at, producer=PRODUCER,
        )
        yield answered
        if answered.payload.acro_requested:
            yield from self._ask_acro(answered, domain.acro_country(case.detainee.claimed_nationality,
                                                                    iabs.record_nationality))

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
