"""The conformance kit tried as an integration engineer would (issue 12, item 2): an outside
fingerprint_match written with confluent-kafka (``fingerprint_adapter.py``, no project runtime) passes
``nexus verify fingerprint_match``, and each of five broken variants fails it, naming the rule, the
record and the field."""

import ast
import importlib.util
import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from nexus_contracts import ContractError, decode_event
from nexus_contracts.ids import derived_id
from nexus_sim.eventlog import golden_log, read_log

ADAPTER = Path(__file__).with_name("fingerprint_adapter.py")
VERIFY_TIMEOUT = 20  # seconds nexus verify waits for every reply and forwarded end marker
READY_TIMEOUT = 60

# variant -> (the rule that must fail, the field it must name)
BROKEN = {
    "missing-field": ("schema", "payload.iabs.outcome"),
    "wrong-enum": ("schema", "payload.iabs.outcome"),
    "wrong-key": ("key", "key"),
    "no-run-header": ("run header", "nexus.run"),
    "no-reply": ("reply", "causation_id"),
}


def _load_adapter():
    spec = importlib.util.spec_from_file_location("fingerprint_adapter", ADAPTER)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


# ---- without a broker: the adapter's answers against the contracts package ----------------------------------

def test_the_adapter_uses_nothing_of_the_project():
    """Built from the published contracts alone: the standard library and confluent-kafka, nothing else."""
    tree = ast.parse(ADAPTER.read_text())
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module and node.level == 0}
    assert imported - sys.stdlib_module_names == {"confluent_kafka"}


def test_the_adapter_answers_what_the_contracts_accept():
    """Every golden BookingOpened gets an answer the contracts decode, with the documented derived id;
    the schema-breaking variants are refused by the codec."""
    adapter = _load_adapter()
    values = [json.loads(entry.value) for entry in read_log(golden_log("london-2013")).entries
              if entry.topic == "nexus.custody.bookings" and entry.value]
    bookings = [value for value in values if value["event_type"] == "BookingOpened"]
    assert bookings
    for booking in bookings:
        event = decode_event(json.dumps(adapter.answer(booking, None)).encode())
        assert event.event_id == derived_id(uuid.UUID(booking["event_id"]), "IabsSearchCompleted", 0)
        assert str(event.causation_id) == booking["event_id"]
        assert event.occurred_at >= decode_event(json.dumps(booking).encode()).occurred_at
        assert event.producer == "home-office-iabs"
        assert event.payload.case.model_dump(mode="json") == booking["payload"]["case"]
    for variant in ("missing-field", "wrong-enum"):
        with pytest.raises(ContractError, match="outcome"):
            decode_event(json.dumps(adapter.answer(bookings[0], variant)).encode())


# ---- on a real broker --------------------------------------------------------------------------------------

@contextmanager
def running_adapter(bootstrap: str, tmp_path: Path, broken: str | None = None, protocol: str = "classic"
                    ) -> Iterator[tuple[subprocess.Popen, str]]:
    """The adapter in a fresh consumer group (so it starts at the topic's end); yields it and its group once
    it has its partitions ("adapter ready"); SIGTERM at the end, which must stop it cleanly."""
    group = f"conformance-{broken or 'correct'}-{uuid.uuid4().hex[:8]}"
    command = [sys.executable, str(ADAPTER), "--bootstrap", bootstrap, "--group", group, "--group-protocol", protocol]
    command += ["--break", broken] if broken else []
    log_path = tmp_path / f"adapter-{broken or 'correct'}.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log, text=True,
                                   env={**os.environ, "PYTHONUNBUFFERED": "1"})
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
        try:
            _wait_ready(process, lines, log_path)
            yield process, group
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
                    pytest.fail(f"the adapter did not stop on SIGTERM:\n{log_path.read_text()[-2000:]}")


def _wait_ready(process: subprocess.Popen, lines: "queue.Queue[str]", log_path: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        try:
            if lines.get(timeout=0.5).strip() == "adapter ready":
                return
        except queue.Empty:
            if process.poll() is not None:
                pytest.fail(f"the adapter exited ({process.returncode}) before it was ready:\n"
                            f"{log_path.read_text()[-2000:]}")
    pytest.fail(f"the adapter was not ready within {READY_TIMEOUT} s:\n{log_path.read_text()[-2000:]}")


def run_verify(bootstrap: str, junit: Path, group: str) -> tuple[subprocess.CompletedProcess, float]:
    command = [sys.executable, "-m", "nexus_sim.cli", "verify", "fingerprint_match", "--bootstrap", bootstrap,
               "--timeout", str(VERIFY_TIMEOUT), "--junit", str(junit), "--group", group]
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, timeout=VERIFY_TIMEOUT + 120,
                          env={**os.environ, "COLUMNS": "200"})
    return done, time.monotonic() - started


def failed_rules(junit: Path) -> dict[str, str]:
    """rule -> failure message, from the JUnit XML."""
    root = ET.parse(junit).getroot()
    return {case.get("name"): failure.get("message", "") + (failure.text or "")
            for case in root.iter("testcase") for failure in case.findall("failure")}


