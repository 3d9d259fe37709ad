"""Asking the brokers again while one is lost: the group's coordinator may be moving, so a read of
what is committed is retried, backing off from 0.2 s to 5 s (ARCHITECTURE.md invariant 5: a batch is
never skipped because its committed state could not be read yet)."""

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import structlog
from aiokafka.errors import KafkaError

__all__ = ["retried"]

T = TypeVar("T")
log = structlog.get_logger("nexus.retrying")


async def retried(attempt: Callable[[], Awaitable[T]], patience: float | None = None) -> T:
    """``attempt()``, again after each KafkaError until it succeeds, or until ``patience`` seconds (if
    given) would pass, when the last error is raised."""
    deadline = None if patience is None else time.monotonic() + patience
    delay = 0.2
    while True:
        try:
            return await attempt()
        except KafkaError as exc:
            if deadline is not None and time.monotonic() + delay > deadline:
                raise
            log.warning("committed offsets not readable yet; retrying", error=str(exc), in_seconds=delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)
