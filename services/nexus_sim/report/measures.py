"""A report's measures by dotted path, and the mean report of several runs.

A measure is a numeric leaf of a report (booleans are not measures). With ``lists``, items of
lists count too, by index (``weekly.weeks.0.checks``, ``capacity.pools.met/ccu.utilisation_by_hour.7``).
"""

import statistics
from collections.abc import Sequence
from typing import Any

__all__ = ["leaves", "mean_report"]


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def leaves(data: Any, prefix: str = "", *, lists: bool = False) -> dict[str, float]:
    """Every numeric leaf of ``data`` by its dotted path."""
    items = (data.items() if isinstance(data, dict)
             else enumerate(data) if lists and isinstance(data, list) else ())
    found: dict[str, float] = {}
    for key, value in items:
        path = f"{prefix}{key}"
        if _is_number(value):
            found[path] = value
        else:
            found |= leaves(value, f"{path}.", lists=lists)
    return found


def mean_report(reports: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """One report shaped as the runs' (the union of their keys): each measure the mean over the runs
    that have it (a value the same in all stays as it is), any other value the first run's."""
    if not reports:
        raise ValueError("a mean report needs at least one report")
    return _merge(list(reports))


def _merge(values: list[Any]) -> Any:
    first = values[0]
    if isinstance(first, dict):
        dicts = [v for v in values if isinstance(v, dict)]
        keys = dict.fromkeys(k for d in dicts for k in d)
        return {k: _merge([d[k] for d in dicts if k in d]) for k in keys}
    if isinstance(first, list) and all(isinstance(v, list) and len(v) == len(first) for v in values):
        return [_merge([v[i] for v in values]) for i in range(len(first))]
    if _is_number(first) and all(_is_number(v) for v in values) and any(v != first for v in values):
        return round(statistics.fmean(values), 4)
    return first
