"""Operating-system plumbing: free ports, detached JVMs, liveness and termination by pid."""

import errno
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

from .errors import PortInUseError
from .layout import HOST

__all__ = [
    "check_ports_free",
    "free_port",
    "free_port_block",
    "is_running",
    "kill",
    "port_is_free",
    "spawn_detached",
    "tail",
    "terminate",
]


def port_is_free(port: int, host: str = HOST) -> bool:
    """True when ``host:port`` can be bound now (same SO_REUSEADDR semantics as the JVM)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                return False
            raise
    return True


def free_port(host: str = HOST) -> int:
    """A TCP port on ``host`` that nothing listens on right now (the kernel picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def free_port_block(count: int, attempts: int = 50) -> int:
    """A base port ``p`` such that ``p .. p+count-1`` are all free on 127.0.0.1 (for tests and tools)."""
    for _ in range(attempts):
        base = free_port()
        if base + count < 65536 and all(port_is_free(base + offset) for offset in range(count)):
            return base
    raise PortInUseError(f"no block of {count} free ports found on {HOST}")


def check_ports_free(ports: dict[int, str]) -> None:
    """Raise PortInUseError naming the first taken port and what it was meant for."""
    for port, purpose in sorted(ports.items()):
        if not 0 < port < 65536:
            raise PortInUseError(f"port {port} ({purpose}) is not a valid TCP port")
        if not port_is_free(port):
            raise PortInUseError(
                f"port {port} on {HOST} ({purpose}) is already in use: stop what holds it or pick another --port"
            )


def spawn_detached(command: list[str], log_file: Path, cwd: Path) -> int:
    """Start ``command`` in its own session (process group), output appended to ``log_file``."""
    log_file.parent.mkdir(parents=True, exist_ok=True)
    with log_file.open("ab") as log:
        child = subprocess.Popen(
            command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    return child.pid


def is_running(pid: int, marker: str | None = None) -> bool:
    """True if ``pid`` is alive, not a zombie, and (when /proc exists) its command line holds ``marker``."""
    _reap_if_child(pid)
    proc = Path(f"/proc/{pid}")
    if proc.parent.is_dir():
        try:
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, IndexError):
            return False
        return state != "Z" and (marker is None or marker in cmdline)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def exit_code(pid: int) -> int | None:
    """For a process this one started: its exit code once it has exited, else None. (Asks the
    kernel via waitpid, so a child in the middle of exec'ing is never mistaken for a dead one.)"""
    try:
        done, status = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:  # not our child, or already reaped
        return None if is_running(pid) else -1
    return None if done == 0 else os.waitstatus_to_exitcode(status)


def terminate(pids: dict[int, str], timeout: float) -> list[int]:
    """SIGTERM each process group, SIGKILL after ``timeout``; return pids still alive after that."""
    _signal_groups(pids, signal.SIGTERM)
    survivors = _wait_gone(pids, timeout)
    if survivors:
        _signal_groups(survivors, signal.SIGKILL)
        survivors = _wait_gone(survivors, 5.0)
    return sorted(survivors)


def kill(pids: dict[int, str]) -> list[int]:
    """SIGKILL each process group at once (a crash, not a shutdown); return pids still alive 5 s later."""
    _signal_groups(pids, signal.SIGKILL)
    return sorted(_wait_gone(dict.fromkeys(pids, None), 5.0))  # gone, not only exiting (its cmdline emptied)


def tail(path: Path, lines: int = 20) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return f"(no log at {path})"
    return "\n".join(text.rstrip().splitlines()[-lines:]) or f"(nothing logged yet in {path})"


def _signal_groups(pids: dict[int, str], sig: signal.Signals) -> None:
    for pid, marker in pids.items():
        if not is_running(pid, marker):
            continue
        try:
            os.killpg(pid, sig)  # spawn_detached made each node the leader of its own group
        except ProcessLookupError:
            pass


def _wait_gone(pids: dict[int, str | None], timeout: float) -> dict[int, str | None]:
    deadline = time.monotonic() + timeout
    alive = dict(pids)
    while alive and time.monotonic() < deadline:
        alive = {pid: marker for pid, marker in alive.items() if is_running(pid, marker)}
        if alive:
            time.sleep(0.1)
    return {pid: marker for pid, marker in alive.items() if is_running(pid, marker)}


def _reap_if_child(pid: int) -> None:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass
