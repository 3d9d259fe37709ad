"""Transport-neutral messages: what a service receives and what it asks to be published."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Inbound", "Record", "record_size"]


@dataclass(frozen=True, slots=True)
class Record:
    """A message to publish: topic, key, value bytes (None: a null value, kept as null) and string headers."""

    topic: str
    key: bytes | None
    value: bytes | None
    headers: Mapping[str, str] = field(default_factory=dict)
    event: Any = field(default=None, compare=False, repr=False)
    """The Event ``value`` was encoded from, when produced in this process (saves a decode in memory)."""
    partition: int | None = None
    """Where it is or goes; None when publishing means: by the key (only markers name a partition)."""


@dataclass(frozen=True, slots=True)
class Inbound(Record):
    """A message as received: a record plus where it came from (for logs and dead letters)."""

    offset: int | None = None


def record_size(record: Record) -> int:
    """Bytes of a record as the broker counts them, near enough: key, value, header names and values."""
    headers = sum(len(name.encode()) + len(value.encode()) for name, value in record.headers.items())
    return len(record.key or b"") + len(record.value or b"") + headers
