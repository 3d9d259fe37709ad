"""Which partition a message key goes to: spread by the scenario's expected load, not by hash.

Hashing 30 custody suites onto 6 partitions put 29% of London's arrests on one partition, which
capped what a second instance of a service could take. Every producer that knows the scenario
(the driver, the four services) places a key the scenario names (a custody suite, or a force on
the check queue) by ``balanced``: the heaviest first, each onto the least-loaded partition so far.
Any other key goes where Kafka's default partitioner puts it (murmur2). The placement is
deterministic, so all instances of a service agree, and a key stays on one partition (order per
key, ARCHITECTURE.md invariant 3). An outside implementation may partition by hash: placement
changes only how evenly load spreads, never an outcome.
"""

from collections.abc import Mapping

from .scenario import Scenario

__all__ = ["balanced", "placement", "scenario_loads"]


def balanced(loads: Mapping[str, float], partitions: int) -> dict[str, int]:
    """Each key's partition: keys by load, heaviest first (then by name), each onto the partition
    with the least load so far (the lowest number on a tie)."""
    totals = [0.0] * partitions
    placed = {}
    for key in sorted(loads, key=lambda k: (-loads[k], k)):
        target = min(range(partitions), key=lambda p: (totals[p], p))
        placed[key] = target
        totals[target] += loads[key]
    return placed


def scenario_loads(scenario: Scenario) -> list[dict[str, float]]:
    """The key spaces a scenario names, each with its expected share of arrests: custody suites (by
    weight), and forces (their suites' sum; the check queue's key)."""
    total = sum(s.weight for s in scenario.suites)
    suites = {s.id: s.weight / total for s in scenario.suites}
    forces: dict[str, float] = {}
    for suite in scenario.suites:
        force = scenario.force_of(suite.id).id
        forces[force] = forces.get(force, 0.0) + suites[suite.id]
    return [suites, forces]


def placement(spaces: list[Mapping[str, float]], partitions: int) -> dict[str, int]:
    """Every key's partition, each key space balanced on its own (a topic carries keys of one space)."""
    return {key: at for loads in spaces for key, at in balanced(loads, partitions).items()}
