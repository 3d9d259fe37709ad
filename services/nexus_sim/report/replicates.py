"""Replicates of one scenario (runs on seeds seed..seed+N-1) and paired comparisons of two.

The JSON of replicates is ``{"mode": "replicates", "scenario", "label", "overrides", "days",
"seeds", "digests", "measures": {"<dotted.path>": {"n", "mean", "low", "high", "min", "max"}},
"mean": <a report whose measures are the means>}``. A measure a run does not have (a route no
check took in that run) is not applicable there: its ``n`` counts the runs that have it.

Compared (``--compare`` with ``--replicates``), run i of A and run i of B share seed i (common
random numbers), and ``differences`` holds, per measure both sides have in every run, the mean of
A - B with its 95% interval and whether that excludes zero: ``{"mode": "compare-replicates",
"a_label", "b_label", "a": <replicates>, "b": <replicates>, "differences": {...}}``.
"""

from collections.abc import Sequence
from typing import Any

from .differences import label
from .intervals import interval, paired_difference
from .measures import leaves, mean_report

__all__ = ["measure_intervals", "paired_comparison", "replicate_summary"]

Report = dict[str, Any]


def _values(reports: Sequence[Report]) -> list[dict[str, float]]:
    return [leaves(r, lists=True) for r in reports]


def measure_intervals(reports: Sequence[Report]) -> dict[str, dict[str, Any]]:
    """Every measure of any run: its mean over the runs that have it, 95% interval, min and max."""
    runs = _values(reports)
    paths = sorted({path for run in runs for path in run})
    return {path: interval([run[path] for run in runs if path in run]) for path in paths}


def replicate_summary(reports: Sequence[Report]) -> Report:
    """The replicates of one scenario, in seed order."""
    first = reports[0]
    return {"mode": "replicates", "scenario": first["scenario"], "label": label(first),
            "overrides": first.get("overrides", []), "days": first["days"], "seeds": [r["seed"] for r in reports],
            "digests": [r["digest"] for r in reports], "measures": measure_intervals(reports),
            "mean": mean_report(reports)}


def paired_comparison(a: Sequence[Report], b: Sequence[Report]) -> Report:
    """A and B run on the same seeds, compared seed by seed."""
    if [r["seed"] for r in a] != [r["seed"] for r in b]:
        raise ValueError("a paired comparison needs A and B run on the same seeds")
    left, right = _values(a), _values(b)
    paths = sorted(set.intersection(*(set(run) for run in left + right)))
    return {"mode": "compare-replicates", "a_label": label(a[0]), "b_label": label(b[0]),
            "a": replicate_summary(a), "b": replicate_summary(b),
            "differences": {path: paired_difference([run[path] for run in left], [run[path] for run in right])
                            for path in paths}}
