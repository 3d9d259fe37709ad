"""The scenario language: bundled scenarios, several forces, phased go-live, and errors that name the
file, the field and the problem."""

import datetime as dt
from pathlib import Path

import pytest

from nexus_runtime.scenarios import ScenarioError, bundled_scenarios, load_scenario
from nexus_sim.run.arrests import arrests_on

BUNDLED = ("london-2012-launch", "london-2013", "national-2015", "west-midlands-2014")


def test_the_four_rollout_scenarios_are_bundled_and_valid():
    assert set(BUNDLED) <= set(bundled_scenarios())
    for name in bundled_scenarios():
        assert load_scenario(name).name == name


def test_national_2015_holds_three_forces_under_the_single_definition():
    scenario = load_scenario("national-2015")
    assert [f.id for f in scenario.all_forces] == ["avon-somerset", "east-midlands", "lancashire"]
    assert scenario.referral_policy.high_harm_definition == "national-2015.1"
    assert scenario.force_of("LA-PR").id == "lancashire"
    assert scenario.suite_live_from("LA-PR") == dt.date(2015, 4, 13)
    assert scenario.suite_live_from("AS-PW") == dt.date(2015, 1, 12)


def test_arrests_carry_the_force_of_their_suite():
    scenario = load_scenario("national-2015")
    arrests = arrests_on(scenario, 1, dt.date(2015, 5, 4))
    assert {e.force for e in arrests} == {"avon-somerset", "east-midlands", "lancashire"}
    assert all(e.force == scenario.force_of(e.custody_suite).id for e in arrests)


def test_london_launch_goes_live_in_phases_five_suites_then_22():
    scenario = load_scenario("london-2012-launch")
    live_on = lambda day: sum(scenario.suite_live_from(s.id) <= day for s in scenario.suites)  # noqa: E731
    assert live_on(dt.date(2012, 8, 31)) == 0
    assert live_on(dt.date(2012, 9, 10)) == 5
    assert live_on(dt.date(2012, 10, 1)) == 22
    assert scenario.operating_model.ccu.hours.covers(3) is False  # some hours only


def test_extends_and_set_override_the_parent():
    scenario = load_scenario("london-2012-launch", ["operating_model.ccu.capacity=10"])
    assert scenario.operating_model.ccu.capacity == 10
    assert len(scenario.suites) == 30  # inherited from london-2013


def _refusal(tmp_path: Path, text: str) -> str:
    path = tmp_path / "broken.yaml"
    path.write_text(text)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    message = str(caught.value)
    assert str(path) in message
    return message


def test_an_unknown_field_is_named(tmp_path):
    message = _refusal(tmp_path, "extends: london-2013\nname: x\noperating_model: {ccu: {capacty: 3}}\n")
    assert "operating_model.ccu.capacty" in message and "Extra inputs are not permitted" in message


def test_a_wrong_type_is_named(tmp_path):
    message = _refusal(tmp_path, "extends: london-2013\nname: x\narrests: {per_year: lots}\n")
    assert "arrests.per_year" in message and "valid number" in message


def test_a_suite_going_live_before_its_force_exists_is_refused(tmp_path):
    message = _refusal(tmp_path, "extends: national-2015\nname: x\nsuites:\n"
                                 "  - {id: LA-PR, name: Preston, force: lancashire, live_from: 2015-02-02}\n")
    assert "field 'suites'" in message and "LA-PR" in message and "before its force lancashire" in message


def test_a_phase_before_the_force_exists_is_refused(tmp_path):
    message = _refusal(tmp_path, "extends: london-2013\nname: x\nrollout:\n"
                                 "  - {from_date: 2012-01-02, suites: [MET-CX]}\n")
    assert "field 'rollout'" in message and "MET-CX goes live 2012-01-02, before its force met" in message


def test_an_unknown_force_or_suite_is_refused(tmp_path):
    assert "unknown force 'kent'" in _refusal(
        tmp_path, "extends: national-2015\nname: x\nsuites: [{id: KE-MA, name: Maidstone, force: kent}]\n")
    assert "unknown suites ['MET-ZZ']" in _refusal(
        tmp_path, "extends: london-2013\nname: x\nrollout: [{from_date: 2013-01-07, suites: [MET-ZZ]}]\n")


def test_duplicate_forces_are_refused(tmp_path):
    message = _refusal(tmp_path, "extends: national-2015\nname: x\nforces:\n"
                                 "  - {id: avon-somerset, name: again, nexus_from: 2015-01-12}\n")
    assert "field 'forces'" in message and "duplicate force ids ['avon-somerset']" in message


def test_set_reaches_list_items_and_names_itself_when_wrong():
    from nexus_runtime.scenarios import ScenarioError, load_scenario

    assert load_scenario("london-2013", ["suites.0.weight=3"]).suites[0].weight == 3
    with pytest.raises(ScenarioError, match=r"'99' is not an index of a list of 30"):
        load_scenario("london-2013", ["suites.99.weight=3"])
    with pytest.raises(ScenarioError, match=r"operating_model.ccu.capactiy.*from --set operating_model.ccu.capactiy=3"):
        load_scenario("london-2013", ["operating_model.ccu.capactiy=3"])


