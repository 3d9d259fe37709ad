"""The producers' partitioner: a key the scenario names goes where ``nexus_contracts.partitioning``
places it; any other, where Kafka's default partitioner would."""

from collections.abc import Mapping, Sequence

from aiokafka.partitioner import DefaultPartitioner

from nexus_contracts.partitioning import placement, scenario_loads
from nexus_contracts.scenario import Scenario

__all__ = ["KeyPartitioner"]


class KeyPartitioner:
    """An aiokafka ``partitioner``: ``(key bytes, all partitions, available partitions) -> partition``."""

    def __init__(self, spaces: list[Mapping[str, float]]) -> None:
        self._spaces = spaces
        self._placed: dict[int, dict[bytes, int]] = {}
        self._default = DefaultPartitioner()

    @classmethod
    def of(cls, scenario: Scenario) -> "KeyPartitioner":
        return cls(scenario_loads(scenario))

    def placement(self, partitions: int) -> dict[bytes, int]:
        found = self._placed.get(partitions)
        if found is None:
            found = self._placed[partitions] = {k.encode(): p for k, p in placement(self._spaces, partitions).items()}
        return found

    def __call__(self, key: bytes | None, all_partitions: Sequence[int], available: Sequence[int]) -> int:
        at = self.placement(len(all_partitions)).get(key) if key is not None else None
        if at is None:
            return self._default(key, all_partitions, available)
        return sorted(all_partitions)[at]
