"""Write and read event logs (the format is in ``format.py``)."""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .format import LogEntry, LogFormatError, LogHeader, decode_entry, encode_entry

__all__ = ["EventLog", "LogWriter", "read_log"]


class LogWriter:
    """Appends records to a log; the header goes first. Use as a context manager or call ``close``.

    ``write`` takes what a Kafka consumer holds, so any transport can record what it sees.
    """

    def __init__(self, target: Path | str | IO[str], header: LogHeader) -> None:
        self._owned = isinstance(target, (str, Path))
        self._out: IO[str] = open(target, "w", encoding="utf-8", newline="\n") if self._owned else target
        self._out.write(json.dumps(header.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n")
        self.header = header
        self.records = 0

    def write(self, topic: str, partition: int | None, offset: int | None, key: bytes | str | None,
              headers: Any, timestamp_ms: int | None, value: bytes | str | None) -> None:
        self.write_entry(LogEntry.of(topic, partition, offset, key, headers, timestamp_ms, value))

    def write_entry(self, entry: LogEntry) -> None:
        self._out.write(encode_entry(entry) + "\n")
        self.records += 1

    def close(self) -> None:
        if self._owned:
            self._out.close()
        else:
            self._out.flush()

    def __enter__(self) -> "LogWriter":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass(frozen=True)
class EventLog:
    header: LogHeader
    entries: tuple[LogEntry, ...]
    path: str = "<memory>"

    def topics(self) -> list[str]:
        return sorted({entry.topic for entry in self.entries})


def read_log(path: Path | str) -> EventLog:
    """Read a whole log; a bad line raises LogFormatError naming the file, the line and the problem."""
    with open(path, encoding="utf-8") as lines:
        numbered = _numbered(lines, str(path))
        first = next(numbered, None)
        if first is None:
            raise LogFormatError(f"{path}: empty file, expected a header line")
        header = _parse(first, str(path), LogHeader.from_json)
        entries = tuple(_parse(item, str(path), decode_entry) for item in numbered)
    return EventLog(header, entries, str(path))


def _numbered(lines: IO[str], path: str) -> Iterator[tuple[int, str]]:
    try:
        for number, line in enumerate(lines, start=1):
            if line.strip():
                yield number, line
    except UnicodeDecodeError as exc:
        raise LogFormatError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def _parse(item: tuple[int, str], path: str, build):
    number, line = item
    try:
        return build(json.loads(line))
    except json.JSONDecodeError as exc:
        raise LogFormatError(f"{path}:{number}: not JSON: {exc.msg} (column {exc.colno})") from None
    except ValueError as exc:
        raise LogFormatError(f"{path}:{number}: {exc}") from None
