"""What the report counts as events come in: the state its sections are built from."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .places import PlaceTallies
from .pool_load import PoolLoad
from .removal_load import RemovalLoad

__all__ = ["EVENTS", "Tallies"]

EVENTS = "events."  # prefix of the per-event-type counts
PROMISED = "promised."  # events of a type the journey records say were sent (never in the report)


@dataclass(eq=False)
class Tallies:
    counts: Counter[str] = field(default_factory=Counter)
    minutes_by_route: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    acro_days: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    custody_hours: list[float] = field(default_factory=list)
    detention_hours: list[float] = field(default_factory=list)
    waited_hours: list[float] = field(default_factory=list)
    cost: int = 0
    high_harm_definitions: set[str] = field(default_factory=set)
    daily: Counter[tuple[str, str]] = field(default_factory=Counter)  # (ISO date, measure) -> count, for weekly series
    pools: PoolLoad = field(default_factory=PoolLoad)  # per capacity pool, for the capacity section
    places: PlaceTallies = field(default_factory=PlaceTallies)  # per suite, for the per-suite and per-force tables
    removals: RemovalLoad = field(default_factory=RemovalLoad)  # removal cases, for the after-decision sections
    returning: Counter[str] = field(default_factory=Counter)  # returning person ref -> arrests
