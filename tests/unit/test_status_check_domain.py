import random
from datetime import UTC, datetime

import pytest

from nexus_contracts.vocabulary import CheckReason, CheckRoute, DiscrepancyKind, IabsOutcome
from nexus_runtime.scenarios import load_scenario
from status_check import domain
from status_check.acro import answer_acro, channel_for
from status_check.capacity import CheckDesk

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


def first_route(scenario, suite, at):
    """The first-choice route of a check raised at ``suite`` at ``at`` (an idle desk)."""
    return domain.pool_options(scenario, CheckDesk(lambda pool: lambda hour: 1), suite, at)[0].route


def test_route_is_embedded_officer_on_duty_else_ccu(london):
    assert first_route(london, "MET-CX", DAY) is CheckRoute.EMBEDDED_OFFICER
    assert first_route(london, "MET-CX", NIGHT) is CheckRoute.CCU_REMOTE
    assert first_route(london, "MET-SU", DAY) is CheckRoute.CCU_REMOTE


def test_overflow_order_ends_with_the_phone_which_never_overflows(london):
    options = domain.pool_options(london, CheckDesk(lambda pool: lambda hour: 1), "MET-CX", DAY)
    assert [o.route for o in options] == [CheckRoute.EMBEDDED_OFFICER, CheckRoute.CCU_REMOTE, CheckRoute.PHONE]
    assert options[-1].overflow_after is None and options[0].overflow_after is not None


def test_without_ccu_cover_the_check_goes_by_phone():
    scenario = load_scenario("london-2013", ["operating_model.ccu=null"])
    assert first_route(scenario, "MET-SU", DAY) is CheckRoute.PHONE


def test_never_referred_share_is_the_only_free_referral_parameter(london):
    never = load_scenario("london-2013", ["referral_policy.never_referred_share=1"])
    assert not any(domain.is_referred(never, "MET-CX", DAY, random.Random(i)) for i in range(50))
    referred = sum(domain.is_referred(london, "MET-CX", DAY, random.Random(i)) for i in range(2000))
    assert 0.9 < referred / 2000 < 0.96  # 1 - 0.07


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
    monday, saturday = DAY, DAY.replace(day=9)  # 2013-03-04 is a Monday, 03-09 a Saturday
    assert first_route(rota, "MET-SU", monday) is CheckRoute.CCU_REMOTE
    assert first_route(rota, "MET-SU", saturday) is CheckRoute.EMBEDDED_OFFICER
