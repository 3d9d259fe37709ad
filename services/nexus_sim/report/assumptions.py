"""The report's appendix: every parameter the run used that is an assumption, with its value and why
(issue 13), so a reader can tell a sourced figure from a guess."""

from typing import Any

from pydantic import BaseModel

from nexus_contracts.scenario import Scenario, parameters

__all__ = ["assumptions_section", "plain"]


def assumptions_section(scenario: Scenario) -> dict[str, Any]:
    resolved = parameters(scenario)
    return {"parameters": len(resolved),
            "sourced": sum(not p.assumption for p in resolved),
            "assumptions": [{"parameter": p.path, "value": plain(p.value), "source": p.source}
                            for p in resolved if p.assumption]}


def plain(value: Any) -> Any:
    """A parameter's value as plain JSON-ready data (models dumped, enum keys as their text)."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, dict):
        return {str(getattr(k, "value", k)): plain(v) for k, v in value.items()}
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    return value if isinstance(value, (bool, int, float, str)) or value is None else str(value)
