"""A sweep: the grid of scenario variations (``--vary FIELD.PATH=v1,v2,...``, one axis per field,
every combination) times replicate seeds, each run a task as in replicates.py.

A point is a tuple of (field path, value) pairs, in the order of the ``--vary`` options; its runs
are the scenario with the sweep's ``--set`` overrides and then the point's, on seeds
seed..seed+N-1 (the same seeds at every point: common random numbers).
"""

import itertools
from dataclasses import replace

from .replicates import RunTask, replicate_specs
from .spec import RunSpec

__all__ = ["Point", "Vary", "parse_vary", "point_spec", "sweep_grid", "sweep_tasks"]

Vary = tuple[str, tuple[str, ...]]  # a field path and its values
Point = tuple[tuple[str, str], ...]  # (field path, value) per varied field


def _split_values(text: str) -> list[str]:
    """``a,b,[c, d]`` -> ``a``, ``b``, ``[c, d]``: commas inside brackets, braces or quotes stay."""
    values, depth, quote, current = [], 0, "", []
    for char in text:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        elif char == "," and depth == 0:
            values.append("".join(current).strip())
            current = []
            continue
        current.append(char)
    return [*values, "".join(current).strip()]


def parse_vary(text: str) -> Vary:
    """``FIELD.PATH=v1,v2,...`` (a ValueError says what is wrong with it)."""
    field, sep, values = text.partition("=")
    if not sep or not field.strip():
        raise ValueError(f"--vary {text!r}: expected FIELD.PATH=v1,v2,...")
    split = _split_values(values)
    if any(not v for v in split):
        raise ValueError(f"--vary {text!r}: an empty value (values are separated by commas)")
    if len(set(split)) != len(split):
        raise ValueError(f"--vary {text!r}: a value is given twice")
    return field.strip(), tuple(split)


def sweep_grid(varies: list[Vary]) -> list[Point]:
    """Every combination, the first field's values varying slowest."""
    fields = [field for field, _ in varies]
    if len(set(fields)) != len(fields):
        raise ValueError(f"--vary names a field twice: {', '.join(fields)}")
    return [tuple(zip(fields, combo, strict=True)) for combo in itertools.product(*(values for _, values in varies))]


def point_spec(spec: RunSpec, point: Point) -> RunSpec:
    return replace(spec, overrides=(*spec.overrides, *(f"{field}={value}" for field, value in point)))


def sweep_tasks(spec: RunSpec, points: list[Point], replicates: int) -> list[RunTask]:
    """The runs of the sweep, point by point, seed by seed (a bad value raises ``ScenarioError``
    naming the field before anything runs)."""
    tasks = []
    for point in points:
        at = point_spec(spec, point)
        scenario = at.load_scenario()
        tasks.extend(RunTask(scenario, seeded) for seeded in replicate_specs(at, replicates))
    return tasks
