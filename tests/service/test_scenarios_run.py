"""Every bundled scenario runs to the end in memory, with its weekly series."""

from dataclasses import replace

import pytest

from nexus_runtime.scenarios import bundled_scenarios
from nexus_sim.run.in_memory import report_in_memory
from nexus_sim.run.spec import RunSpec


@pytest.mark.parametrize("name", bundled_scenarios())
def test_a_bundled_scenario_runs_to_the_end(name):
    spec = RunSpec(name, ("arrests.per_year=20000",), seed=2, days=8)
    report = report_in_memory(spec.load_scenario(), spec)
    assert report["arrests"] > 300
    assert report["dead_letters"] == 0
    assert report["rec3_central_record"]["complete"] and report["rec3_central_record"]["counts_agree"]
    weeks = report["weekly"]["weeks"]
    assert len(weeks) == 2
    assert sum(w["checks"] for w in weeks) == report["status_checks"]
    assert sum(w["custody_cost_gbp"] for w in weeks) == report["custody_cost_gbp"]


def test_national_2015_checks_under_the_single_definition_as_forces_go_live():
    # go-live mechanics, with nearly everyone referred once live (the bundled 30% is the calibration's, ICIBI 2016)
    spec = RunSpec("national-2015", ("arrests.per_year=30000", "referral_policy.never_referred_share=0.1"), seed=1)
    scenario = spec.load_scenario()
    report = report_in_memory(scenario, replace(spec, days=scenario.days))
    assert report["rec5_high_harm"]["definitions"] == ["national-2015.1"]
    weeks = report["weekly"]["weeks"]
    assert [weeks[0]["forces_live"], weeks[1]["forces_live"], weeks[-1]["forces_live"]] == [0, 1, 3]
    assert weeks[-1]["suites_live"] == report["weekly"]["suites"] == 15
    before, after = weeks[0]["share_checked"], weeks[-1]["share_checked"]
    assert after > before + 0.2  # checks follow go-live
