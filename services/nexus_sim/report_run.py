"""A run's full report: who ran what (scenario, seed, days), the digest, and the sections.

Plain JSON-ready data with no wall-clock values, so identical runs give identical files.
"""

import json
from pathlib import Path
from typing import Any

from nexus_contracts.scenario import Scenario

from .progress import day_progress
from .report_weekly import Window
from .simulation import RunResult, run_in_memory

__all__ = ["assemble_report", "run_report", "write_json", "write_reports"]


def assemble_report(scenario: Scenario, seed: int, days: int, result: RunResult,
                    overrides: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"scenario": scenario.name, "overrides": list(overrides), "seed": seed, "days": days,
            "digest": result.digest, "dead_letters": result.dead_letters,
            **result.outcomes.report.build(Window(scenario, days))}


def run_report(scenario: Scenario, seed: int, days: int, *, quiet: bool = False) -> dict[str, Any]:
    """Run ``scenario`` in memory (with a progress bar unless quiet) and return its report."""
    with day_progress(days, disable=quiet) as on_day:
        result = run_in_memory(scenario, seed, days, on_day=on_day, freeze_gc=True)
    return assemble_report(scenario, seed, days, result)


def write_json(data: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")


def write_reports(reports: list[dict[str, Any]], json_path: Path | None, html_path: Path | None) -> None:
    """Write one report, or a comparison of two (shape in compare.py), as JSON and/or HTML."""
    from .compare import comparison
    from .report_html import write_html

    if json_path:
        write_json(reports[0] if len(reports) == 1 else comparison(*reports), json_path)
    if html_path:
        write_html(reports, html_path)
