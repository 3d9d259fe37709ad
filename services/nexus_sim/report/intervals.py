"""Replicate statistics: the mean of a measure over runs with its 95% t-interval, and the paired
difference of two scenarios run on the same seeds (common random numbers). Pure functions.

With one run there is no interval: ``low`` and ``high`` are None (shown as n/a).
"""

import math
import statistics
from collections.abc import Sequence
from typing import Any

__all__ = ["interval", "paired_difference", "t_quantile_975"]

# two-sided 95% (0.975 quantile) of Student's t for 1..30 degrees of freedom
_T_975 = (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145,
          2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048,
          2.045, 2.042)
_Z_975 = 1.959964


def t_quantile_975(df: int) -> float:
    """The 0.975 quantile of Student's t with ``df`` degrees of freedom (a table to 30, then the
    Cornish-Fisher expansion, within 0.001 of the exact value)."""
    if df < 1:
        raise ValueError(f"degrees of freedom must be at least 1, got {df}")
    if df <= len(_T_975):
        return _T_975[df - 1]
    z = _Z_975
    return (z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2)
            + (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * df ** 3))


def _bounds(values: Sequence[float]) -> tuple[float, float | None, float | None]:
    mean = statistics.fmean(values)
    if len(values) < 2:
        return mean, None, None
    half = t_quantile_975(len(values) - 1) * statistics.stdev(values) / math.sqrt(len(values))
    return mean, mean - half, mean + half


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def interval(values: Sequence[float]) -> dict[str, Any]:
    """``n``, ``mean``, the 95% interval of the mean (``low``, ``high``), ``min`` and ``max``."""
    if not values:
        raise ValueError("an interval needs at least one value")
    mean, low, high = _bounds(values)
    return {"n": len(values), "mean": _r(mean), "low": _r(low), "high": _r(high),
            "min": _r(min(values)), "max": _r(max(values))}


def paired_difference(a: Sequence[float], b: Sequence[float]) -> dict[str, Any]:
    """The mean of ``a[i] - b[i]`` (run i of A and of B share a seed), its 95% interval, and whether
    the interval excludes zero (None when there is no interval)."""
    if len(a) != len(b) or not a:
        raise ValueError(f"paired differences need runs on the same seeds: {len(a)} and {len(b)} values")
    delta, low, high = _bounds([x - y for x, y in zip(a, b, strict=True)])
    excludes = None if low is None else bool(low > 0 or high < 0)
    return {"n": len(a), "a": _r(statistics.fmean(a)), "b": _r(statistics.fmean(b)), "delta": _r(delta),
            "low": _r(low), "high": _r(high), "excludes_zero": excludes}


def point_intervals(points: Sequence[Sequence[float]]) -> tuple[list[float], list[tuple[float, float] | None]]:
    """For a chart's points, each given as its values over the runs: the means (0 where no run has the
    point) and the 95% intervals (None where fewer than two runs have it)."""
    spread = [interval(values) if values else None for values in points]
    return ([p["mean"] if p else 0.0 for p in spread],
            [(p["low"], p["high"]) if p and p["low"] is not None else None for p in spread])
