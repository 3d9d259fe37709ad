"""pytest plugin: replay recorded event logs in tests.

Enable it with ``pytest_plugins = ["nexus_sim.eventlog.pytest_plugin"]`` in a conftest, then::

    def test_referrals(replay):
        result = replay("tests/replay/logs/london-2013.jsonl")
        assert result.digest == EXPECTED_DIGEST  # see tests/replay/test_golden_logs.py
        assert result.counts["ReferralCreated"] == 24
        journey = Journeys.of(result.entries).events_of("MET-CX/130304/3989394C")  # nexus_sim.eventlog.Journeys
        assert journey[0].event_type == "ArrestMade"

Relative paths are taken from the pytest root directory.
"""

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from .io import read_log
from ..run.result import RunResult
from .replay import DEFAULT_INPUTS, replay_in_memory

__all__ = ["replay"]

Replay = Callable[..., RunResult]


@pytest.fixture
def replay(request: pytest.FixtureRequest) -> Replay:
    """``replay(path, inputs=(arrests topic,))`` -> what the services produce from the log's inputs."""
    root = Path(request.config.rootpath)

    def run(path: str | Path, inputs: Sequence[str] = DEFAULT_INPUTS) -> RunResult:
        return replay_in_memory(read_log(root / path), inputs)

    return run
