"""Compare two runs: every numeric measure side by side with its difference.

The JSON of a comparison is ``{"mode": "compare", "a": <report>, "b": <report>,
"differences": {"<dotted.path>": {"a": x, "b": y, "delta": y - x}}}``: one entry per
numeric leaf of either report (lists such as the weekly series are left out; both
reports carry them in full).
"""

from typing import Any

from rich.console import Console
from rich.table import Table

__all__ = ["HEADLINES", "comparison", "differences", "print_comparison"]

HEADLINES = (
    ("arrests", "arrests"),
    ("foreign nationals", "foreign_nationals"),
    ("status checks", "status_checks"),
    ("share of foreign nationals checked", "rec1_status_checks.share_checked"),
    ("released before an officer attended", "non_attendance"),
    ("  share of persons of interest", "rec2_non_attendance.share_of_persons_of_interest"),
    ("referrals", "referrals"),
    ("  resting on allegations only", "safeguards.referrals_on_allegation_only"),
    ("ETD applications", "rec4_etd.applications"),
    ("high-harm cases", "rec5_high_harm.high_harm_cases"),
    ("ACRO requests", "acro.requests"),
    ("mean custody hours", "custody.custody_hours.mean"),
    ("immigration detainees", "custody.immigration_detainees"),
    ("custody cost of immigration detainees (GBP)", "custody_cost_gbp"),
    ("hours held waiting for a check", "safeguards.held_waiting_for_check.total_hours"),
)
_ROUTE_MEASURE = "time_to_status_minutes.{route}.mean"


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


def _headline_rows(diffs: dict[str, dict[str, float]]) -> list[tuple[str, str]]:
    routes = sorted({path.split(".")[1] for path in diffs if path.startswith("time_to_status_minutes.")})
    route_rows = [(f"minutes to status, {route} (mean)", _ROUTE_MEASURE.format(route=route)) for route in routes]
    return [row for row in (*HEADLINES, *route_rows) if row[1] in diffs]


def _cell(value: float, share: bool) -> str:
    if share:
        return f"{value:.1%}"
    return f"{value:,.0f}" if float(value).is_integer() or abs(value) >= 100 else f"{value:,.1f}"


def _change(a: float, b: float, share: bool) -> str:
    if a == b:
        return "[dim]=[/]"
    delta = b - a
    if share:
        shown = f"{delta * 100:+.1f} pts"
    else:
        shown = f"{delta:+,}" if isinstance(delta, int) else f"{delta:+,.2f}" if abs(delta) < 10 else f"{delta:+,.0f}"
    relative = f" ({delta / a:+.0%})" if a and not share else ""
    return f"[{'green' if delta > 0 else 'red'}]{shown}{relative}[/]"


def _name(report: dict[str, Any]) -> str:
    overrides = report.get("overrides") or ()
    return report["scenario"] + "".join(f" --set {o}" for o in overrides)


def print_comparison(a: dict[str, Any], b: dict[str, Any], console: Console) -> None:
    diffs = differences(a, b)
    table = Table(title=f"Comparison: A = {_name(a)}, B = {_name(b)} ({a['days']} days, seed {a['seed']})",
                  title_justify="left")
    for column in ("measure", "A", "B", "B - A"):
        table.add_column(column, justify="left" if column == "measure" else "right")
    for label, path in _headline_rows(diffs):
        entry, share = diffs[path], "share" in path
        table.add_row(label, _cell(entry["a"], share), _cell(entry["b"], share), _change(entry["a"], entry["b"], share))
    console.print(table)
    console.print(f"[dim]digest A {a['digest'][:16]}…  B {b['digest'][:16]}…  "
                  f"({sum(1 for d in diffs.values() if d['delta'])} of {len(diffs)} measures differ)[/]")
