import random
from datetime import UTC, datetime

import pytest

from nexus_contracts.vocabulary import CheckReason, CheckRoute, DiscrepancyKind, IabsOutcome
from nexus_runtime.scenarios import load_scenario
from status_check import domain
from status_check.acro import answer_acro, channel_for
from status_check.ccu_queue import CcuQueue, erlang_c

DAY = datetime(2013, 3, 4, 11, 0, tzinfo=UTC)  # a Monday, 11:00
NIGHT = datetime(2013, 3, 4, 3, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def london():
    return load_scenario("london-2013")


@pytest.mark.parametrize(
    ("claimed", "outcome", "discrepancy", "reason"),
    [
        ("RO", IabsOutcome.NO_MATCH, None, CheckReason.FOREIGN_NATIONAL),
        ("NG", IabsOutcome.MATCH, None, CheckReason.IABS_MATCH),
        ("GB", IabsOutcome.MATCH, DiscrepancyKind.CLAIMS_BRITISH_HELD_FOREIGN, CheckReason.IDENTITY_DISCREPANCY),
        ("GB", IabsOutcome.NO_MATCH, None, None),
        ("GB", IabsOutcome.UNUSABLE_PRINTS, None, None),
    ],
)
def test_rec1_every_foreign_national_and_every_match_is_checked(claimed, outcome, discrepancy, reason):
    assert domain.check_reason(claimed, outcome, discrepancy) == reason


def test_claimed_british_held_foreign_counts_as_foreign_national():
    assert domain.is_foreign_national("GB", DiscrepancyKind.CLAIMS_BRITISH_HELD_FOREIGN)
    assert not domain.is_foreign_national("GB", None)


def test_route_is_embedded_officer_on_duty_else_ccu(london):
    queue = CcuQueue(london)
    assert domain.plan_check(london, queue, "MET-CX", DAY, random.Random(1)).route is CheckRoute.EMBEDDED_OFFICER
    assert domain.plan_check(london, queue, "MET-CX", NIGHT, random.Random(1)).route is CheckRoute.CCU_REMOTE
    assert domain.plan_check(london, queue, "MET-SU", DAY, random.Random(1)).route is CheckRoute.CCU_REMOTE


def test_without_ccu_cover_the_check_goes_by_phone():
    scenario = load_scenario("london-2013", ["operating_model.ccu=null"])
    plan = domain.plan_check(scenario, CcuQueue(scenario), "MET-SU", DAY, random.Random(1))
    assert plan.route is CheckRoute.PHONE


def test_erlang_c_matches_known_values():
    assert erlang_c(1, 0.5) == pytest.approx(0.5)
    assert erlang_c(2, 1.0) == pytest.approx(1 / 3)
    assert erlang_c(3, 3.0) == 1.0


def test_a_saturated_ccu_makes_people_wait():
    busy = load_scenario("london-2013", ["operating_model.ccu.capacity=1"])
    waits = [CcuQueue(busy).wait_minutes(DAY, random.Random(i)) for i in range(20)]
    assert min(waits) > 0


def test_acro_uses_ecris_for_eu_and_interpol_otherwise(london):
    assert channel_for("RO").value == "ecris" and channel_for("NG").value == "interpol"
    answers = [answer_acro("NG", DAY, london.acro, random.Random(i)) for i in range(300)]
    no_reply = [a for a in answers if not a.replied]
    assert 0.2 < len(no_reply) / len(answers) < 0.5
    assert all((a.answered_at - DAY).days == london.acro.deadline_days for a in no_reply)


def test_a_rota_puts_officers_where_the_day_needs_them():
    rota = load_scenario("london-2013", [
        "operating_model.embedded=[{suites: [MET-SU], hours: '08-22', weekdays: [sat, sun]}]",
    ])
    queue = CcuQueue(rota)
    monday, saturday = DAY, DAY.replace(day=9)  # 2013-03-04 is a Monday, 03-09 a Saturday
    assert domain.plan_check(rota, queue, "MET-SU", monday, random.Random(1)).route is CheckRoute.CCU_REMOTE
    assert domain.plan_check(rota, queue, "MET-SU", saturday, random.Random(1)).route is CheckRoute.EMBEDDED_OFFICER
