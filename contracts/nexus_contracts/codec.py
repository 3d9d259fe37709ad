"""Bytes on the wire <-> Event. Strict when writing, tolerant (upcasting) when reading."""

import json
from typing import Any

from pydantic import ValidationError

from .envelope import Event
from .registry import PAYLOAD_TYPES, upcast

__all__ = ["ContractError", "decode_event", "encode_event"]


class ContractError(ValueError):
    """A message does not honour the contract; ``reason`` says how, in one line."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def encode_event(event: Event) -> bytes:
    """Canonical JSON bytes of an event (the same bytes feed the outcome digest)."""
    return event.model_dump_json().encode()


def decode_event(raw: bytes) -> Event:
    """Parse and validate one message value; raise ContractError naming what is wrong."""
    data = _load_object(raw)
    event_type = data.get("event_type")
    payload_type = PAYLOAD_TYPES.get(event_type) if isinstance(event_type, str) else None
    if payload_type is None:
        raise ContractError(f"unknown event type: {event_type!r}")
    version = data.get("schema_version")
    if not isinstance(version, int) or not 1 <= version <= payload_type.VERSION:
        raise ContractError(f"unknown schema version {version!r} for {event_type} (known: 1..{payload_type.VERSION})")
    payload = data.get("payload")
    if not isinstance(payload, dict):
        raise ContractError("field 'payload': must be an object")
    try:
        typed = payload_type.model_validate(upcast(event_type, version, payload), extra="ignore")
        return Event.model_validate({**data, "schema_version": payload_type.VERSION, "payload": typed}, extra="ignore")
    except ValidationError as exc:
        raise ContractError(_first_error(exc, event_type)) from None


def _load_object(raw: bytes) -> dict[str, Any]:
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ContractError(f"not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ContractError("not a JSON object")
    return data


def _first_error(exc: ValidationError, event_type: str) -> str:
    err = exc.errors()[0]
    where = ".".join(str(part) for part in err["loc"])
    return f"{event_type}: field '{where}': {err['msg']} ({exc.error_count()} error(s))"
