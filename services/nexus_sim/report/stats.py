"""Small, deterministic summary statistics for the report (stdlib only)."""

import statistics
from collections.abc import Sequence

__all__ = ["rate", "summary"]


def rate(part: float, whole: float) -> float:
    return round(part / whole, 4) if whole else 0.0


def summary(values: Sequence[float]) -> dict[str, float | int]:
    """Count, mean, median and 90th percentile, rounded to 0.01."""
    if not values:
        return {"count": 0, "mean": 0.0, "median": 0.0, "p90": 0.0}
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    return {"count": len(ordered), "mean": round(statistics.fmean(ordered), 2),
            "median": round(statistics.median(ordered), 2), "p90": round(p90, 2)}
