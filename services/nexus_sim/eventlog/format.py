"""The event-log format: JSON Lines, a header line, then one line per Kafka record.

Each record keeps topic, partition, offset, timestamp (ms), key, headers (ordered
[name, value] pairs, duplicates kept) and the exact value bytes. Bytes are written as
text when they are UTF-8 and as base64 (with an ``*_encoding`` flag) when not; a value
whose text is compact JSON is embedded as JSON so the log can be read and edited by eye.
Every field round-trips byte for byte (``decode_entry(encode_entry(e)) == e``).
"""

import base64
import binascii
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from nexus_contracts import CONTRACTS_VERSION
from nexus_contracts.registry import PAYLOAD_TYPES

from ..run.spec import RunSpec

__all__ = ["FORMAT", "FORMAT_VERSION", "LogEntry", "LogFormatError", "LogHeader", "decode_entry", "encode_entry"]

FORMAT = "nexus-eventlog"
FORMAT_VERSION = 1
Header = tuple[str, bytes | None]
_NOT_JSON = object()


class LogFormatError(ValueError):
    """A log line that cannot be read; the message names the file, the line and the problem."""


def _contract_versions() -> dict[str, Any]:
    return {"package": CONTRACTS_VERSION, "events": {name: cls.VERSION for name, cls in sorted(PAYLOAD_TYPES.items())}}


@dataclass(frozen=True)
class LogHeader:
    """What produced the log: the run (enough to rebuild the services for a replay), or None when the
    log does not say (recorded off a live Kafka without ``--scenario`` and ``--seed``)."""

    run: RunSpec | None
    transport: str = "memory"
    created_by: str = "nexus simulate"
    contracts: dict[str, Any] = field(default_factory=_contract_versions)
    format_version: int = FORMAT_VERSION

    def to_json(self) -> dict[str, Any]:
        run = self.run
        return {"format": FORMAT, "format_version": self.format_version, "created_by": self.created_by,
                "contracts": self.contracts, "scenario": run.scenario_ref if run else None,
                "overrides": list(run.overrides) if run else [], "seed": run.seed if run else None,
                "days": run.days if run else None, "transport": self.transport}

    @classmethod
    def from_json(cls, data: Any) -> "LogHeader":
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"not a header: expected an object with \"format\": \"{FORMAT}\"")
        version = data.get("format_version")
        if not isinstance(version, int) or not 1 <= version <= FORMAT_VERSION:
            raise ValueError(f"unsupported format_version {version!r} (this nexus reads 1..{FORMAT_VERSION})")
        return cls(run=_run_of(data), transport=data.get("transport", "unknown"),
                   created_by=data.get("created_by", "unknown"), contracts=data.get("contracts") or {},
                   format_version=version)


def _run_of(data: dict[str, Any]) -> RunSpec | None:
    """The run a header names; None unless it names both a scenario and a seed."""
    if data.get("scenario") is None or data.get("seed") is None:
        return None
    return RunSpec(data["scenario"], tuple(data.get("overrides") or ()), data["seed"], data.get("days"))


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One Kafka record as it was on the wire."""

    topic: str
    partition: int | None
    offset: int | None
    timestamp_ms: int | None
    key: bytes | None
    headers: tuple[Header, ...]
    value: bytes | None

    @classmethod
    def of(cls, topic: str, partition: int | None, offset: int | None, key: bytes | str | None,
           headers: Mapping[str, Any] | Iterable[tuple[str, Any]] | None, timestamp_ms: int | None,
           value: bytes | str | None) -> "LogEntry":
        """Build an entry from what a producer or consumer holds (str or bytes, dict or pairs)."""
        pairs = headers.items() if isinstance(headers, Mapping) else (headers or ())
        return cls(topic, partition, offset, timestamp_ms, _as_bytes(key),
                   tuple((str(name), _as_bytes(val)) for name, val in pairs), _as_bytes(value))

    @classmethod
    def of_consumer_record(cls, raw: Any) -> "LogEntry":
        """An entry from what a Kafka consumer received (an aiokafka ConsumerRecord), as the broker holds it."""
        return cls.of(raw.topic, raw.partition, raw.offset, raw.key, raw.headers, raw.timestamp, raw.value)

    def header_dict(self) -> dict[str, str]:
        """Headers as the runtime's Record takes them (last duplicate wins, bytes as UTF-8)."""
        return {name: (val or b"").decode("utf-8", "replace") for name, val in self.headers}


