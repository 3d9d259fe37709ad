"""Shared fixtures: a small scenario for fast runs. ``replay`` and ``kafka_bootstrap`` come from the
nexus-services pytest plugin, loaded by its ``pytest11`` entry point."""

import pytest

from nexus_runtime.scenarios import load_scenario


@pytest.fixture(scope="session")
def small_scenario():
    """london-2013 at a tenth of the volume: a few hundred arrests a day."""
    return load_scenario("london-2013", ["arrests.per_year=25000"])
