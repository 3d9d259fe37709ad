"""Fingerprint match's domain (fingerprint_match/domain.py): a seeded IABS search, no broker."""

import re
import statistics

import pytest

from fingerprint_match.domain import Finding, search_iabs
from nexus_contracts.nationalities import BRITISH, COUNTRIES
from nexus_contracts.randomness import rng_for
from nexus_contracts.scenario import IabsModel
from nexus_contracts.vocabulary import DiscrepancyKind, IabsOutcome, NationalityGroup

MIX = {"RO": 3.0, "NG": 2.0, "IN": 2.0, "AL": 1.0}
CLEAN = IabsModel(unusable_share=0.0, different_nationality_share=0.0)
DRAWS = 4000


def searches(claimed: str, model: IabsModel = CLEAN, british_foreign_share: float = 0.0, *, seed: int = 1,
             n: int = DRAWS, mix: dict[str, float] = MIX) -> list[Finding]:
    return [search_iabs(claimed, model, british_foreign_share, mix, rng_for(seed, f"booking-{i}", "iabs"))
            for i in range(n)]


def share(findings: list[Finding], outcome: IabsOutcome) -> float:
    return sum(f.outcome is outcome for f in findings) / len(findings)


def test_british_claimants_never_match_when_no_foreign_identity_is_drawn():
    findings = searches(BRITISH, british_foreign_share=0.0)
    assert {f.outcome for f in findings} == {IabsOutcome.NO_MATCH}
    assert all(f.home_office_reference is None and f.discrepancy is None for f in findings)


def test_a_british_claimant_matches_only_as_a_foreign_identity():
    findings = searches(BRITISH, british_foreign_share=1.0, n=500)
    assert {f.outcome for f in findings} == {IabsOutcome.MATCH}
    assert {f.discrepancy for f in findings} == {DiscrepancyKind.CLAIMS_BRITISH_HELD_FOREIGN}
    assert {f.record_nationality for f in findings} <= set(MIX)


def test_the_claimed_british_discrepancy_rate_follows_the_population_share():
    matched = share(searches(BRITISH, british_foreign_share=0.1), IabsOutcome.MATCH)
    assert 0.08 < matched < 0.12


def test_unusable_prints_share_follows_the_model_and_carry_no_reference():
    findings = searches("NG", IabsModel(unusable_share=0.1))
    unusable = [f for f in findings if f.outcome is IabsOutcome.UNUSABLE_PRINTS]
    assert 0.08 < len(unusable) / len(findings) < 0.12
    assert all(f.home_office_reference is None and f.record_nationality is None for f in unusable)


def test_unusable_prints_come_before_any_match():
    findings = searches(BRITISH, IabsModel(unusable_share=1.0), british_foreign_share=1.0, n=200)
    assert {f.outcome for f in findings} == {IabsOutcome.UNUSABLE_PRINTS}


@pytest.mark.parametrize("claimed", ["RO", "AL", "NG", "IN", "IQ", "BR", "AU"])
def test_match_rates_by_nationality_group_follow_the_model(claimed):
    expected = CLEAN.match_share[COUNTRIES[claimed]]
    matched = share(searches(claimed), IabsOutcome.MATCH)
    assert abs(matched - expected) < 0.03, (claimed, matched, expected)


def test_a_group_the_model_does_not_list_never_matches():
    model = IabsModel(unusable_share=0.0, match_share={NationalityGroup.EU: 1.0})
    assert share(searches("RO", model, n=300), IabsOutcome.MATCH) == 1.0
    assert share(searches("NG", model, n=300), IabsOutcome.MATCH) == 0.0


def test_a_match_held_under_another_nationality_names_a_foreign_one():
    model = IabsModel(unusable_share=0.0, match_share={NationalityGroup.EU: 1.0}, different_nationality_share=1.0)
    findings = searches("RO", model, n=500)
    assert {f.discrepancy for f in findings} == {DiscrepancyKind.DIFFERENT_NATIONALITY}
    assert all(f.record_nationality in MIX and f.record_nationality not in ("RO", BRITISH) for f in findings)


def test_a_plain_match_keeps_the_claimed_nationality_and_no_discrepancy():
    model = IabsModel(unusable_share=0.0, match_share={NationalityGroup.AFRICA: 1.0}, different_nationality_share=0.0)
    findings = searches("NG", model, n=300)
    assert {(f.record_nationality, f.discrepancy) for f in findings} == {("NG", None)}


def test_home_office_references_and_encounters_are_well_formed():
    model = IabsModel(unusable_share=0.0, match_share={NationalityGroup.AFRICA: 0.5})
    findings = searches("NG", model, n=1000)
    matches = [f for f in findings if f.outcome is IabsOutcome.MATCH]
    assert matches and all(re.fullmatch(r"HO-[0-9A-F]{10}", f.home_office_reference) for f in matches)
    assert len({f.home_office_reference for f in matches}) == len(matches)
    assert all(0 <= f.prior_immigration_encounters <= 6 for f in matches)
    assert any(f.prior_immigration_encounters > 0 for f in matches)
    assert all(f.home_office_reference is None and f.prior_immigration_encounters == 0
               for f in findings if f.outcome is IabsOutcome.NO_MATCH)


def test_search_time_is_lognormal_around_the_model_median():
    minutes = [f.search_minutes for f in searches("RO")]
    assert min(minutes) >= 1.0
    assert abs(statistics.median(minutes) - CLEAN.search.median_minutes) < 1.0


def test_the_same_seed_gives_the_same_findings_and_another_seed_others():
    model = IabsModel(match_share={NationalityGroup.AFRICA: 0.6}, different_nationality_share=0.2)
    first, again = searches("NG", model, seed=7, n=300), searches("NG", model, seed=7, n=300)
    other = searches("NG", model, seed=8, n=300)
    assert first == again
    assert first != other
