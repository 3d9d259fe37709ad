"""Where the launcher finds its pom and keeps jars, data and state.

The pom and the broker's log4j2 config are package data (``broker/``), so the launcher works from
an installed wheel as well as from a checkout. State lives under ``nexus_home()``: ``NEXUS_HOME``
if set; else ``<checkout>/.nexus`` when run inside a checkout of this repository; else the user
data directory (platformdirs). Everything is resolved when called, never at import.
"""

import os
import tomllib
from pathlib import Path

import platformdirs

__all__ = [
    "broker_config_dir",
    "checkout_root",
    "default_data_dir",
    "default_libs_dir",
    "default_state_file",
    "kafka_home",
    "nexus_home",
]

APP_NAME = "nexus-flow"
_PACKAGE_DIR = Path(__file__).resolve().parent


def broker_config_dir() -> Path:
    """The packaged ``pom.xml`` (the Kafka jars to fetch) and ``log4j2.yaml``."""
    return _PACKAGE_DIR / "broker"


def checkout_root(*starts: Path) -> Path | None:
    """The checkout of this repository holding one of ``starts`` (default: the working directory,
    then this package's own location, so the code of a checkout finds it from anywhere), if any.

    A checkout is the directory whose pyproject.toml declares the uv workspace and which holds
    ``services/nexus_runtime``: another project's pyproject never matches both."""
    for start in starts or (Path.cwd(), _PACKAGE_DIR):
        here = start.resolve()
        for candidate in (here, *here.parents):
            if (candidate / "services" / "nexus_runtime").is_dir() and _is_workspace_root(candidate / "pyproject.toml"):
                return candidate
    return None


def _is_workspace_root(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return False
    return "workspace" in data.get("tool", {}).get("uv", {})


def nexus_home() -> Path:
    if configured := os.environ.get("NEXUS_HOME", "").strip():
        return Path(configured).expanduser()
    checkout = checkout_root()
    return checkout / ".nexus" if checkout else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def kafka_home() -> Path:
    return nexus_home() / "kafka"


def default_libs_dir() -> Path:
    return kafka_home() / "libs"


def default_data_dir() -> Path:
    return kafka_home() / "data"


def default_state_file() -> Path:
    return kafka_home() / "cluster.json"
