"""The HTML report's sections on what follows the IE decision (removals, departures, ETDs, open cases)."""

from typing import Any

__all__ = ["after_decision_html"]


def after_decision_html(reports: list[dict[str, Any]]) -> str:
    return ""
