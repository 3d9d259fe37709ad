"""pytest plugin, loaded by entry point (``pytest11``) wherever nexus-services is installed.

Fixtures:

- ``replay``: ``replay(path)`` feeds a recorded log's inputs to the services in memory and returns
  a ``RunResult``, as ``nexus simulate`` gives::

      from nexus_sim.eventlog import Journeys, golden_log

      def test_referrals(replay):
          result = replay(golden_log("london-2013"))  # or a path, relative to the pytest root
          assert result.counts["ReferralCreated"] == 24
          journey = Journeys.of(result.entries).events_of("MET-CX/130304/3989394C")
          assert journey[0].event_type == "ArrestMade"

  ``replay()`` with no path replays ``--nexus-log`` (a path, or a bundled golden log's name).
- ``kafka_bootstrap`` (session): ``host:port`` of a real broker with every catalogue topic and
  ``.dlq``: ``--nexus-bootstrap``, else ``KAFKA_BOOTSTRAP_SERVERS``, else a Testcontainers
  ``apache/kafka`` container (when installed and a Docker engine answers), else the local
  launcher (needs java and mvn). No broker to be had: the test skips with the reason, or fails
  under ``CI=true`` (never a silent skip in CI).
"""

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from ..kafka_local.provision import NoBrokerError, broker_for_tests
from ..run.result import RunResult
from .golden_logs import golden_log, golden_logs
from .io import read_log
from .replay import DEFAULT_INPUTS, replay_in_memory

__all__ = ["kafka_bootstrap", "no_broker", "pytest_addoption", "replay"]

BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS"

Replay = Callable[..., RunResult]


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("nexus", "Nexus Flow fixtures")
    group.addoption("--nexus-bootstrap", metavar="HOST:PORT", default=None,
                    help=f"Kafka broker for kafka_bootstrap (default: ${BOOTSTRAP_ENV}, else a container or the "
                         "local launcher)")  # fmt: skip
    group.addoption("--nexus-log", metavar="PATH|NAME", default=None,
                    help="event log replay() replays when given no path: a file, or a bundled golden log's name")


def no_broker(reason: str) -> None:
    """Skip the test, or fail it when ``CI=true``: CI must never pass without a real broker."""
    if os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}:
        pytest.fail(f"no Kafka broker for integration tests (CI=true): {reason}", pytrace=False)
    pytest.skip(f"no Kafka broker: {reason}")


@pytest.fixture
def replay(request: pytest.FixtureRequest) -> Replay:
    """``replay(path=--nexus-log, inputs=(arrests topic,))`` -> what the services produce from the log's inputs."""
    root = Path(request.config.rootpath)
    default = request.config.getoption("nexus_log")

    def run(path: str | Path | None = None, inputs: Sequence[str] = DEFAULT_INPUTS) -> RunResult:
        chosen = path if path is not None else default
        if chosen is None:
            raise ValueError("replay() needs a log path, or --nexus-log")
        return replay_in_memory(read_log(_log_path(root, chosen)), inputs)

    return run


def _log_path(root: Path, path: str | Path) -> Path:
    """A file (relative to the pytest root), else a bundled golden log's name."""
    candidate = root / path
    if candidate.is_file() or str(path).removesuffix(".jsonl") not in golden_logs():
        return candidate  # read_log names the missing file
    return golden_log(str(path))


@pytest.fixture(scope="session")
def kafka_bootstrap(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``host:port[,...]`` of a real broker that has every catalogue topic and ``.dlq``."""
    configured = request.config.getoption("nexus_bootstrap") or os.environ.get(BOOTSTRAP_ENV, "").strip() or None
    try:
        with broker_for_tests(configured, tmp_path_factory.mktemp("kafka1")) as bootstrap:
            yield bootstrap
    except NoBrokerError as exc:
        no_broker(str(exc))
