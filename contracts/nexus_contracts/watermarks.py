"""Time progress markers (watermarks): transport metadata saying how far event time has come.

A marker is a record with no key and an empty value, sent to one partition, whose headers say:
"from ``origin``, no record with an event time earlier than ``time`` follows on this partition"
(ARCHITECTURE.md, invariant 3). The scenario driver sends them with the arrests; each service
forwards them along the topics time flows through (the catalogue's ``time_from``), after the
records it produced from what came before them. Markers are never domain events: no payload,
no event id, never in the digest, a report or an event log.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

__all__ = ["DRIVER_ORIGIN", "END_OF_TIME", "ORIGIN_HEADER", "WATERMARK_HEADER", "Marker", "is_marker",
           "marker_headers", "read_marker"]

WATERMARK_HEADER = "nexus.watermark"
ORIGIN_HEADER = "nexus.watermark.origin"
DRIVER_ORIGIN = "scenario-driver"
END_OF_TIME = datetime.max.replace(tzinfo=UTC)
_END = "end"


@dataclass(frozen=True, slots=True)
class Marker:
    origin: str
    time: datetime

    @property
    def is_end(self) -> bool:
        return self.time == END_OF_TIME


def marker_headers(marker: Marker) -> dict[str, str]:
    time = _END if marker.is_end else marker.time.isoformat()
    return {WATERMARK_HEADER: time, ORIGIN_HEADER: marker.origin}


def is_marker(headers: Mapping[str, str]) -> bool:
    return WATERMARK_HEADER in headers


def read_marker(headers: Mapping[str, str]) -> Marker | None:
    """The marker these headers carry; None if they carry none. Raises ValueError if malformed."""
    time = headers.get(WATERMARK_HEADER)
    if time is None:
        return None
    origin = headers.get(ORIGIN_HEADER)
    if not origin:
        raise ValueError(f"a {WATERMARK_HEADER} marker without {ORIGIN_HEADER}")
    at = END_OF_TIME if time == _END else datetime.fromisoformat(time)
    if at.tzinfo is None:
        raise ValueError(f"{WATERMARK_HEADER} {time!r} has no time zone")
    return Marker(origin, at)
