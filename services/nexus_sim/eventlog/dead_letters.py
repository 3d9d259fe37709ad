"""Dead-lettered records of a log: what was refused, by which service, why, and whose journey it was.

A dead letter (a record of a ``.dlq`` topic) holds the original key, value and headers plus the
``nexus.dlq.*`` headers (contracts/nexus_contracts/wire.py). Its value may still decode to an event
(refused for a rule, not for its shape); when it does not, what can be read of it loosely (a JSON
object's ``correlation_id``, ``event_type``, ``occurred_at``) still places it.
"""

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from nexus_contracts import ContractError, Event, decode_event
from nexus_contracts.wire import (
    DEAD_LETTER_REASON,
    DEAD_LETTER_SERVICE,
    DEAD_LETTER_SOURCE_OFFSET,
    DEAD_LETTER_SOURCE_PARTITION,
    DEAD_LETTER_SOURCE_TOPIC,
    DLQ_SUFFIX,
)

from .format import LogEntry

__all__ = ["DeadLetter", "dead_letters", "differing"]


@dataclass(frozen=True)
class DeadLetter:
    entry: LogEntry
    service: str
    reason: str
    source: str  # "topic partition P offset O", as far as the headers tell
    event: Event | None  # the original value as an event, when it is one
    loose: dict[str, Any]  # the original value as a JSON object, when it is one

    @classmethod
    def of(cls, entry: LogEntry) -> "DeadLetter":
        headers = entry.header_dict()
        topic = headers.get(DEAD_LETTER_SOURCE_TOPIC) or entry.topic.removesuffix(DLQ_SUFFIX)
        where = " ".join(f"{name} {headers[h]}" for name, h in (("partition", DEAD_LETTER_SOURCE_PARTITION),
                                                                ("offset", DEAD_LETTER_SOURCE_OFFSET)) if h in headers)
        return cls(entry, headers.get(DEAD_LETTER_SERVICE, "unknown service"),
                   headers.get(DEAD_LETTER_REASON, "no reason given"), f"{topic} {where}".strip(),
                   _event(entry.value), _loose(entry.value))

    @property
    def correlation_id(self) -> str | None:
        value = self.event.correlation_id if self.event else self.loose.get("correlation_id")
        return value if isinstance(value, str) else None

    @property
    def event_type(self) -> str:
        value = self.event.event_type if self.event else self.loose.get("event_type")
        return value if isinstance(value, str) else self.entry.header_dict().get("event_type", "unreadable record")

    @property
    def occurred_at(self) -> datetime | None:
        if self.event:
            return self.event.occurred_at
        try:
            at = datetime.fromisoformat(self.loose["occurred_at"])
        except (KeyError, TypeError, ValueError):
            return None
        return at if at.tzinfo is not None else None

    @property
    def identity(self) -> tuple:
        """What two logs compare (not where the broker put it): topic, service, reason and the record."""
        what = str(self.event.event_id) if self.event else (self.entry.key, self.entry.value)
        return self.entry.topic, self.service, self.reason, what

    def mentions(self, ids: Iterable[str], custody_suite: str | None) -> bool:
        """An unreadable record of a journey: keyed by its custody suite and naming one of its ids."""
        text = (self.entry.value or b"").decode("utf-8", "replace")
        key = self.entry.key.decode("utf-8", "replace") if self.entry.key is not None else None
        return (custody_suite is None or key is None or key == custody_suite) and any(i in text for i in ids)

    def describe(self) -> str:
        journey = f" of {self.correlation_id}" if self.correlation_id else ""
        return f"{self.event_type}{journey} from {self.source}, dead-lettered by {self.service}: {self.reason}"


def dead_letters(entries: Iterable[LogEntry]) -> list[DeadLetter]:
    return [DeadLetter.of(entry) for entry in entries if entry.topic.endswith(DLQ_SUFFIX)]


def differing(left: list[DeadLetter], right: list[DeadLetter]) -> tuple[list[DeadLetter], list[DeadLetter]]:
    """The dead letters only in ``left`` and only in ``right`` (as many times as they are extra)."""
    return _extra(left, Counter(d.identity for d in right)), _extra(right, Counter(d.identity for d in left))


def _extra(mine: list[DeadLetter], theirs: Counter) -> list[DeadLetter]:
    extra, theirs = [], Counter(theirs)
    for letter in mine:
        if theirs[letter.identity]:
            theirs[letter.identity] -= 1
        else:
            extra.append(letter)
    return extra


def _event(value: bytes | None) -> Event | None:
    if value is None:
        return None
    try:
        return decode_event(value)
    except ContractError:
        return None


def _loose(value: bytes | None) -> dict[str, Any]:
    try:
        data = json.loads(value or b"")
    except (ValueError, RecursionError):  # not JSON, or nested deeper than the parser goes (a poison message)
        return {}
    return data if isinstance(data, dict) else {}
