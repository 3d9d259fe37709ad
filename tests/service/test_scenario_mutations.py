"""Scenario validation that never crashes (issue 13), as a property: any mutation of a bundled scenario's
parameters (zeroed, negated, scaled up or down, infinite or NaN numbers; emptied, zeroed, trimmed or junk
mappings and lists; values of the wrong type) is either refused cleanly (a ScenarioError naming the
field or the --set) or runs to the end with every journey concluded, every removal case closed and no
message dead-lettered."""

import math

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from nexus_contracts.scenario import Scenario, parameter_fields, parameters
from nexus_runtime.scenarios import ScenarioError, load_scenario
from nexus_sim.report.assumptions import plain
from nexus_sim.run.in_memory import run_in_memory

BASE = ("arrests.per_year=4000",)  # about eleven arrests a day: a quick run
CURRENT = {p.path: plain(p.value) for p in parameters(load_scenario("london-2013", BASE)) if p.path != "arrests.per_year"}
JUNK_KEYS = ("cautioned", "XX", "GB", "", "median_minutes", "spread")
FACTORS = (0, -1, 0.001, 0.1, 0.5, 0.5, 0.9, 1.1, 1.5, 2, 1000, 10**9, math.inf, -math.inf, math.nan)


def _number(value: float) -> st.SearchStrategy:
    return st.sampled_from(FACTORS).map(lambda factor: value * factor if value else factor)


def _mutated(value: object) -> st.SearchStrategy:
    """A mutation that keeps the value's shape (more valid runs), or one of the wrong type."""
    wrong = st.one_of(st.none(), st.booleans(), st.text(max_size=6), st.just({}), st.just([]))
    if isinstance(value, bool) or value is None:
        return st.one_of(st.booleans(), wrong)
    if isinstance(value, (int, float)):
        return st.one_of(_number(value), _number(value), _number(value), wrong)
    if isinstance(value, dict):
        keys = sorted(value)
        return st.one_of(
            st.sampled_from(keys).flatmap(lambda k: _mutated(value[k]).map(lambda new: {**value, k: new})),
            st.sampled_from(keys).map(lambda k: {key: v for key, v in value.items() if key != k}),
            st.just({k: 0 * v if isinstance(v, (int, float)) else v for k, v in value.items()}),
            st.sampled_from(JUNK_KEYS).map(lambda junk: {**value, junk: 1}),
            wrong)
    if isinstance(value, list) and value:
        return st.one_of(
            st.integers(0, len(value) - 1).flatmap(
                lambda i: _mutated(value[i]).map(lambda new: [*value[:i], new, *value[i + 1:]])),
            st.just([0 * v if isinstance(v, (int, float)) else v for v in value]), st.just(value[:-1]), wrong)
    return wrong


MUTATIONS = st.lists(st.sampled_from(sorted(CURRENT)).flatmap(
    lambda path: _mutated(CURRENT[path]).map(lambda new: (path, new))), min_size=1, max_size=3)


def as_set(path: str, value: object) -> str:
    return f"{path}={yaml.safe_dump(value, default_flow_style=True, width=10_000).strip().removesuffix('...').strip()}"


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True,
          database=None)
@given(mutations=MUTATIONS)
def test_a_mutated_scenario_is_refused_cleanly_or_runs_every_journey_to_its_end(mutations):
    overrides = [*BASE, *(as_set(path, value) for path, value in mutations)]
    try:
        scenario = load_scenario("london-2013", overrides)
    except ScenarioError as refused:
        assert "field '" in str(refused) or "--set" in str(refused)
        event("refused")
        return
    event("ran")
    result = run_in_memory(scenario, seed=1, days=1)
    counts = result.counts
    assert result.dead_letters == 0, result.outcomes.first_dead_letter
    assert counts["ArrestMade"] == counts["JourneyRecorded"] == counts["BookingClosed"] > 0
    assert counts.get("RemovalCaseOpened", 0) == counts.get("RemovalCaseClosed", 0)


def test_every_parameter_can_be_mutated():
    assert set(CURRENT) == set(parameter_fields(Scenario)) - {"arrests.per_year"}