@pytest.mark.integration
@pytest.mark.parametrize("protocol", ["classic", "consumer"])
def test_the_confluent_kafka_adapter_passes_verify(kafka_bootstrap, tmp_path, protocol):
    """In a classic consumer group and in one of KIP-848's consumer protocol: verify waits for either."""
    junit = tmp_path / "verify.xml"
    with running_adapter(kafka_bootstrap, tmp_path, protocol=protocol) as (adapter, group):
        done, _ = run_verify(kafka_bootstrap, junit, group)
        assert done.returncode == 0, done.stdout + done.stderr
    assert f"waiting for your fingerprint_match to consume (consumer group '{group}')" in done.stdout
    assert adapter.returncode == 0, "the adapter did not stop cleanly on SIGTERM"
    for rule in ("run header", "key", "schema", "causation", "occurred_at", "reply", "markers forwarded"):
        assert rule in done.stdout  # the rule table
    root = ET.parse(junit).getroot()
    cases = {case.get("name") for case in root.iter("testcase")}
    assert {"run header", "key", "schema", "reply", "markers forwarded"} <= cases
    assert failed_rules(junit) == {}


@pytest.mark.integration
@pytest.mark.parametrize("variant", list(BROKEN))
def test_a_broken_adapter_fails_verify_naming_the_rule(kafka_bootstrap, tmp_path, variant):
    rule, field = BROKEN[variant]
    junit = tmp_path / "verify.xml"
    with running_adapter(kafka_bootstrap, tmp_path, variant) as (_, group):
        done, elapsed = run_verify(kafka_bootstrap, junit, group)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    failures = failed_rules(junit)
    assert rule in failures, f"expected rule {rule!r} to fail; failed: {sorted(failures)}\n{output}"
    assert field in failures[rule]
    assert f"FAILED {rule}:" in done.stdout  # named on the terminal too, with record and field
    assert "custody record" in failures[rule]
    if variant != "no-reply":
        # fails fast at the first bad record, not by waiting out the timeout for replies
        assert "reply" not in failures, output
        assert elapsed < VERIFY_TIMEOUT + 15, f"took {elapsed:.0f} s"


@pytest.mark.integration
def test_simulate_external_refuses_to_publish_to_a_service_that_is_not_consuming(kafka_bootstrap):
    """Nothing consumes as ``<prefix>.fingerprint_match``: the run stops before it starts anything,
    naming the group it waited for and how to name another."""
    prefix = f"nobody-{uuid.uuid4().hex[:6]}"
    command = [sys.executable, "-m", "nexus_sim.cli", "simulate", "--transport", "kafka", "--bootstrap", kafka_bootstrap,
               "--days", "1", "--external", "fingerprint_match", "--external-group-prefix", prefix,
               "--external-wait", "2"]
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, env={**os.environ, "COLUMNS": "300"})
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"consumer group '{prefix}.fingerprint_match' (state DEAD, 0 member(s)) does not hold " \
           "nexus.custody.bookings partitions 0-5" in done.stderr
    assert "--external-group-prefix P if yours consumes as 'P.fingerprint_match'" in done.stderr
    assert "as processes" not in done.stderr  # no service was started, no arrest published
    assert time.monotonic() - started < 60



USERS_TESTS = """
def test_my_adapter_honours_the_contracts(nexus_verify):
    result = nexus_verify("fingerprint_match", group="{group}")
    assert result.passed, result.report()


def test_my_adapter_decides_as_the_reference_does(nexus_verify):
    result = nexus_verify("fingerprint_match", group="{group}", reference=True)
    assert result.passed, result.report()
"""


@pytest.mark.integration
def test_the_nexus_verify_fixture_runs_verify_from_a_users_own_test_suite(kafka_bootstrap, tmp_path):
    """An adapter project's CI: a test file of its own, no conftest, the plugin loaded by entry point. The
    adapter honours the contracts; it decides by its own model, so against the reference it fails, naming
    the first field that differs."""
    suite = tmp_path / "adapter-ci"
    suite.mkdir()
    with running_adapter(kafka_bootstrap, tmp_path) as (_, group):
        (suite / "test_adapter_conformance.py").write_text(USERS_TESTS.format(group=group))
        done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nexus-bootstrap",
                               kafka_bootstrap, "--nexus-junit", str(suite / "reports"), "test_adapter_conformance.py"],
                              cwd=suite, capture_output=True, text=True, timeout=300)
    output = done.stdout + done.stderr
    assert "1 failed, 1 passed" in output, output
    assert "FAILED test_adapter_conformance.py::test_my_adapter_decides_as_the_reference_does" in output
    assert re.search(r"FAILED reference: nexus\.iabs\.results/\d+@\d+ \(custody record [^)]+\): field '[^']+': "
                     r"expected .+, got ", output), output
    junit = failed_rules(suite / "reports" / "nexus-verify-fingerprint_match.xml")
    assert list(junit) == ["reference"]  # the last verification, with the reference: only that rule failed
