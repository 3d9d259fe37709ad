"""A sweep's table: one row per grid point and headline measure, the measure's mean over the
point's runs with its 95% interval and range, as JSON and CSV.

JSON: ``{"mode": "sweep", "scenario", "overrides", "days", "seeds", "vary": {"<field>": [values]},
"rows": [{"<field>": value, ..., "measure", "path", "n", "mean", "low", "high", "min", "max"}],
"runs": [{"point": {"<field>": value}, "seed", "digest"}]}``. The CSV has the same rows, one
column per varied field, then ``measure, path, n, mean, low, high, min, max``; an empty cell is
not applicable (a single run has no interval).
"""

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .replicates import measure_intervals
from .terminal import headline_rows

__all__ = ["STAT_COLUMNS", "sweep_table", "write_sweep_csv"]

Report = dict[str, Any]
PointValues = Sequence[tuple[str, str]]  # (field path, value) per varied field
STAT_COLUMNS = ("n", "mean", "low", "high", "min", "max")


def sweep_table(points: Sequence[PointValues], runs: Sequence[Sequence[Report]]) -> dict[str, Any]:
    """``runs[i]`` are the reports of ``points[i]``, in seed order."""
    first = runs[0][0]
    fields = [field for field, _ in points[0]]
    rows, per_point = [], [measure_intervals(reports) for reports in runs]
    common = set.intersection(*(set(measures) for measures in per_point))
    for point, measures in zip(points, per_point, strict=True):
        for name, path in headline_rows(common):
            rows.append({**dict(point), "measure": name, "path": path,
                         **{stat: measures[path][stat] for stat in STAT_COLUMNS}})
    return {"mode": "sweep", "scenario": first["scenario"],
            "overrides": [o for o in first["overrides"] if o.split("=", 1)[0] not in fields],
            "days": first["days"], "seeds": [r["seed"] for r in runs[0]],
            "vary": {field: list(dict.fromkeys(dict(p)[field] for p in points)) for field in fields},
            "rows": rows,
            "runs": [{"point": dict(point), "seed": r["seed"], "digest": r["digest"]}
                     for point, reports in zip(points, runs, strict=True) for r in reports]}


def write_sweep_csv(table: dict[str, Any], path: Path) -> None:
    columns = [*table["vary"], "measure", "path", *STAT_COLUMNS]
    with path.open("w", newline="") as out:
        writer = csv.DictWriter(out, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(table["rows"])
