"""Map an IE decision to its removal case's events (``nexus.immigration.removals``): the case opened at
the decision, the ETD application's completion, the case closed with its outcome. Every time is the
decision's plus durations drawn from ``rng_for(seed, decision event id, "removal")``."""

from collections.abc import Iterator

from nexus_contracts import Event
from nexus_contracts import events as ev
from nexus_contracts.payloads_common import CaseFacts
from nexus_contracts.randomness import rng_for
from nexus_contracts.scenario import Removals
from nexus_contracts.vocabulary import ProducingSystem, ReferralReason

from .removals import removal_case

__all__ = ["removal_events"]

PRODUCER = ProducingSystem.IMMIGRATION_ENFORCEMENT


def removal_events(decided: Event, case: CaseFacts, reason: ReferralReason, model: Removals,
                   seed: int) -> Iterator[Event]:
    decision: ev.IeDecisionMade = decided.payload
    found = removal_case(decision.decision, decision.etd_application, decided.occurred_at, model,
                         rng_for(seed, decided.event_id, "removal"))
    if found is None:
        return
    ids = {"custody_record_id": decision.custody_record_id, "referral_id": decision.referral_id}
    opened = decided.follow(ev.RemovalCaseOpened(
        **ids, reason=reason, decision=decision.decision, route=found.route, detained=found.detained,
        etd_application=decision.etd_application, nationality_group=case.detainee.nationality_group.value,
        booked_at=case.booked_at), at=decided.occurred_at, producer=PRODUCER)
    yield opened
    if found.etd is not None:
        days = (found.etd.completed_at - decided.occurred_at).total_seconds() / 86400
        yield opened.follow(ev.EtdApplicationCompleted(**ids, applied_at=decided.occurred_at, issued=found.etd.issued,
                                                       days_taken=round(days, 4)),
                            at=found.etd.completed_at, producer=PRODUCER)
    yield opened.follow(ev.RemovalCaseClosed(
        **ids, reason=reason, route=found.route, outcome=found.outcome, left_uk_at=found.left_uk_at,
        barrier=found.barrier, opened_at=decided.occurred_at, booked_at=case.booked_at,
        detention_days=found.detention_days), at=found.closed_at, producer=PRODUCER)
