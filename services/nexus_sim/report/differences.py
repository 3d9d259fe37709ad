"""Compare the reports of two runs: every numeric measure side by side with its difference.

The JSON of a comparison is ``{"mode": "compare", "a": <report>, "b": <report>,
"differences": {"<dotted.path>": {"a": x, "b": y, "delta": y - x}}}``: one entry per
numeric leaf of either report (lists such as the weekly series are left out; both
reports carry them in full).
"""

from typing import Any

__all__ = ["comparison", "differences"]


def _leaves(data: dict[str, Any], prefix: str = "") -> dict[str, float]:
    found: dict[str, float] = {}
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            found |= _leaves(value, f"{path}.")
        elif isinstance(value, int | float) and not isinstance(value, bool):
            found[path] = value
    return found


def differences(a: dict[str, Any], b: dict[str, Any]) -> dict[str, dict[str, float]]:
    """Every numeric measure of either report: its value in each (0 if absent) and b - a."""
    left, right = _leaves(a), _leaves(b)
    return {path: {"a": left.get(path, 0), "b": right.get(path, 0),
                   "delta": round(right.get(path, 0) - left.get(path, 0), 4)}
            for path in sorted(left.keys() | right.keys())}


def comparison(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    return {"mode": "compare", "a": a, "b": b, "differences": differences(a, b)}
