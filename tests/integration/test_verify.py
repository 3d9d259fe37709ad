"""`nexus verify` on a real broker: each of the project's own services, run as an outside implementation
would be (its own process), passes every rule, contract only and with ``--reference`` (it is the
reference, so every output matches the one computed in process: for status_check, the decisions its
check queue releases at the time markers too)."""

import os
import re
import signal
import subprocess
import sys
import threading
import uuid
import xml.etree.ElementTree as ElementTree

import pytest

from nexus_contracts.watermarks import is_marker
from nexus_sim.eventlog import golden_log, read_log
from nexus_sim.verify.expectations import output_topics

pytestmark = pytest.mark.integration


def _run_spec_options() -> list[str]:
    run = read_log(golden_log("london-2013")).header.run
    return ["--scenario", run.scenario_ref, "--seed", str(run.seed), *(a for o in run.overrides for a in ("--set", o))]


def _logged_outputs(service: str) -> int:
    """How many events ``service`` sent in the golden log's run."""
    ours = {spec.name for spec in output_topics(service)}
    entries = read_log(golden_log("london-2013")).entries
    return sum(1 for e in entries if e.topic in ours and not is_marker(e.header_dict()))


@pytest.mark.parametrize(("service", "mode"), [
    ("fingerprint_match", "--contract-only"), ("fingerprint_match", "--reference"), ("custody_booking", "--reference"),
    ("status_check", "--reference"), ("referral_exchange", "--reference")])
def test_the_project_s_own_service_passes_every_rule(kafka_bootstrap, tmp_path, service, mode):
    prefix = f"verify-{uuid.uuid4().hex[:6]}"
    command = [sys.executable, "-m", "nexus_sim.cli", "services", "run", service, "--bootstrap",
               kafka_bootstrap, *_run_spec_options(), "--group-prefix", prefix]
    outside = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for line in outside.stdout:  # wait for the service to say it is consuming, however long that takes
            if "service started" in line:
                break
        threading.Thread(target=outside.stdout.read, daemon=True).start()
        junit = tmp_path / "verify.xml"
        verified = subprocess.run([sys.executable, "-m", "nexus_sim.cli", "verify", service, "--bootstrap",
                                   kafka_bootstrap, "--timeout", "60", "--junit", str(junit), mode,
                                   "--group", f"{prefix}.{service}"],
                                  capture_output=True, text=True, timeout=180,
                                  env={**os.environ, "COLUMNS": "200"})
    finally:
        outside.send_signal(signal.SIGTERM)
        outside.wait(timeout=60)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    cases = ElementTree.parse(junit).getroot().findall("testsuite/testcase")
    rules = {case.get("name") for case in cases}
    assert {"run header", "key", "schema", "causation", "sharing boundary", "reply"} <= rules
    assert ("markers forwarded" in rules) == (service != "referral_exchange")  # it sits on no time path
    assert ("reference" in rules) == (mode == "--reference")
    assert [case.get("name") for case in cases if len(case)] == []  # no failure, nothing skipped
    assert "honours the contracts" in verified.stdout
    if mode == "--reference":
        assert "matches the reference service output for output" in verified.stdout
        compared = re.search(r"│ reference\s+│ (\d+)\s+│ 0\s+│", verified.stdout)
        assert compared and int(compared.group(1)) == _logged_outputs(service), verified.stdout  # all, not some
