"""`nexus verify` on a real broker: the project's own fingerprint_match, run as an outside
implementation would be (its own process), passes every rule, contract only and with ``--reference``
(it is the reference, so every output matches the one computed in process)."""

import signal
import subprocess
import sys
import threading
import uuid
import xml.etree.ElementTree as ElementTree

import pytest

from nexus_sim.eventlog import golden_log, read_log

pytestmark = pytest.mark.integration


def _run_spec_options() -> list[str]:
    run = read_log(golden_log("london-2013")).header.run
    return ["--scenario", run.scenario_ref, "--seed", str(run.seed), *(a for o in run.overrides for a in ("--set", o))]


@pytest.mark.parametrize("mode", ["--contract-only", "--reference"])
def test_the_reference_fingerprint_match_passes_every_rule(kafka_bootstrap, tmp_path, mode):
    prefix = f"verify-{uuid.uuid4().hex[:6]}"
    command = [sys.executable, "-m", "nexus_sim.cli", "services", "run", "fingerprint_match", "--bootstrap",
               kafka_bootstrap, *_run_spec_options(), "--group-prefix", prefix]
    outside = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for line in outside.stdout:  # wait for the service to say it is consuming, however long that takes
            if "service started" in line:
                break
        threading.Thread(target=outside.stdout.read, daemon=True).start()
        junit = tmp_path / "verify.xml"
        verified = subprocess.run([sys.executable, "-m", "nexus_sim.cli", "verify", "fingerprint_match", "--bootstrap",
                                   kafka_bootstrap, "--timeout", "60", "--junit", str(junit), mode,
                                   "--group", f"{prefix}.fingerprint_match"],
                                  capture_output=True, text=True, timeout=180)
    finally:
        outside.send_signal(signal.SIGTERM)
        outside.wait(timeout=60)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    cases = ElementTree.parse(junit).getroot().findall("testsuite/testcase")
    rules = {case.get("name") for case in cases}
    assert {"run header", "key", "schema", "causation", "sharing boundary", "reply", "markers forwarded"} <= rules
    assert ("reference" in rules) == (mode == "--reference")
    assert [case.get("name") for case in cases if len(case)] == []  # no failure, nothing skipped
    assert "honours the contracts" in verified.stdout
    if mode == "--reference":
        assert "matches the reference service output for output" in verified.stdout
