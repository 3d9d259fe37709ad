"""Reads of committed state are asked again while a broker is lost (retrying.py)."""

import pytest
from aiokafka.errors import KafkaError, NotCoordinatorForGroupError

from nexus_runtime.retrying import retried


def _failing(times: int):
    calls = []

    async def attempt() -> str:
        calls.append(1)
        if len(calls) <= times:
            raise NotCoordinatorForGroupError()
        return "committed"

    return attempt, calls


async def test_an_attempt_is_made_again_until_it_succeeds():
    attempt, calls = _failing(1)
    assert await retried(attempt) == "committed"
    assert len(calls) == 2


async def test_past_its_patience_the_last_error_is_raised():
    attempt, calls = _failing(5)
    with pytest.raises(KafkaError):
        await retried(attempt, patience=0.0)
    assert len(calls) == 1
