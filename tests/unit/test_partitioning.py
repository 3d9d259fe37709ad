"""Keys spread over partitions by the scenario's expected load, the same way by every producer."""

from collections import Counter

import pytest

from nexus_contracts.partitioning import balanced, placement, scenario_loads
from nexus_runtime.partitioner import KeyPartitioner
from nexus_runtime.scenarios import load_scenario


@pytest.mark.parametrize("name", ["london-2013", "national-2015"])
def test_no_partition_carries_much_more_than_its_share_of_arrests(name):
    scenario = load_scenario(name)
    partitioner = KeyPartitioner.of(scenario)
    shares: Counter[int] = Counter()
    for suite_id, load in scenario_loads(scenario)[0].items():
        shares[partitioner(suite_id.encode(), list(range(6)), list(range(6)))] += load
    assert len(shares) == 6
    assert max(shares.values()) < 1 / 6 + 0.02  # hashing put 29.5% (London) and 34.4% (national) on one


def test_heaviest_first_onto_the_least_loaded_partition():
    assert balanced({"a": 5, "b": 3, "c": 3, "d": 1}, 2) == {"a": 0, "b": 1, "c": 1, "d": 0}


def test_suites_and_forces_are_balanced_each_in_their_own_space():
    london = load_scenario("london-2013")
    placed = placement(scenario_loads(london), 6)
    assert placed[london.force.id] == 0  # the one force does not crowd the suites off partition 0
    assert any(placed[s.id] == 0 for s in london.suites)


def test_a_key_the_scenario_does_not_name_goes_where_kafkas_default_puts_it():
    from aiokafka.partitioner import DefaultPartitioner

    partitioner = KeyPartitioner.of(load_scenario("london-2013"))
    assert partitioner(b"ELSEWHERE", [0, 1, 2, 3, 4, 5], [0, 1, 2, 3, 4, 5]) == \
        DefaultPartitioner()(b"ELSEWHERE", [0, 1, 2, 3, 4, 5], [0, 1, 2, 3, 4, 5])
