"""What a run produced, whether simulated or replayed from a log, in memory or on Kafka."""

from dataclasses import dataclass, field
from typing import Any

from nexus_contracts.scenario import Scenario

from ..report.weekly import Window
from .outcomes import Outcomes
from .spec import RunSpec

__all__ = ["RunResult"]


@dataclass
class RunResult:
    """The outcomes of a run and how long it took; ``inputs_fed`` counts the input records fed
    (arrests, or a log's inputs), ``entries`` holds what the run recorded when asked to (the log
    entries a replay produced, inputs included)."""

    outcomes: Outcomes
    seconds: float = 0.0
    inputs_fed: int = 0
    entries: list[Any] = field(default_factory=list)

    @property
    def digest(self) -> str:
        return self.outcomes.digest()

    @property
    def counts(self) -> dict[str, int]:
        return dict(self.outcomes.counts)

    @property
    def dead_letters(self) -> int:
        return sum(self.outcomes.dead_letters.values())

    def report(self, scenario: Scenario, spec: RunSpec) -> dict[str, Any]:
        """The run's full report: who ran what (scenario, overrides, seed, days), the digest, the sections.

        Plain JSON-ready data with no wall-clock values, so identical runs give identical files."""
        return {"scenario": scenario.name, "overrides": list(spec.overrides), "seed": spec.seed, "days": spec.days,
                "digest": self.digest, "dead_letters": self.dead_letters,
                **self.outcomes.report.build(Window(scenario, spec.days))}