def _as_bytes(data: bytes | str | None) -> bytes | None:
    return data.encode() if isinstance(data, str) else data


def encode_entry(entry: LogEntry) -> str:
    line: dict[str, Any] = {"topic": entry.topic, "partition": entry.partition, "offset": entry.offset,
                            "timestamp": entry.timestamp_ms}
    line.update(_encode_bytes("key", entry.key))
    line["headers"] = [_encode_header(name, val) for name, val in entry.headers]
    line.update(_encode_value(entry.value))
    return _dumps(line)


def decode_entry(data: Any) -> LogEntry:
    """One parsed JSON line -> entry; ValueError says which field is wrong."""
    if not isinstance(data, dict):
        raise ValueError("a record line must be a JSON object")
    topic = data.get("topic")
    if not isinstance(topic, str) or not topic:
        raise ValueError("field 'topic': missing or not a string")
    for name in ("partition", "offset", "timestamp"):
        if data.get(name) is not None and not isinstance(data[name], int):
            raise ValueError(f"field {name!r}: must be an integer or null")
    headers = data.get("headers", [])
    if not isinstance(headers, list):
        raise ValueError("field 'headers': must be a list of [name, value] pairs")
    return LogEntry(topic, data.get("partition"), data.get("offset"), data.get("timestamp"),
                    _decode_bytes(data, "key"), tuple(_decode_header(h) for h in headers), _decode_value(data))


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _encode_bytes(name: str, data: bytes | None) -> dict[str, Any]:
    if data is None:
        return {name: None}
    try:
        return {name: data.decode("utf-8")}
    except UnicodeDecodeError:
        return {name: base64.b64encode(data).decode("ascii"), f"{name}_encoding": "base64"}


def _decode_bytes(data: dict[str, Any], name: str) -> bytes | None:
    text, encoding = data.get(name), data.get(f"{name}_encoding", "text")
    if text is None:
        return None
    if not isinstance(text, str):
        raise ValueError(f"field {name!r}: must be a string or null")
    return _from_text(text, encoding, name)


def _from_text(text: str, encoding: str, where: str) -> bytes:
    if encoding == "text":
        return text.encode("utf-8")
    if encoding != "base64":
        raise ValueError(f"{where}: unknown encoding {encoding!r} (text or base64)")
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error as exc:
        raise ValueError(f"{where}: bad base64: {exc}") from None


def _encode_value(value: bytes | None) -> dict[str, Any]:
    if value is None:
        return {"value": None, "value_encoding": "null"}
    encoded = _encode_bytes("value", value)
    if "value_encoding" in encoded:
        return encoded
    try:
        parsed = json.loads(encoded["value"])
    except json.JSONDecodeError:
        parsed = _NOT_JSON
    if parsed is not _NOT_JSON and _dumps(parsed) == encoded["value"]:
        return {"value": parsed}  # embedded JSON: dumping it again gives the very same bytes
    return {**encoded, "value_encoding": "text"}


def _decode_value(data: dict[str, Any]) -> bytes | None:
    encoding = data.get("value_encoding", "json")
    if encoding == "null":
        return None
    if "value" not in data:
        raise ValueError("field 'value': missing")
    if encoding == "json":
        return _dumps(data["value"]).encode("utf-8")
    if not isinstance(data["value"], str):
        raise ValueError(f"field 'value': must be a string with value_encoding {encoding!r}")
    return _from_text(data["value"], encoding, "field 'value'")


def _encode_header(name: str, value: bytes | None) -> list[Any]:
    if value is None:
        return [name, None]
    try:
        return [name, value.decode("utf-8")]
    except UnicodeDecodeError:
        return [name, base64.b64encode(value).decode("ascii"), "base64"]


def _decode_header(pair: Any) -> Header:
    if not isinstance(pair, list) or len(pair) not in (2, 3) or not isinstance(pair[0], str):
        raise ValueError(f"field 'headers': {pair!r} is not a [name, value] or [name, value, \"base64\"] pair")
    if pair[1] is None:
        return pair[0], None
    if not isinstance(pair[1], str):
        raise ValueError(f"field 'headers': value of {pair[0]!r} must be a string or null")
    return pair[0], _from_text(pair[1], pair[2] if len(pair) == 3 else "text", f"header {pair[0]!r}")
