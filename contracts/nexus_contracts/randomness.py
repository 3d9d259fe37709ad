"""Seeded, per-event randomness (DESIGN.md invariant 2), stdlib only.

Every draw comes from a generator seeded by (scenario seed, event id, purpose),
never from a process-global generator, so a decision is the same wherever and
however often the event is processed.
"""

import hashlib
import math
import random
from collections.abc import Mapping, Sequence
from typing import TypeVar

__all__ = ["choose_weighted", "lognormal_minutes", "rng_for"]

T = TypeVar("T")


def rng_for(seed: int, event_id: object, purpose: str) -> random.Random:
    digest = hashlib.blake2b(f"{seed}|{event_id}|{purpose}".encode(), digest_size=8).digest()
    return random.Random(int.from_bytes(digest, "big"))


def lognormal_minutes(rng: random.Random, median_minutes: float, spread: float) -> float:
    """A duration with the given median and lognormal sigma, in minutes (at least one)."""
    return max(1.0, median_minutes * math.exp(rng.gauss(0.0, spread)))


def choose_weighted(rng: random.Random, weights: Mapping[T, float] | Sequence[tuple[T, float]]) -> T:
    items = list(weights.items()) if isinstance(weights, Mapping) else list(weights)
    total = sum(w for _, w in items)
    point = rng.random() * total
    for value, weight in items:
        point -= weight
        if point < 0:
            return value
    return items[-1][0]