def test_an_unknown_parent_is_blamed_on_the_file_that_extends_it(tmp_path):
    from nexus_runtime.scenarios import ScenarioError, load_scenario

    child = tmp_path / "child.yaml"
    child.write_text("extends: nowhere-2099\nname: child\n")
    with pytest.raises(ScenarioError, match=r"child.yaml: field 'extends': no scenario named 'nowhere-2099'"):
        load_scenario(child)


def _absence(pool: str, force: str | None = None, to_date: str = "2015-03-06") -> str:
    named = f", force: {force}" if force else ""
    return f"  absences: [{{pool: {pool}{named}, from_date: 2015-03-05, to_date: {to_date}, staff_off: 1}}]\n"


def test_an_absence_from_an_embedded_cover_that_does_not_exist_is_refused(tmp_path):
    message = _refusal(tmp_path, "extends: national-2015\nname: x\noperating_model:\n" + _absence("embedded.3"))
    assert "field 'operating_model'" in message
    assert "absences.0.pool: 'embedded.3' names no embedded cover" in message and "embedded.2" in message


def test_an_absence_of_an_unknown_force_is_refused(tmp_path):
    message = _refusal(tmp_path, "extends: national-2015\nname: x\noperating_model:\n" + _absence("ccu", "kent"))
    assert "absences.0.force: unknown force 'kent'" in message and "lancashire" in message


def test_an_absence_from_another_forces_team_is_refused(tmp_path):
    message = _refusal(tmp_path, "extends: national-2015\nname: x\noperating_model:\n"
                       + _absence("embedded.1", "lancashire"))
    assert "absences.0: embedded.1 is a team of force east-midlands, not lancashire" in message


def test_an_absence_ending_before_it_starts_is_refused(tmp_path):
    message = _refusal(tmp_path, "extends: national-2015\nname: x\noperating_model:\n"
                       + _absence("ccu", to_date="2015-03-01"))
    assert "field 'operating_model.absences.0'" in message and "before from_date" in message


def test_absences_of_existing_pools_are_taken_and_set_reaches_them():
    scenario = load_scenario("national-2015", [
        "operating_model.absences=[{pool: embedded.1, force: east-midlands, from_date: 2015-05-04, "
        "to_date: 2015-05-08, staff_off: 1}, {pool: ccu, from_date: 2015-05-04, to_date: 2015-05-04, staff_off: 2}]"])
    assert [a.pool for a in scenario.operating_model.absences] == ["embedded.1", "ccu"]
    with pytest.raises(ScenarioError, match=r"names no embedded cover.*from --set operating_model.embedded=\[\]"):
        load_scenario("national-2015", ["operating_model.embedded=[]", "operating_model.absences="
                                        "[{pool: embedded.0, from_date: 2015-05-04, to_date: 2015-05-04, staff_off: 1}]"])


def test_surges_multiply_the_rate_at_their_suites_in_their_hours_of_their_day():
    arrests = load_scenario("london-2013", [
        "arrests.surges=[{on: 2013-03-08, factor: 3}, {on: 2013-03-08, factor: 2, hours: '22-02', suites: [MET-CX]}]"
    ]).arrests
    friday, saturday = dt.date(2013, 3, 8), dt.date(2013, 3, 9)
    assert arrests.surges[0].hours.covers(0) and arrests.surges[0].hours.covers(23)  # the whole day by default
    assert arrests.surge_factor(friday, 12, "MET-CX") == 3  # every suite
    assert arrests.surge_factor(friday, 23, "MET-CX") == 6 and arrests.surge_factor(friday, 1, "MET-CX") == 6
    assert arrests.surge_factor(friday, 23, "MET-BX") == 3  # the second surge is MET-CX's only
    assert arrests.surge_factor(saturday, 1, "MET-CX") == 1  # another day: as usual
    assert load_scenario("london-2013").arrests.surge_factor(friday, 12, "MET-CX") == 1


def test_a_surge_triples_that_days_arrests_and_leaves_the_other_days_alone():
    usual, surge = load_scenario("london-2013"), load_scenario(
        "london-2013", ["arrests.surges=[{on: 2013-03-05, factor: 3}]"])
    monday, tuesday = dt.date(2013, 3, 4), dt.date(2013, 3, 5)
    assert arrests_on(surge, 1, monday) == arrests_on(usual, 1, monday)
    assert 2.5 < len(arrests_on(surge, 1, tuesday)) / len(arrests_on(usual, 1, tuesday)) < 3.5


def test_a_surge_at_an_unknown_suite_or_of_no_arrests_is_refused(tmp_path):
    message = _refusal(tmp_path, "extends: london-2013\nname: x\narrests:\n"
                                 "  surges: [{on: 2013-03-08, factor: 3, suites: [MET-ZZ]}]\n")
    assert "field 'arrests'" in message and "surges.0: unknown suites ['MET-ZZ']" in message
    message = _refusal(tmp_path, "extends: london-2013\nname: x\narrests:\n"
                                 "  surges: [{on: 2013-03-08, factor: 0}]\n")
    assert "arrests.surges.0.factor" in message and "greater than 0" in message
