"""Bytes on the wire <-> Event. Strict when writing, tolerant (upcasting) when reading."""

import json
import re
from typing import Any

from pydantic import ValidationError

from .limits import MAX_JSON_DEPTH
from .envelope import Event
from .registry import PAYLOAD_TYPES, upcast

__all__ = ["ContractError", "decode_event", "encode_event", "json_depth"]


class ContractError(ValueError):
    """A message does not honour the contract; ``reason`` says how, in one line."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def encode_event(event: Event) -> bytes:
    """Canonical JSON bytes of an event (the same bytes feed the outcome digest)."""
    return event.model_dump_json().encode()


def decode_event(raw: bytes | None, *, closed: bool = False) -> Event:
    """Parse and validate one message value; raise ContractError naming what is wrong.

    Tolerant by default: payload fields a newer producer may add are ignored. ``closed`` refuses
    them: the payloads of a topic that crosses a sharing boundary carry nothing beyond their fields."""
    if raw is None:
        raise ContractError("null value: a record with no value carries no event")
    data = _load_object(raw)
    event_type = data.get("event_type")
    payload_type = PAYLOAD_TYPES.get(event_type) if isinstance(event_type, str) else None
    if payload_type is None:
        raise ContractError(f"unknown event type: {_quoted(event_type)}")
    version = data.get("schema_version")
    if not isinstance(version, int) or not 1 <= version <= payload_type.VERSION:
        raise ContractError(f"unknown schema version {_quoted(version)} for {event_type} (known: 1..{payload_type.VERSION})")
    payload = data.get("payload")
    if not isinstance(payload, dict):
        raise ContractError("field 'payload': must be an object")
    try:
        typed = payload_type.model_validate(upcast(event_type, version, payload), extra="forbid" if closed else "ignore")
        return Event.model_validate({**data, "schema_version": payload_type.VERSION, "payload": typed}, extra="ignore")
    except ValidationError as exc:
        raise ContractError(_first_error(exc, event_type)) from None


def _load_object(raw: bytes) -> dict[str, Any]:
    openers = raw.count(b"[") + raw.count(b"{")  # no more than the bound: no deeper either, no need to look
    if openers > MAX_JSON_DEPTH and json_depth(raw) > MAX_JSON_DEPTH:
        raise ContractError(f"JSON nested deeper than the contract's {MAX_JSON_DEPTH} levels")
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ContractError(f"not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ContractError("not a JSON object")
    return data


def _quoted(value: Any, limit: int = 80) -> str:
    """``repr(value)``, cut to ``limit`` characters: a reason quotes what came, never all of it."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "..."


def _first_error(exc: ValidationError, event_type: str) -> str:
    err = exc.errors()[0]
    where = ".".join(str(part) for part in err["loc"])
    return f"{event_type}: field '{where}': {err['msg']} ({exc.error_count()} error(s))"


_STRINGS = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')  # a JSON string, escapes included (unrolled: fast)
_OPENERS = frozenset(b"[{")


def json_depth(raw: bytes) -> int:
    """How deep the objects and arrays of a JSON text nest, counting brackets outside strings; it
    stops counting past ``MAX_JSON_DEPTH``, so a deeper text is refused before the parser recurses."""
    return _deepest(_STRINGS.sub(b"", raw).translate(None, _NOT_BRACKETS))


_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


def _deepest(brackets: bytes) -> int:
    depth = deepest = 0
    for byte in brackets:
        depth += 1 if byte in _OPENERS else -1
        if depth > deepest:
            deepest = depth
            if deepest > MAX_JSON_DEPTH:
                break
    return deepest
