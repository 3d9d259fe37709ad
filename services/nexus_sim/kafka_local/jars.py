"""The broker's runtime jars, fetched once from Maven Central with ``mvn``."""

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import JarDownloadError, ToolMissingError
from .paths import broker_config_dir, default_libs_dir

__all__ = ["ensure_jars", "find_tool", "jars_present", "kafka_version"]

STAMP_NAME = ".kafka-version"
MVN_TIMEOUT_S = 900
_ANSI = re.compile(r"\x1b\[[0-9;]*m")  # Maven 3.8 emits colour resets even in batch mode
_INSTALL_HINTS = {"java": "install a JDK 17+ or set JAVA_HOME", "mvn": "install Apache Maven 3.8+"}


def find_tool(name: str) -> str:
    """Absolute path of ``java`` or ``keytool`` (JAVA_HOME first) or ``mvn``; ToolMissingError if absent."""
    java_home = os.environ.get("JAVA_HOME")
    if name in ("java", "keytool") and java_home and os.access(Path(java_home, "bin", name), os.X_OK):
        return str(Path(java_home, "bin", name))
    found = shutil.which(name)
    if found is None:
        hint = _INSTALL_HINTS.get(name, "install it")
        raise ToolMissingError(f"`{name}` not found on PATH: {hint} to run a local Kafka broker")
    return found


def kafka_version(pom: Path | None = None) -> str:
    """The Kafka version pinned by the packaged ``broker/pom.xml``."""
    text = (pom or broker_config_dir() / "pom.xml").read_text(encoding="utf-8")
    match = re.search(r"<kafka\.version>\s*([^<\s]+)\s*</kafka\.version>", text)
    if match is None:
        raise JarDownloadError(f"no <kafka.version> property in {pom or broker_config_dir() / 'pom.xml'}")
    return match.group(1)


def jars_present(libs_dir: Path, version: str) -> bool:
    stamp = libs_dir / STAMP_NAME
    return stamp.is_file() and stamp.read_text().strip() == version


def ensure_jars(cache_dir: Path | None = None) -> Path:
    """Directory of the broker's jars; runs ``mvn dependency:copy-dependencies`` only when the stamp is missing."""
    libs_dir = Path(cache_dir) if cache_dir else default_libs_dir()
    pom = broker_config_dir() / "pom.xml"
    version = kafka_version(pom)
    if jars_present(libs_dir, version):
        return libs_dir
    mvn = find_tool("mvn")
    libs_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{libs_dir.name}.partial.", dir=libs_dir.parent))
    try:
        _copy_dependencies(mvn, pom, staging)
        (staging / STAMP_NAME).write_text(version + "\n")
        if not jars_present(libs_dir, version):  # another process may have finished first
            shutil.rmtree(libs_dir, ignore_errors=True)
            staging.rename(libs_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return libs_dir


def _copy_dependencies(mvn: str, pom: Path, target: Path) -> None:
    command = [mvn, "-B", "-q", "-U", "-f", str(pom), "dependency:copy-dependencies",
               f"-DoutputDirectory={target}"]  # fmt: skip
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=MVN_TIMEOUT_S)
    except subprocess.TimeoutExpired as exc:
        raise JarDownloadError(f"mvn did not finish within {MVN_TIMEOUT_S}s fetching Kafka jars") from exc
    if done.returncode != 0 or not any(target.glob("kafka_2.13-*.jar")):
        output = _ANSI.sub("", done.stdout + done.stderr).strip()
        tail = "\n".join(output.splitlines()[-20:])
        raise JarDownloadError(f"mvn could not fetch the Kafka jars (exit {done.returncode}) from {pom}", tail)
