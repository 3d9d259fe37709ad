"""The packages as an adapter team gets them: wheels built from this checkout and installed into a
fresh virtual environment outside it, used from an empty directory (README, "Use it from your own
project"). The wheels are built and installed once per module; dependencies come from PyPI.
"""

import os
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from nexus_runtime.scenarios import bundled_scenarios, load_scenario
from nexus_sim.eventlog.pytest_plugin import no_broker
from nexus_sim.kafka_local.process import free_port_block
from nexus_sim.run.in_memory import run_in_memory

ROOT = Path(__file__).resolve().parents[2]
DIGEST_LINE = re.compile(r"outcome digest: ([0-9a-f]{64})")
OWN_PROJECT = (ROOT / "README.md").read_text().split("## Use it from your own project")[1].split("\n## ")[0]
TINY_TEST = re.search(r"```python\n(.*?)```", OWN_PROJECT, re.S).group(1)  # the README's test, as a user copies it


def uv() -> str:
    """The uv the Makefile uses: on PATH, else the pinned one in .tools/."""
    found = shutil.which("uv") or (str(ROOT / ".tools/bin/uv") if (ROOT / ".tools/bin/uv").is_file() else None)
    if found is None:
        pytest.fail("no uv on PATH or in .tools/bin (`make env` installs it)")
    return found


def version_of(package_dir: str) -> str:
    return tomllib.loads((ROOT / package_dir / "pyproject.toml").read_text())["project"]["version"]


