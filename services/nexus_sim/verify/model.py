"""What `nexus verify` checks and what it finds: plain values, no I/O."""

import json
from dataclasses import dataclass
from typing import Any

__all__ = ["Finding", "Output", "json_object"]


@dataclass(frozen=True, slots=True)
class Output:
    """One record read off a topic the service writes (or its dead-letter topic)."""

    topic: str
    partition: int | None
    offset: int | None
    key: bytes | None
    headers: dict[str, str]
    value: bytes | None

    @property
    def where(self) -> str:
        return f"{self.topic}/{self.partition}@{self.offset}"


@dataclass(frozen=True, slots=True)
class Finding:
    """The verdict of one rule on one record: ``field`` names what is wrong when it failed."""

    rule: str
    passed: bool
    where: str
    custody_record: str = ""
    field: str = ""
    detail: str = ""

    def describe(self) -> str:
        record = f" (custody record {self.custody_record})" if self.custody_record else ""
        field = f" field '{self.field}':" if self.field else ""
        return f"{self.rule}: {self.where}{record}:{field} {self.detail}".rstrip(": ")


def json_object(raw: bytes | None) -> dict[str, Any] | None:
    """The record value as a JSON object, or None if it is not one."""
    try:
        data = json.loads(raw or b"")
    except (UnicodeDecodeError, ValueError):
        return None
    return data if isinstance(data, dict) else None
