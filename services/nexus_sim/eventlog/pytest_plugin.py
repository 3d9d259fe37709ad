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
- ``nexus_verify``: ``nexus_verify(service, group=..., ...)`` runs `nexus verify` against your own
  implementation of ``service``, already consuming on the broker, and returns a ``Verification``
  (``.passed``, ``.failures``, ``.report()``, ``.write_junit(path)``)::

      def test_my_iabs_adapter_honours_the_contracts(nexus_verify, my_running_adapter):
          result = nexus_verify("fingerprint_match", group="my-iabs")
          assert result.passed, result.report()

  The broker is ``bootstrap=`` if given, else ``kafka_bootstrap``'s; the log ``log=`` (a path, or a
  bundled golden log's name), else ``--nexus-log``, else the golden log ``london-2013``;
  ``reference=True`` compares with the project's own service too; ``--nexus-junit DIR`` also writes
  ``DIR/nexus-verify-<service>.xml``.
"""

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from ..kafka_local.provision import NoBrokerError, broker_for_tests
from ..run.result import RunResult
from .golden_logs import golden_log, golden_logs
from .io import read_log
from .replay import DEFAULT_INPUTS, replay_in_memory

__all__ = ["kafka_bootstrap", "nexus_verify", "no_broker", "pytest_addoption", "replay"]

BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS"

Replay = Callable[..., RunResult]
VERIFY_LOG = "london-2013"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("nexus", "Nexus Flow fixtures")
    group.addoption("--nexus-bootstrap", metavar="HOST:PORT", default=None,
                    help=f"Kafka broker for kafka_bootstrap (default: ${BOOTSTRAP_ENV}, else a container or the "
                         "local launcher)")  # fmt: skip
    group.addoption("--nexus-log", metavar="PATH|NAME", default=None,
                    help="event log replay() replays, and nexus_verify() feeds, when given none: a file, or a "
                         "bundled golden log's name")
    group.addoption("--nexus-junit", metavar="DIR", default=None,
                    help="nexus_verify() also writes DIR/nexus-verify-<service>.xml (JUnit XML)")


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


@pytest.fixture
def nexus_verify(request: pytest.FixtureRequest) -> Callable[..., Any]:
    """``nexus_verify(service, *, group=None, bootstrap=None, log=None, reference=False, timeout=30, wait=60)``
    -> the ``Verification`` of your implementation of ``service`` (see the module docstring)."""
    from ..verify.session import verify_service  # loaded only by the tests that verify

    root = Path(request.config.rootpath)
    default_log = request.config.getoption("nexus_log") or VERIFY_LOG
    junit_dir = request.config.getoption("nexus_junit")

    def run(service: str, *, group: str | None = None, bootstrap: str | None = None, log: str | Path | None = None,
            reference: bool = False, timeout: float = 30.0, wait: float = 60.0) -> Any:
        broker = bootstrap or request.getfixturevalue("kafka_bootstrap")
        event_log = read_log(_log_path(root, log if log is not None else default_log))
        done = verify_service(service, event_log, broker, reference=reference, timeout=timeout, group=group,
                              wait=wait)
        if junit_dir:
            done.write_junit(Path(junit_dir) / f"nexus-verify-{service}.xml")
        return done

    return run
