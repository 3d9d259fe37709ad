"""The four services as OS processes (`faststream run <service>.app:create_app --factory`)."""

import os
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from nexus_runtime.settings import DEFAULT_GROUP_PREFIX, settings_environment

from ..kafka_local.credentials import connection
from ..kafka_local.process import free_port

from .spec import RunSpec
from .wiring import SERVICES

__all__ = ["MAX_RESTARTS", "ServiceProcessError", "ServiceProcesses", "service_command", "service_environment"]

MAX_RESTARTS = 3


def service_environment(service: str, spec: RunSpec, bootstrap: str, group_prefix: str = DEFAULT_GROUP_PREFIX,
                        offset_reset: str = "earliest", group_run: str = "", only_run: str = "",
                        instance: int = 1) -> dict[str, str]:
    """The environment that makes a service process model ``spec``'s scenario on ``bootstrap``, as its
    own principal when the brokers are secured (see ``kafka_local.credentials.connection``), as instance
    number ``instance``, handling only the records of ``only_run`` if given."""
    kafka = {"bootstrap_servers": bootstrap, "group_prefix": group_prefix, "offset_reset": offset_reset,
             "group_run": group_run, "only_run": only_run, "instance": str(instance),
             **connection(bootstrap, service).identity()}
    return settings_environment(service, {
        "scenario": spec.scenario_ref, "scenario_overrides": list(spec.overrides), "seed": spec.seed, "kafka": kafka,
    })


def service_command(service: str) -> list[str]:
    return [sys.executable, "-m", "faststream", "run", f"{service}.app:create_app", "--factory"]


class ServiceProcessError(RuntimeError):
    """A service process died or would not stop; the message carries its log tail."""


@dataclass
class ServiceProcesses:
    """The services of one run as processes, each modelling ``spec`` and consuming as ``<group_prefix>.<service>``
    (``<group_prefix>.<service>.<group_run>`` with a ``group_run``); ``instances`` processes of each share the
    partitions of that consumer group. With ``metrics`` each instance serves Prometheus metrics on a free
    127.0.0.1 port (``metrics_urls``). ``supervise`` restarts an instance that died, at most
    ``max_restarts`` times each; ``restarts`` counts them."""

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
    group_run: str = ""
    max_restarts: int = MAX_RESTARTS
    restarts: dict[str, int] = field(default_factory=dict)

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
                                                       group_run=self.group_run, only_run=self.only_run,
                                                       instance=number)}
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

    def supervise(self) -> list[str]:
        """Start again every instance that has exited, and say so (one line each); raise
        ServiceProcessError, with its log tail, for one that has used up its restarts."""
        said = []
        for instance in list(self.procs):
            proc = self.procs[instance]
            if proc.poll() is None:
                continue
            done = self.restarts.get(instance, 0)
            if done >= self.max_restarts:
                raise ServiceProcessError(f"service {instance} exited with {proc.returncode} after {done} restart(s), "
                                          f"the most allowed:\n{self.log_tail(instance)}")
            self.restarts[instance] = done + 1
            self.start(instance.split("#")[0])
            said.append(f"service {instance} (pid {proc.pid}) exited with {proc.returncode}; restarted "
                        f"({done + 1} of {self.max_restarts}, pid {self.procs[instance].pid}); log {self.log_dir / instance}.log")
        return said

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
