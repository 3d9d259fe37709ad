"""Relative weights in a scenario (mixes, profiles, decision tables): never negative nor infinite, and a
distribution is never empty nor all zero, so a draw from it always has something to choose."""

from collections.abc import Mapping, Sequence
from typing import Annotated, TypeVar

from pydantic import AfterValidator, Field

__all__ = ["Profile", "Share", "Shares", "Weight", "Weights"]

K = TypeVar("K")
V = TypeVar("V", Mapping, Sequence)


def _something_to_draw(weights: V) -> V:
    values = list(weights.values()) if isinstance(weights, Mapping) else list(weights)
    if not values:
        raise ValueError("is empty; give at least one weight above 0")
    if sum(values) <= 0:
        raise ValueError("has only zero weights; at least one must be above 0")
    return weights


Weight = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Weights = Annotated[dict[K, Weight], AfterValidator(_something_to_draw)]
Profile = Annotated[tuple[Weight, ...], AfterValidator(_something_to_draw)]
Share = Annotated[float, Field(ge=0.0, le=1.0)]
Shares = Annotated[dict[K, Share], AfterValidator(_something_to_draw)]
