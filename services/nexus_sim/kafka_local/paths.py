"""Where the launcher finds its pom and keeps jars, data and state.

Repo root is the directory holding ``deploy/kafka/pom.xml``; ``NEXUS_HOME``
defaults to ``<repo>/.nexus``. Everything is resolved when called, never at import.
"""

import os
from pathlib import Path

from .errors import KafkaLocalError

__all__ = [
    "default_data_dir",
    "default_libs_dir",
    "default_state_file",
    "deploy_dir",
    "kafka_home",
    "nexus_home",
    "repo_root",
]

_POM = Path("deploy/kafka/pom.xml")


def repo_root() -> Path:
    """The first directory above this package, or above the working directory, that holds deploy/."""
    for start in (Path(__file__).resolve(), Path.cwd().resolve()):
        for candidate in (start, *start.parents):
            if (candidate / _POM).is_file():
                return candidate
    raise KafkaLocalError(f"cannot find {_POM} above {Path(__file__).parent} or {Path.cwd()}")


def deploy_dir() -> Path:
    return repo_root() / "deploy" / "kafka"


def nexus_home() -> Path:
    configured = os.environ.get("NEXUS_HOME")
    return Path(configured).expanduser() if configured else repo_root() / ".nexus"


def kafka_home() -> Path:
    return nexus_home() / "kafka"


def default_libs_dir() -> Path:
    return kafka_home() / "libs"


def default_data_dir() -> Path:
    return kafka_home() / "data"


def default_state_file() -> Path:
    return kafka_home() / "cluster.json"