@dataclass(frozen=True)
class Installed:
    """A virtual environment outside the checkout, and an empty directory to work in."""

    venv: Path
    workdir: Path
    env: dict[str, str]

    def run(self, program: str, *args: str, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
        done = subprocess.run([str(self.venv / "bin" / program), *args], cwd=cwd or self.workdir, env=self.env,
                              capture_output=True, text=True, timeout=timeout)  # fmt: skip
        assert done.returncode == 0, f"{program} {' '.join(args)} -> {done.returncode}\n{done.stdout}\n{done.stderr}"
        return done


def outside_env(nexus_home: Path) -> dict[str, str]:
    """This process's environment without what points at the checkout's .venv."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "UV_PROJECT_ENVIRONMENT")}
    return env | {"NEXUS_HOME": str(nexus_home), "PYTHONDONTWRITEBYTECODE": "1"}


def install(tmp: Path, wheels: list[Path], *extra: str) -> Path:
    """A fresh venv at ``tmp/venv`` (this interpreter's Python) with ``wheels`` and ``extra`` installed."""
    venv = tmp / "venv"
    env = outside_env(tmp / "nexus-home")
    subprocess.run([uv(), "venv", "-q", "--python", sys.executable, str(venv)], cwd=tmp, env=env, check=True)
    subprocess.run([uv(), "pip", "install", "-q", "--python", str(venv / "bin" / "python"), *map(str, wheels), *extra],
                   cwd=tmp, env=env, check=True, timeout=600)  # fmt: skip
    return venv


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([uv(), "build", "-q", "--all-packages", "--wheel", "--out-dir", str(out)], cwd=ROOT, check=True,
                   timeout=600)  # fmt: skip
    return {path.name.split("-")[0]: path for path in out.glob("*.whl")}


@pytest.fixture(scope="module")
def installed(wheels: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Installed:
    tmp = tmp_path_factory.mktemp("outside")
    assert not tmp.resolve().is_relative_to(ROOT)
    venv = install(tmp, [wheels["nexus_contracts"], wheels["nexus_services"]], "pytest")
    workdir = tmp / "empty"
    workdir.mkdir()
    return Installed(venv, workdir, outside_env(tmp / "nexus-home"))


def test_the_readme_names_the_commands_tested_here():
    shell = re.search(r"```sh\n(.*?)```", OWN_PROJECT, re.S).group(1)
    for command in ("uv build --all-packages", "uv pip install", "nexus --version", "nexus scenarios",
                    "nexus simulate --days 1 -q", "nexus kafka up --port", "nexus kafka down"):
        assert command in shell, command
    for name in ("replay", "kafka_bootstrap", "--nexus-bootstrap", "--nexus-log", "CI=true"):
        assert f"`{name}" in OWN_PROJECT, name
    assert len(TINY_TEST.strip().splitlines()) == 3 and "conftest" not in TINY_TEST


def test_simulate_gives_the_checkouts_digest_from_an_empty_directory(installed):
    expected = run_in_memory(load_scenario("london-2013"), 1, 1).digest
    printed = installed.run("nexus", "simulate", "--days", "1", "-q").stdout
    assert DIGEST_LINE.search(printed).group(1) == expected
    assert list(installed.workdir.iterdir()) == []  # nothing written beside the user's files


def test_scenarios_lists_the_bundled_ones(installed):
    listed = [line.split()[0] for line in installed.run("nexus", "scenarios").stdout.splitlines() if line.strip()]
    assert listed == bundled_scenarios() and "london-2013" in listed


def test_version_names_both_packages(installed):
    printed = installed.run("nexus", "--version").stdout
    assert printed.strip() == (f"nexus-services {version_of('services')}, "
                               f"nexus-contracts {version_of('contracts')}")  # fmt: skip


def test_a_project_without_conftest_gets_the_fixtures_by_entry_point(installed):
    project = installed.workdir.parent / "adapter-project"
    project.mkdir()
    (project / "test_golden.py").write_text(TINY_TEST)
    done = installed.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=project)
    assert re.search(r"\b1 passed\b", done.stdout), done.stdout
    (project / "test_default_log.py").write_text('def test_replay_defaults_to_the_option(replay):\n'
                                                 '    assert replay().counts["ArrestMade"] == 77\n')
    done = installed.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nexus-log", "london-2013",
                         cwd=project)  # fmt: skip
    assert re.search(r"\b2 passed\b", done.stdout), done.stdout
    shown = installed.run("python", "-m", "pytest", "--help", cwd=project).stdout
    assert "--nexus-bootstrap" in shown and "--nexus-log" in shown
    fixtures = installed.run("python", "-m", "pytest", "--fixtures", "-q", "-p", "no:cacheprovider", cwd=project).stdout
    assert re.search(r"^replay\b", fixtures, re.M) and re.search(r"^kafka_bootstrap \[session scope\]", fixtures, re.M)


def test_the_contracts_install_alone_with_their_schemas(wheels, tmp_path):
    venv = install(tmp_path, [wheels["nexus_contracts"]])
    script = ("import json; from nexus_contracts.schemas import schema_file; from nexus_contracts import CONTRACTS_VERSION; "
              "print(json.loads(schema_file('asyncapi.json').read_text())['info']['version'], CONTRACTS_VERSION)")
    done = subprocess.run([str(venv / "bin" / "python"), "-c", script], cwd=tmp_path, capture_output=True, text=True,
                          env=outside_env(tmp_path), check=True)  # fmt: skip
    assert done.stdout.split() == [version_of("contracts")] * 2
    assert not (venv / "bin" / "nexus").exists()


@pytest.mark.integration
def test_the_local_broker_starts_and_stops_from_the_installed_package(installed):
    if not (shutil.which("java") and shutil.which("mvn")):
        no_broker("the local launcher needs java and mvn on PATH")
    port = free_port_block(2)
    up = installed.run("nexus", "kafka", "up", "--port", str(port), timeout=600)
    try:
        assert f"bootstrap: 127.0.0.1:{port}" in up.stdout
        assert (Path(installed.env["NEXUS_HOME"]) / "kafka" / "cluster.json").is_file()
        assert str(port) in installed.run("nexus", "kafka", "status").stdout
    finally:
        down = installed.run("nexus", "kafka", "down", timeout=120)
    assert "Stopped 1 node(s)" in down.stdout
    assert "No local Kafka recorded" in installed.run("nexus", "kafka", "status").stdout
