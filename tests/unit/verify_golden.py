"""The golden log and what `nexus verify` expects of fingerprint_match from it, for the verify tests."""

import pytest

from nexus_sim.eventlog import golden_log, read_log
from nexus_sim.verify.expectations import expectations_for

__all__ = ["RUN", "SERVICE", "exp", "log"]

RUN = "verify-test"
SERVICE = "fingerprint_match"


@pytest.fixture(scope="module")
def log():
    return read_log(golden_log("london-2013"))


@pytest.fixture(scope="module")
def exp(log):
    return expectations_for(SERVICE, RUN, log.entries)
