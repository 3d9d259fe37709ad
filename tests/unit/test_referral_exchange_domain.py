import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from nexus_contracts.high_harm import DEFINITIONS, definition_for
from nexus_contracts.scenario import ImmigrationEnforcement
from nexus_contracts.vocabulary import IeDecision, ImmigrationStatus as S, OffenceCategory as O
from nexus_contracts.vocabulary import OverseasRecordKind as K, ReferralBasis
from referral_exchange import domain

READY = datetime(2013, 3, 4, 20, 0, tzinfo=UTC)
LIMIT = READY + timedelta(hours=10)
POLICY = domain.WaitPolicy(max_wait_hours=2, use_non_conviction=False, etd_share=0.5, allegation_referral_share=0.3,
                           decisions=ImmigrationEnforcement())


def assess(attends_after_hours: float | None, status=S.OVERSTAYER, interest=True):
    attends = None if attends_after_hours is None else READY + timedelta(hours=attends_after_hours)
    return domain.assess_custody(READY, LIMIT, status, interest, attends, False, None, POLICY, random.Random(1))


def test_officer_in_time_gets_a_referral_and_a_decision():
    result = assess(1.5)
    assert not result.released_before_attendance
    assert result.waited_hours == 1.5
    assert len(result.referrals) == 1 and result.referrals[0].basis is ReferralBasis.IMMIGRATION_STATUS


def test_rec2_release_before_a_late_officer_is_recorded():
    late = assess(5)
    assert late.released_before_attendance and late.officer_could_attend
    assert late.waited_hours == 2.0 and late.referrals == ()
    nobody = assess(None)
    assert nobody.released_before_attendance and not nobody.officer_could_attend
    assert nobody.waited_hours == 0.0


def test_police_never_wait_past_pace():
    tight = domain.assess_custody(READY, READY + timedelta(hours=0.5), S.OVERSTAYER, True,
                                  READY + timedelta(hours=1), False, None, POLICY, random.Random(1))
    assert tight.released_before_attendance and tight.waited_hours == 0.5


def test_no_interest_means_no_wait_and_no_record():
    result = assess(None, status=S.SETTLED, interest=False)
    assert not result.released_before_attendance and result.waited_hours == 0 and result.referrals == ()


def test_overseas_allegations_count_only_when_policy_allows():
    definition = DEFINITIONS["national-2015.1"]
    records = [(K.ALLEGATION, O.VIOLENCE)]
    assert domain.assess_overseas(records, definition, POLICY, random.Random(1)) is None
    allowing = replace(POLICY, use_non_conviction=True)
    referral = domain.assess_overseas(records, definition, allowing, random.Random(1))
    assert referral is not None and referral.basis is ReferralBasis.ALLEGATION


def test_conviction_outranks_allegation_and_etd_only_on_removal():
    records = [(K.ALLEGATION, O.VIOLENCE), (K.CONVICTION, O.ROBBERY)]
    for seed in range(30):
        referral = domain.assess_overseas(records, DEFINITIONS["national-2015.1"], POLICY, random.Random(seed))
        assert referral.basis is ReferralBasis.CONVICTION
        assert not referral.etd_application or referral.decision is IeDecision.DEPORTATION_CONSIDERATION


def test_rec5_national_definition_has_regional_variation():
    met = definition_for("national-2015.1", "met")
    avon = definition_for("national-2015.1", "avon-somerset")
    assert O.BURGLARY in met.offence_categories and O.BURGLARY not in avon.offence_categories
    assert met.version != avon.version


def test_a_definition_is_found_by_the_version_a_status_answer_carries():
    from nexus_contracts.high_harm import definition_named

    assert definition_named("national-2015.1+met") == definition_for("national-2015.1", "met")
    assert definition_named("met-2012.1") is DEFINITIONS["met-2012.1"]
