"""After the IE decision (issue 13): the removal case's course, drawn in event time from a seeded rng."""

import random
from datetime import UTC, datetime, timedelta

import pytest

from nexus_contracts.scenario import Removals
from nexus_contracts.vocabulary import IeDecision, RemovalOutcome, RemovalRoute
from referral_exchange.removals import removal_case, route_of

DECIDED = datetime(2013, 3, 4, 21, 0, tzinfo=UTC)
MODEL = Removals()


def cases(decision: IeDecision, etd: bool = False, model: Removals = MODEL, n: int = 400):
    return [removal_case(decision, etd, DECIDED, model, random.Random(seed)) for seed in range(n)]


def test_no_action_opens_no_case_and_each_other_decision_its_route():
    assert route_of(IeDecision.NO_ACTION) is None and removal_case(IeDecision.NO_ACTION, False, DECIDED, MODEL,
                                                                   random.Random(1)) is None
    assert route_of(IeDecision.DETAINED) is RemovalRoute.ENFORCED_REMOVAL
    assert route_of(IeDecision.DEPORTATION_CONSIDERATION) is RemovalRoute.DEPORTATION
    assert route_of(IeDecision.PAPERS_SERVED) is RemovalRoute.VOLUNTARY_DEPARTURE


@pytest.mark.parametrize("decision", [IeDecision.DETAINED, IeDecision.DEPORTATION_CONSIDERATION,
                                      IeDecision.PAPERS_SERVED])
def test_every_case_closes_after_its_decision_and_leaves_only_by_a_leaving_outcome(decision):
    for case in cases(decision, etd=decision is not IeDecision.PAPERS_SERVED):
        assert case.closed_at > DECIDED
        assert (case.left_uk_at is not None) == case.outcome.left_uk
        assert case.left_uk_at in (None, case.closed_at)
        assert 0 <= case.detention_days <= (case.closed_at - DECIDED).total_seconds() / 86400 + 1e-3
        if case.etd is not None and case.outcome.left_uk:
            assert case.etd.issued and case.etd.completed_at <= case.closed_at


def test_deportation_takes_months_and_enforced_removal_weeks():
    removal = sorted((c.closed_at - DECIDED).days for c in cases(IeDecision.DETAINED) if c.barrier is None)
    deportation = sorted((c.closed_at - DECIDED).days for c in cases(IeDecision.DEPORTATION_CONSIDERATION)
                         if c.barrier is None)
    assert 10 <= removal[len(removal) // 2] <= 35 and 80 <= deportation[len(deportation) // 2] <= 170


def test_a_refused_etd_means_no_removal_and_an_issued_one_may_delay_it():
    refused_always = Removals(etd_refused_share=1.0)
    assert all(c.outcome is RemovalOutcome.NO_TRAVEL_DOCUMENT and c.closed_at == c.etd.completed_at
               for c in cases(IeDecision.DETAINED, etd=True, model=refused_always))
    slow = Removals(etd_refused_share=0.0, removal_barrier_share=0.0, etd_delay={"median_days": 200, "spread": 0.1})
    for case in cases(IeDecision.DETAINED, etd=True, model=slow, n=50):
        assert case.outcome is RemovalOutcome.REMOVED and case.closed_at == case.etd.completed_at
        assert (case.closed_at - DECIDED) > timedelta(days=150)


def test_barriers_stop_or_delay_removal_and_end_detention():
    always = Removals(removal_barrier_share=1.0, barrier_upheld_share=0.5)
    found = cases(IeDecision.DETAINED, model=always)
    assert all(c.barrier is not None for c in found)
    upheld = [c for c in found if c.outcome is RemovalOutcome.BARRIER_UPHELD]
    assert 120 < len(upheld) < 280 and all(c.left_uk_at is None for c in upheld)
    assert all(c.detention_days < (c.closed_at - DECIDED).total_seconds() / 86400 for c in found)
    never = cases(IeDecision.DETAINED, model=Removals(removal_barrier_share=0.0))
    assert all(c.barrier is None and c.outcome is RemovalOutcome.REMOVED for c in never)
    assert all(c.detention_days == pytest.approx((c.closed_at - DECIDED).total_seconds() / 86400, abs=1e-3)
               for c in never)


def test_papers_served_leave_at_the_voluntary_share_and_are_never_detained():
    found = cases(IeDecision.PAPERS_SERVED, model=Removals(voluntary_departure_share=0.25), n=1000)
    left = sum(c.outcome is RemovalOutcome.DEPARTED_VOLUNTARILY for c in found)
    assert 200 <= left <= 300
    assert all(c.detention_days == 0 and not c.detained and c.etd is None for c in found)
    assert {c.outcome for c in found} == {RemovalOutcome.DEPARTED_VOLUNTARILY, RemovalOutcome.REMAINS}


def test_the_same_draws_give_the_same_case():
    first = removal_case(IeDecision.DEPORTATION_CONSIDERATION, True, DECIDED, MODEL, random.Random(7))
    assert first == removal_case(IeDecision.DEPORTATION_CONSIDERATION, True, DECIDED, MODEL, random.Random(7))


def test_only_the_deportation_order_share_of_considerations_can_end_in_deportation():
    found = cases(IeDecision.DEPORTATION_CONSIDERATION, model=Removals(deportation_order_share=0.3), n=1000)
    without_order = [c for c in found if c.outcome is RemovalOutcome.REMAINS]
    assert 630 <= len(without_order) <= 770
    assert all(c.barrier is None and c.left_uk_at is None for c in without_order)
    with_etd = cases(IeDecision.DEPORTATION_CONSIDERATION, etd=True, model=Removals(deportation_order_share=0.0))
    assert all(c.etd is not None for c in with_etd)  # an application made completes, order or not
    assert all(c.outcome is not RemovalOutcome.DEPORTED
               for c in cases(IeDecision.DEPORTATION_CONSIDERATION, model=Removals(deportation_order_share=0.0)))
