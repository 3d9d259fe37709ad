"""Shared fixtures: a small scenario for fast runs."""

import pytest

from nexus_runtime.scenarios import load_scenario

pytest_plugins = ["nexus_sim.eventlog.pytest_plugin"]


@pytest.fixture(scope="session")
def small_scenario():
    """london-2013 at a tenth of the volume: a few hundred arrests a day."""
    return load_scenario("london-2013", ["arrests.per_year=25000"])
