"""Compare the reports of two runs: every numeric measure side by side with its difference A - B.

A is the run named first (``--scenario`` with its ``--set`` overrides), B the ``--compare`` one.
The JSON of a comparison is ``{"mode": "compare", "a": <report>, "b": <report>, "a_label": ...,
"b_label": ..., "differences": {"<dotted.path>": {"a": x, "b": y, "delta": x - y}}}``: one entry per
numeric leaf of either report (lists such as the weekly series are left out; both reports carry
them in full). A measure only one side has (a route the other never used) is None on the other
side and its delta is None: not applicable, never 0.
"""

from typing import Any

from .measures import leaves

__all__ = ["comparison", "differences", "label"]


def label(report: dict[str, Any]) -> str:
    """The scenario's name and its overrides, as typed: ``london-2013 --set operating_model.ccu.capacity=5``."""
    return report["scenario"] + "".join(f" --set {o}" for o in report.get("overrides") or ())


def differences(a: dict[str, Any], b: dict[str, Any]) -> dict[str, dict[str, float | None]]:
    """Every numeric measure of either report: its value in each (None if absent) and a - b."""
    left, right = leaves(a), leaves(b)
    return {path: {"a": left.get(path), "b": right.get(path),
                   "delta": round(left[path] - right[path], 4) if path in left and path in right else None}
            for path in sorted(left.keys() | right.keys())}


def comparison(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    return {"mode": "compare", "a_label": label(a), "b_label": label(b), "a": a, "b": b,
            "differences": differences(a, b)}
