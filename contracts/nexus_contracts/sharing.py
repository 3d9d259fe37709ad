"""Least data shared (ARCHITECTURE.md invariant 7): check a payload against its topic's boundary.

The check is planned once per (payload type, topic): fields whose every possible path is
allowed need no look at run time; only the others are read on each event.

The one exception the catalogue allows, victim/witness details, is the scenario's to grant:
``disclosure_policy`` reads it from the referral policy once, and the same ``DisclosurePolicy``
strips the details where they are built, says whether a referral carries them, and checks
every outgoing event in the runtime.
"""

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from .catalogue import VICTIM_WITNESS_PATH, TopicSpec, topic
from .events import Payload
from .payloads_common import Offence
from .scenario_parts import ReferralPolicy

__all__ = ["DisclosureError", "DisclosurePolicy", "check_disclosure", "disclosed_paths", "disclosure_policy",
           "possible_paths"]


class DisclosureError(ValueError):
    """An event would carry over a boundary a field the agreement does not allow."""


@dataclass(frozen=True)
class DisclosurePolicy:
    """What may cross a boundary: the catalogue's agreement, with victim/witness details only if
    ``victim_witness`` (the default shares nothing beyond the agreement)."""

    victim_witness: bool = False

    def shared_offence(self, offence: Offence) -> Offence:
        """The offence as it may leave the police: without victim/witness details unless shared."""
        return offence if self.victim_witness else offence.model_copy(update={"victim_witness_details": None})

    def shares_victim_witness_details(self, offence: Offence) -> bool:
        """Whether what goes with a referral includes this offence's victim/witness details."""
        return self.victim_witness and offence.victim_witness_details is not None

    def check(self, spec: TopicSpec, payload: Payload) -> None:
        """Raise DisclosureError if ``payload`` carries a field this policy does not let over ``spec``."""
        check_disclosure(spec, payload, victim_witness_sharing=self.victim_witness)


def disclosure_policy(referral_policy: ReferralPolicy) -> DisclosurePolicy:
    """The disclosure policy a scenario's referral policy sets."""
    return DisclosurePolicy(victim_witness=referral_policy.share_victim_witness_info)


def disclosed_paths(payload: Payload) -> set[str]:
    """Dotted paths of every non-empty leaf field in a payload."""
    return set(_leaves(payload.model_dump(mode="json", exclude_none=True), ""))


def possible_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Every leaf path a payload type can carry, from its schema."""
    paths = []
    for name, field in model.model_fields.items():
        path = f"{prefix}.{name}" if prefix else name
        inner = _model_in(field.annotation)
        paths.extend(possible_paths(inner, path) if inner else [path])
    return paths


def check_disclosure(spec: TopicSpec, payload: Payload, *, victim_witness_sharing: bool) -> None:
    """Raise DisclosureError if ``payload`` carries a field ``spec``'s boundary does not allow."""
    if spec.boundary is None:
        return
    for path in _paths_to_watch(spec.name, type(payload), victim_witness_sharing):
        if _value_at(payload, path) not in (None, "", (), []):
            raise DisclosureError(
                f"{payload.EVENT_TYPE} on {spec.name} would disclose '{path}' "
                f"from {spec.boundary.from_party} to {spec.boundary.to_party}"
            )


@lru_cache(maxsize=None)
def _paths_to_watch(topic_name: str, payload_type: type[Payload], victim_witness_sharing: bool) -> tuple[str, ...]:
    """Keyed by the topic's name: hashing a whole ``TopicSpec`` on every event costs more than the check."""
    spec = topic(topic_name)
    allowed = spec.boundary.allowed if victim_witness_sharing else spec.boundary.allowed - {VICTIM_WITNESS_PATH}
    return tuple(p for p in possible_paths(payload_type)
                 if p not in allowed and not any(p.startswith(a + ".") for a in allowed))


def _value_at(payload: BaseModel, path: str) -> Any:
    value: Any = payload
    for part in path.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


def _leaves(value: Any, prefix: str):
    if isinstance(value, dict):
        for name, inner in value.items():
            yield from _leaves(inner, f"{prefix}.{name}" if prefix else name)
    elif isinstance(value, list):
        for inner in value:
            yield from _leaves(inner, prefix)
    else:
        yield prefix
