"""The four services as OS processes (`faststream run <service>.app:create_app --factory`)."""

import json
import os
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .services import SERVICES

__all__ = ["ServiceProcessError", "ServiceProcesses", "service_command", "service_environment"]


def service_environment(service: str, scenario: str, overrides: tuple[str, ...], seed: int, bootstrap: str,
                        group_prefix: str = "nexus", offset_reset: str = "earliest") -> dict[str, str]:
    prefix = f"NEXUS_{service.upper()}_"
    return {
        f"{prefix}SCENARIO": scenario,
        f"{prefix}SCENARIO_OVERRIDES": json.dumps(list(overrides)),
        f"{prefix}SEED": str(seed),
        f"{prefix}KAFKA__BOOTSTRAP_SERVERS": bootstrap,
        f"{prefix}KAFKA__GROUP_PREFIX": group_prefix,
        f"{prefix}KAFKA__OFFSET_RESET": offset_reset,
    }


def service_command(service: str) -> list[str]:
    return [sys.executable, "-m", "faststream", "run", f"{service}.app:create_app", "--factory"]


class ServiceProcessError(RuntimeError):
    """A service process died or would not stop; the message carries its log tail."""


@dataclass
class ServiceProcesses:
    scenario: str
    overrides: tuple[str, ...]
    seed: int
    bootstrap: str
    group_prefix: str
    log_dir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="nexus-services-")))
    procs: dict[str, subprocess.Popen] = field(default_factory=dict)

    def start_all(self) -> None:
        for name in SERVICES:
            self.start(name)

    def start(self, name: str) -> None:
        env = {**os.environ, **service_environment(name, self.scenario, self.overrides, self.seed, self.bootstrap,
                                                   self.group_prefix)}
        log = (self.log_dir / f"{name}.log").open("ab")
        self.procs[name] = subprocess.Popen(service_command(name), env=env, stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True)

    def kill(self, name: str) -> None:
        """SIGKILL one service (for crash tests)."""
        self.procs[name].send_signal(signal.SIGKILL)
        self.procs[name].wait(timeout=10)

    def check_alive(self) -> None:
        for name, proc in self.procs.items():
            if proc.poll() is not None:
                raise ServiceProcessError(f"service {name} exited with {proc.returncode}:\n{self.log_tail(name)}")

    def stop_all(self, timeout: float = 20.0) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for name, proc in self.procs.items():
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)

    def log_tail(self, name: str, lines: int = 20) -> str:
        path = self.log_dir / f"{name}.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else "(no log)"
