"""Transport-neutral messages: what a service receives and what it asks to be published."""

from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["Inbound", "Record"]


@dataclass(frozen=True, slots=True)
class Record:
    """A message to publish: topic, key, value bytes and string headers."""

    topic: str
    key: bytes | None
    value: bytes
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Inbound:
    """A message as received, with where it came from (for logs and dead letters)."""

    topic: str
    key: bytes | None
    value: bytes
    headers: Mapping[str, str] = field(default_factory=dict)
    partition: int | None = None
    offset: int | None = None
