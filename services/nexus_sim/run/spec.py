"""What a run is: the scenario (by reference), its overrides, the seed and the simulated days.

One frozen value handed from the command line to the event-log header, the Kafka run and the
service processes (and their environment), so these four facts never travel as loose arguments.
"""

from dataclasses import dataclass

from nexus_contracts.scenario import Scenario
from nexus_runtime.scenarios import load_scenario

__all__ = ["RunSpec"]


@dataclass(frozen=True)
class RunSpec:
    """``scenario_ref`` is a bundled scenario's name or a path to a YAML file; ``overrides`` are
    ``--set FIELD.PATH=VALUE`` strings; ``days`` is None when not known (a log recorded off a live
    Kafka without ``--days``)."""

    scenario_ref: str
    overrides: tuple[str, ...] = ()
    seed: int = 1
    days: int | None = None

    def load_scenario(self) -> Scenario:
        """The scenario with the overrides applied (``ScenarioError`` says what is wrong)."""
        return load_scenario(self.scenario_ref, list(self.overrides))
