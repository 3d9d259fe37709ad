"""The report's sections on what follows the IE decision, returning people, and its appendix of assumptions
(issue 13); kept apart from sections.py so that each grows on its own."""

from collections import Counter
from typing import Any

from .assumptions import assumptions_section
from .removals import removals_section
from .tallies import Tallies
from .weekly import Window

__all__ = ["after_decision_sections", "returning_section"]


def returning_section(arrests_of: Counter[str]) -> dict[str, int]:
    """The population's returning people (seed 001's 'histories'): how many came, how often."""
    return {"arrests": sum(arrests_of.values()), "people": len(arrests_of),
            "arrested_more_than_once": sum(n > 1 for n in arrests_of.values()),
            "most_arrests_of_one_person": max(arrests_of.values(), default=0)}


def after_decision_sections(b: Tallies, window: Window | None) -> dict[str, Any]:
    return {"removals": removals_section(b.removals, window), "returning_people": returning_section(b.returning),
            "assumptions": assumptions_section(window.scenario) if window else {"parameters": 0, "sourced": 0,
                                                                                 "assumptions": []}}
