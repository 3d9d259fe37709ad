"""The four services as OS processes (`faststream run <service>.app:create_app --factory`)."""

import os
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from nexus_runtime.settings import DEFAULT_GROUP_PREFIX, settings_environment

from ..kafka_local.process import free_port

from .spec import RunSpec
from .wiring import SERVICES

__all__ = ["ServiceProcessError", "ServiceProcesses", "service_command", "service_environment"]


def service_environment(service: str, spec: RunSpec, bootstrap: str, group_prefix: str = DEFAULT_GROUP_PREFIX,
                        offset_reset: str = "earliest", only_run: str = "", instance: int = 1) -> dict[str, str]:
    """The environment that makes a service process model ``spec``'s scenario on ``bootstrap`` (as
    instance number ``instance``; handling only the records of ``only_run``, if given)."""
    return settings_environment(service, {
        "scenario": spec.scenario_ref, "scenario_overrides": list(spec.overrides), "seed": spec.seed,
        "kafka": {"bootstrap_servers": bootstrap, "group_prefix": group_prefix, "offset_reset": offset_reset,
                  "only_run": only_run, "instance": str(instance)},
    })


def service_command(service: str) -> list[str]:
    return [sys.executable, "-m", "faststream", "run", f"{service}.app:create_app", "--factory"]


class ServiceProcessError(RuntimeError):
    """A service process died or would not stop; the message carries its log tail."""


@dataclass
class ServiceProcesses:
    """The services of one run as processes, each modelling ``spec`` and consuming as ``<group_prefix>.<service>``;
    ``instances`` processes of each share the partitions of that consumer group. With ``metrics``
    each instance serves Prometheus metrics on a free 127.0.0.1 port (``metrics_urls``)."""

    spec: RunSpec
    bootstrap: str
    group_prefix: str
    instances: int = 1
    log_dir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="nexus-services-")))
    procs: dict[str, subprocess.Popen] = field(default_factory=dict)
    metrics: bool = False
    metrics_urls: dict[str, str] = field(default_factory=dict)
    only_run: str = ""
    """When set, the services handle only this run's records and skip any other's unread."""

    def start_all(self) -> None:
        for name in SERVICES:
            self.start(name)

    def start(self, name: str) -> None:
        """Start the instances of service ``name`` that are not running (the first is named ``name``,
        the others ``name#2``, ...)."""
        for number in range(1, self.instances + 1):
            instance = name if number == 1 else f"{name}#{number}"
            if instance in self.procs and self.procs[instance].poll() is None:
                continue
            env = {**os.environ, **service_environment(name, self.spec, self.bootstrap, self.group_prefix,
                                                       only_run=self.only_run, instance=number)}
            log = (self.log_dir / f"{instance}.log").open("ab")
            self.procs[instance] = subprocess.Popen(service_command(name), env={**env, **self._metrics_env(name, instance)},
                                                    stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def _metrics_env(self, name: str, instance: str) -> dict[str, str]:
        if not self.metrics:
            return {}
        port = free_port()
        self.metrics_urls[instance] = f"http://127.0.0.1:{port}/metrics"
        return settings_environment(name, {"metrics_port": port})

    def kill(self, name: str) -> None:
        """SIGKILL one service instance (for crash tests)."""
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
