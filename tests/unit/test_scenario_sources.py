"""Every assumption a scenario field with its source (issue 13): each parameter of the scenario contract
cites a seed, a public figure or says it is an assumption; the bundled scenarios cite their own values;
`nexus scenarios show` prints one source per parameter; `--set` reaches the former hard-coded tables; and no
domain module keeps a decision constant of its own."""

import ast
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nexus_contracts.scenario import Scenario, parameter_fields, parameters, source_of
from nexus_runtime.scenarios import ScenarioError, bundled_scenarios, load_scenario
from nexus_sim.cli.app import app
from nexus_sim.run.in_memory import report_in_memory
from nexus_sim.run.spec import RunSpec

SERVICES = Path(__file__).resolve().parents[2] / "services"
CITATION = re.compile(r"^(assumption: |policy: |given by each scenario)|seed 00\d|\b(19|20)\d\d\b|PACE")
# Module-level constants a domain module may keep: the law (PACE s40-44, CALIBRATION.md) and definitions
# that are the domain's words, not numbers to tune.
ALLOWED_CONSTANTS = {
    "custody_booking/domain.py": {"PACE_LIMIT", "PACE_LIMIT_INDICTABLE", "FIRST_REVIEW_HOURS", "REVIEW_INTERVAL_HOURS"},
    "status_check/domain.py": {"_OF_INTEREST"},
    "status_check/capacity.py": {"HOUR", "SEARCH_LIMIT"},
    "referral_exchange/domain.py": {"_BASIS_OF_RECORD", "_REMOVAL", "_NOT_REMOVABLE"},
    "referral_exchange/removals.py": set(),
}
DOMAIN_MODULES = [SERVICES / name for name in ("custody_booking/domain.py", "fingerprint_match/domain.py",
                                               "status_check/domain.py", "status_check/acro.py",
                                               "status_check/capacity.py", "referral_exchange/domain.py")]


def test_every_parameter_of_the_contract_cites_its_source():
    fields = parameter_fields(Scenario)
    assert len(fields) >= 60
    uncited = [path for path, info in fields.items() if not CITATION.search(source_of(info) or "")]
    assert not uncited, f"parameters without a source: {uncited}"


@pytest.mark.parametrize("name", bundled_scenarios())
def test_scenarios_show_prints_one_source_per_parameter_and_the_bundled_ones_cite_theirs(name):
    result = CliRunner().invoke(app, ["scenarios", "show", name])
    assert result.exit_code == 0, result.output
    resolved = parameters(load_scenario(name))
    assert result.output.count("\n  source: ") == len(resolved) == len(re.findall(r"^[a-z_.]+: ", result.output, re.M))
    assert "no source given" not in result.output
    assert f"# {len(resolved)} parameters, {sum(p.assumption for p in resolved)} of them assumptions" in result.output


def test_a_value_set_without_a_source_says_so_and_sources_can_be_given():
    scenario = load_scenario("london-2013", ["referral_policy.etd_share=0.6"])
    etd = next(p for p in parameters(scenario) if p.path == "referral_policy.etd_share")
    assert etd.value == 0.6 and etd.source == "scenario london-2013: no source given" and not etd.assumption
    with pytest.raises(ScenarioError, match=r"field 'sources'.*unknown parameters \['referral_policy.etd_shar'\]"):
        load_scenario("london-2013", ["sources={referral_policy.etd_shar: 'seed 002'}"])
    given = load_scenario("london-2013", ["sources={referral_policy.etd_share: 'assumption: for a sweep'}"])
    assert next(p for p in parameters(given) if p.path == "referral_policy.etd_share").assumption


def test_set_reaches_the_former_hard_coded_decision_tables():
    spec = RunSpec("london-2013", seed=3, days=1)
    usual = report_in_memory(load_scenario("london-2013", ["arrests.per_year=60000"]), spec)
    everyone_detained = report_in_memory(load_scenario("london-2013", [
        "arrests.per_year=60000",
        "immigration_enforcement.after_status={absconder: {detained: 1}, overstayer: {detained: 1}, "
        "illegal_entrant: {detained: 1}, no_trace: {detained: 1}, discrepancy_only: {detained: 1}}"]), spec)
    assert usual["ie_decisions"].get("papers_served", 0) > 0
    assert everyone_detained["ie_decisions"].get("papers_served", 0) == 0
    assert everyone_detained["ie_decisions"]["detained"] > usual["ie_decisions"]["detained"]
    no_interest = report_in_memory(load_scenario("london-2013", [
        "arrests.per_year=60000", "immigration_status.matched={settled: 1}", "immigration_status.unmatched={settled: 1}",
        "immigration_status.eu={settled: 1}", "immigration_status.held_foreign={settled: 1}"]), spec)
    assert no_interest["status_checks"] > 0 and no_interest["referrals_by"]["reason"].get("immigration_offender", 0) == 0


def _constants(path: Path) -> set[str]:
    names = set()
    for node in ast.parse(path.read_text()).body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        names |= {t.id for t in targets if isinstance(t, ast.Name) and t.id.lstrip("_").isupper()}
    return names


def _numbers_in_draws(path: Path) -> list[str]:
    """Numeric literals given to a random draw or compared with one: a parameter hiding in the code."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        calls = [node] if isinstance(node, ast.Call) else []
        if isinstance(node, ast.Compare):
            calls = [side for side in (node.left, *node.comparators) if isinstance(side, ast.Call)]
            if calls and any(isinstance(side, ast.Constant) and isinstance(side.value, (int, float))
                             for side in (node.left, *node.comparators)):
                found.append(f"line {node.lineno}: compared with a number")
        for call in calls:
            func = call.func
            drawn = isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "rng"
            if drawn and func.attr != "getrandbits" and any(isinstance(a, ast.Constant) for a in call.args):
                found.append(f"line {call.lineno}: rng.{func.attr} with a number")
    return found


@pytest.mark.parametrize("path", DOMAIN_MODULES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_decision_constant_remains_in_a_domain_module(path):
    key = f"{path.parent.name}/{path.name}"
    assert _constants(path) <= ALLOWED_CONSTANTS.get(key, set()), f"{key}: constants {_constants(path)}"
    assert not _numbers_in_draws(path), f"{key}: {_numbers_in_draws(path)}"


def test_the_report_lists_every_assumption_the_run_used_and_the_html_shows_them():
    from nexus_sim.report.html_page import render_html

    scenario = load_scenario("west-midlands-2014", ["arrests.per_year=20000"])
    report = report_in_memory(scenario, RunSpec("west-midlands-2014", seed=1, days=1))
    section = report["assumptions"]
    resolved = parameters(scenario)
    assert section["parameters"] == len(resolved) and section["sourced"] + len(section["assumptions"]) == len(resolved)
    listed = {a["parameter"]: a for a in section["assumptions"]}
    assert listed["referral_policy.etd_share"]["value"] == 0.45
    assert "referral_policy.never_referred_share" not in listed  # ICIBI 2016: sourced
    html = render_html([report])
    assert "Appendix: assumptions" in html and "<code>immigration_enforcement.high_harm.allegation</code>" in html


def test_the_readme_counts_the_parameters_and_assumptions_of_london_2013():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    resolved = parameters(load_scenario("london-2013"))
    said = f"of the {len(resolved)}\nparameters of `london-2013`, {sum(p.assumption for p in resolved)} are assumptions"
    assert said in readme
    assert sum(p.source.startswith("calibrated:") for p in resolved) == 2
