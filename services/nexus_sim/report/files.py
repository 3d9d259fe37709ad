"""Write a report, a comparison of two (shape in differences.py), or replicates (replicates.py) as
JSON and/or HTML files."""

import json
from pathlib import Path
from typing import Any

from .differences import comparison
from .html_page import render_replicates_html, write_html

__all__ = ["write_json", "write_replicate_reports", "write_reports"]


def write_json(data: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")


def write_reports(reports: list[dict[str, Any]], json_path: Path | None, html_path: Path | None) -> None:
    if json_path:
        write_json(reports[0] if len(reports) == 1 else comparison(*reports), json_path)
    if html_path:
        write_html(reports, html_path)


def write_replicate_reports(data: dict[str, Any], runs: list[list[dict[str, Any]]], json_path: Path | None,
                            html_path: Path | None) -> None:
    """``data`` is the summary of replicates or their paired comparison; ``runs`` the reports of each side."""
    if json_path:
        write_json(data, json_path)
    if html_path:
        html_path.write_text(render_replicates_html(data, runs))
