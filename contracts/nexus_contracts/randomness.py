"""Seeded, per-event randomness (ARCHITECTURE.md invariant 2), stdlib only.

Every draw comes from a generator seeded by (scenario seed, event id, purpose),
never from a process-global generator, so a decision is the same wherever and
however often the event is processed.
"""

import hashlib
import math
import random
import uuid
from collections.abc import Mapping, Sequence
from typing import TypeVar

__all__ = ["SplitMix64", "choose_weighted", "lognormal_minutes", "rng_for"]

T = TypeVar("T")


_MASK = (1 << 64) - 1


class SplitMix64(random.Random):
    """A small, fast generator (SplitMix64) behind the ``random.Random`` interface: every method
    draws from ``random()`` and ``getrandbits()``; state, copying and pickling work too.

    A run seeds hundreds of thousands of short-lived generators, a few draws each; seeding a
    Mersenne Twister costs more than all its draws, SplitMix64's seed is one integer."""

    def seed(self, a: object = None, version: int = 2) -> None:  # type: ignore[override]
        if not isinstance(a, int):  # None, str, bytes...: hashed, as random.Random does in spirit
            a = int.from_bytes(hashlib.blake2b(repr(a).encode(), digest_size=8).digest(), "big")
        self._state = a & _MASK
        self.gauss_next = None

    def getstate(self) -> tuple[int, float | None]:  # type: ignore[override]
        return self._state, self.gauss_next

    def setstate(self, state: tuple[int, float | None]) -> None:  # type: ignore[override]
        self._state, self.gauss_next = state

    def random(self) -> float:
        return (self._next() >> 11) * (1.0 / (1 << 53))

    def getrandbits(self, k: int) -> int:
        if k < 0:
            raise ValueError("number of bits must be non-negative")
        bits, value = 0, 0
        while bits < k:
            value = (value << 64) | self._next()
            bits += 64
        return value >> (bits - k)

    def _next(self) -> int:
        self._state = z = (self._state + 0x9E3779B97F4A7C15) & _MASK
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return z ^ (z >> 31)


def rng_for(seed: int, event_id: object, purpose: str) -> random.Random:
    """The generator for one decision about one event: seeded by (scenario seed, event id, purpose)."""
    key = event_id.bytes if isinstance(event_id, uuid.UUID) else str(event_id).encode()
    digest = hashlib.blake2b(key, digest_size=8, key=f"{seed}|{purpose}".encode()[:64]).digest()
    return SplitMix64(int.from_bytes(digest, "big"))


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
