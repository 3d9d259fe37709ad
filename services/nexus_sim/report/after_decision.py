"""The report's sections on what follows the IE decision, and its appendix of assumptions (issue 13); kept
apart from sections.py so that each grows on its own."""

from typing import Any

from .assumptions import assumptions_section
from .removals import removals_section
from .tallies import Tallies
from .weekly import Window

__all__ = ["after_decision_sections"]


def after_decision_sections(b: Tallies, window: Window | None) -> dict[str, Any]:
    return {"removals": removals_section(b.removals, window),
            "assumptions": assumptions_section(window.scenario) if window else {"parameters": 0, "sourced": 0,
                                                                                 "assumptions": []}}
