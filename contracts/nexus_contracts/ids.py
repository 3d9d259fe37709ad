"""Deterministic ids (ARCHITECTURE.md invariant 2): every id derives from the scenario run or its cause."""

import uuid
from datetime import date
from hashlib import sha1

__all__ = ["NEXUS_NAMESPACE", "RETURNING", "arrest_event_id", "derived_id", "is_returning", "returning_person_ref",
           "short_ref"]

NEXUS_NAMESPACE = uuid.UUID("6f1c7a52-8d1e-4b57-9a43-0e5d3f2b9c10")


def arrest_event_id(seed: int, suite: str, day: date, hour: int, n: int) -> uuid.UUID:
    """Id of the n-th arrest in one hour at a suite, for a seed. Not tied to a scenario's name, so two
    scenarios run with the same seed arrest the same people at the same suite and hour (a fair comparison)."""
    return uuid.uuid5(NEXUS_NAMESPACE, f"arrest:{seed}:{suite}:{day.isoformat()}:{hour}:{n}")


def derived_id(cause: uuid.UUID, event_type: str, index: int = 0) -> uuid.UUID:
    """Id of the ``index``-th event of ``event_type`` caused by event ``cause``: ``uuid.uuid5(cause,
    f"{event_type}:{index}")``, made without the standard library's per-call import and checks (every
    event an event causes takes one)."""
    digest = sha1(cause.bytes + f"{event_type}:{index}".encode()).digest()
    return uuid.UUID(int=(int.from_bytes(digest[:16], "big") & _NOT_VERSION_OR_VARIANT) | _VERSION_5)


_NOT_VERSION_OR_VARIANT = ~((0xF000 << 64) | (0xC000 << 48))
_VERSION_5 = (5 << 76) | (0x8000 << 48)  # version 5, RFC 4122 variant


RETURNING = "SYN-R"  # person_ref prefix of someone the scenario's population sends back to custody again and again


def returning_person_ref(force: str, index: int) -> str:
    """The reference of the ``index``-th returning person of a force: the same at every arrest."""
    return f"{RETURNING}-{force.upper()}-{index:06d}"


def is_returning(person_ref: str) -> bool:
    return person_ref.startswith(RETURNING + "-")


def short_ref(prefix: str, source: uuid.UUID) -> str:
    """A readable reference such as SYN-P-3F2A9C1D, derived from an id."""
    return f"{prefix}-{source.hex[:8].upper()}"
