"""Deterministic ids (ARCHITECTURE.md invariant 2): every id derives from the scenario run or its cause."""

import uuid
from datetime import date

__all__ = ["NEXUS_NAMESPACE", "arrest_event_id", "derived_id", "short_ref"]

NEXUS_NAMESPACE = uuid.UUID("6f1c7a52-8d1e-4b57-9a43-0e5d3f2b9c10")


def arrest_event_id(seed: int, suite: str, day: date, hour: int, n: int) -> uuid.UUID:
    """Id of the n-th arrest in one hour at a suite, for a seed. Not tied to a scenario's name, so two
    scenarios run with the same seed arrest the same people at the same suite and hour (a fair comparison)."""
    return uuid.uuid5(NEXUS_NAMESPACE, f"arrest:{seed}:{suite}:{day.isoformat()}:{hour}:{n}")


def derived_id(cause: uuid.UUID, event_type: str, index: int = 0) -> uuid.UUID:
    """Id of the ``index``-th event of ``event_type`` caused by event ``cause``."""
    return uuid.uuid5(cause, f"{event_type}:{index}")


def short_ref(prefix: str, source: uuid.UUID) -> str:
    """A readable reference such as SYN-P-3F2A9C1D, derived from an id."""
    return f"{prefix}-{source.hex[:8].upper()}"
