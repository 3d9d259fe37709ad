"""Least data shared (DESIGN.md invariant 7): check a payload against its topic's boundary."""

from typing import Any

from .catalogue import VICTIM_WITNESS_PATH, TopicSpec
from .events import Payload

__all__ = ["DisclosureError", "check_disclosure", "disclosed_paths"]


class DisclosureError(ValueError):
    """An event would carry over a boundary a field the agreement does not allow."""


def disclosed_paths(payload: Payload) -> set[str]:
    """Dotted paths of every non-empty leaf field in a payload."""
    return set(_leaves(payload.model_dump(mode="json", exclude_none=True), ""))


def check_disclosure(spec: TopicSpec, payload: Payload, *, victim_witness_sharing: bool) -> None:
    """Raise DisclosureError if ``payload`` carries a field ``spec``'s boundary does not allow."""
    if spec.boundary is None:
        return
    allowed = spec.boundary.allowed if victim_witness_sharing else spec.boundary.allowed - {VICTIM_WITNESS_PATH}
    for path in sorted(disclosed_paths(payload)):
        if not any(path == a or path.startswith(a + ".") for a in allowed):
            raise DisclosureError(
                f"{payload.EVENT_TYPE} on {spec.name} would disclose '{path}' "
                f"from {spec.boundary.from_party} to {spec.boundary.to_party}"
            )


def _leaves(value: Any, prefix: str):
    if isinstance(value, dict):
        for name, inner in value.items():
            yield from _leaves(inner, f"{prefix}.{name}" if prefix else name)
    elif isinstance(value, list):
        for inner in value:
            yield from _leaves(inner, prefix)
    else:
        yield prefix
