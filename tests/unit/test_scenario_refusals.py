"""Broken scenario input (issue 13): each case is one clear error naming the file, the field and the
problem, and `nexus simulate` exits 2 with it and no traceback."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from nexus_runtime.scenarios import ScenarioError, load_scenario
from nexus_sim.cli.app import app

BASE = "extends: london-2013\nname: broken\n"


def _refused(tmp_path: Path, text: str, overrides: tuple[str, ...] = ()) -> str:
    path = tmp_path / "broken.yaml"
    path.write_text(text)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path, overrides)
    message = str(caught.value)
    assert str(path) in message
    return message


def test_an_impossible_date_names_the_field(tmp_path):
    message = _refused(tmp_path, BASE + "start_date: 2013-02-30\n")
    assert "field 'start_date'" in message and "day value is outside expected range" in message


def test_a_missing_parent_file_names_extends_and_the_file(tmp_path):
    message = _refused(tmp_path, "extends: missing.yaml\nname: broken\n")
    assert "field 'extends'" in message and "no such scenario file" in message and "missing.yaml" in message


@pytest.mark.parametrize("field", ["nationality_mix", "offence_mix"])
def test_an_empty_mix_is_refused(tmp_path, field):
    message = _refused(tmp_path, BASE + f"population: {{{field}: {{}}}}\n")
    assert f"field 'population.{field}'" in message and "is empty" in message


def test_an_all_zero_hourly_profile_is_refused(tmp_path):
    message = _refused(tmp_path, BASE + f"arrests: {{hourly_profile: [{', '.join(['0'] * 24)}]}}\n")
    assert "field 'arrests.hourly_profile'" in message and "only zero weights" in message


def test_an_unknown_disposal_is_refused(tmp_path):
    message = _refused(tmp_path, BASE + "custody: {disposal_shares: {charged: 0.3, cautioned: 0.7}}\n")
    assert "field 'custody.disposal_shares.cautioned.[key]'" in message and "'charged', 'bailed' or 'released'" in message


def test_all_zero_disposal_shares_are_refused(tmp_path):
    message = _refused(tmp_path, BASE + "custody: {disposal_shares: {charged: 0, bailed: 0, released: 0}}\n")
    assert "field 'custody.disposal_shares'" in message and "only zero weights" in message


@pytest.mark.parametrize(("section", "field"), [("population", "nationality_mix"), ("population", "offence_mix")])
def test_a_negative_weight_is_refused(tmp_path, section, field):
    key = "PL" if field == "nationality_mix" else "theft"
    message = _refused(tmp_path, BASE + f"{section}: {{{field}: {{{key}: -2}}}}\n")
    assert f"field '{section}.{field}.{key}'" in message and "greater than or equal to 0" in message


def test_a_negative_profile_weight_is_refused(tmp_path):
    message = _refused(tmp_path, BASE + "arrests: {weekday_profile: [1, 1, 1, 1, 1, -1, 1]}\n")
    assert "field 'arrests.weekday_profile.5'" in message and "greater than or equal to 0" in message


def test_a_key_given_twice_is_refused_with_its_line(tmp_path):
    message = _refused(tmp_path, BASE + "days: 3\nreferral_policy:\n  etd_share: 0.4\n  etd_share: 0.5\n")
    assert "broken.yaml:6:3:" in message and "key 'etd_share' is given twice" in message
    assert "first at line 5" in message


def test_an_empty_file_is_one_error(tmp_path):
    message = _refused(tmp_path, "# nothing here\n")
    assert "the file is empty" in message and "Field required" not in message
    assert len(message.splitlines()) == 1


def test_a_syntax_error_names_the_file_line_and_column(tmp_path):
    message = _refused(tmp_path, BASE + "population: {foreign_national_share: 0.3\n")
    assert "<unicode string>" not in message and "not valid YAML" in message
    assert message.startswith(f"{tmp_path / 'broken.yaml'}:4:1:")


def test_a_top_level_list_is_refused(tmp_path):
    assert "must be a mapping of fields, not list" in _refused(tmp_path, "- a\n- b\n")


def test_set_with_an_impossible_date_or_into_a_value_is_named():
    with pytest.raises(ScenarioError, match=r"field 'start_date'.*from --set start_date=2013-02-30"):
        load_scenario("london-2013", ["start_date=2013-02-30"])
    with pytest.raises(ScenarioError, match=r"--set 'name.x=3': 'name' is a value, not a section"):
        load_scenario("london-2013", ["name.x=3"])
    with pytest.raises(ScenarioError, match=r"--set 'population.nationality_mix=\{PL: 1, PL: 2\}'.*given twice"):
        load_scenario("london-2013", ["population.nationality_mix={PL: 1, PL: 2}"])


@pytest.mark.parametrize("text", [BASE + "start_date: 2013-02-30\n", "extends: missing.yaml\nname: x\n", "",
                                  BASE + "custody: {disposal_shares: {cautioned: 1}}\n", BASE + "days: [\n"])
def test_simulate_refuses_with_exit_2_and_no_traceback(tmp_path, text):
    path = tmp_path / "broken.yaml"
    path.write_text(text)
    result = CliRunner().invoke(app, ["simulate", "--scenario", str(path), "--days", "1"])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "error:" in result.output and "broken.yaml" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize(("override", "field"), [
    ("custody.booking_minutes={median_minutes: 1e9}", "custody.booking_minutes.median_minutes"),
    ("removals.etd_delay={median_days: .inf}", "removals.etd_delay.median_days"),
    ("referral_policy.max_wait_for_check_hours=1000", "referral_policy.max_wait_for_check_hours"),
    ("operating_model.ccu.capacity=1000000", "operating_model.ccu.capacity"),
    ("acro.further_records_rate=0.000001", "acro.further_records_rate"),
])
def test_durations_and_staff_beyond_any_run_are_refused(override, field):
    """Bounds that keep every time inside the calendar and every pool a size a run can hold."""
    with pytest.raises(ScenarioError, match=rf"field '{field}'.*from --set"):
        load_scenario("london-2013", [override])
