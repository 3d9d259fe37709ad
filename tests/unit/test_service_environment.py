"""The environment a service process is started with reads back, through the service's own
settings class, as the run it was asked to model."""

from nexus_runtime.settings import service_settings
from nexus_sim.run.service_processes import service_environment
from nexus_sim.run.spec import RunSpec


def test_a_service_reads_its_environment_as_the_run_spec(monkeypatch):
    spec = RunSpec("national-2015", ("arrests.per_year=100", "operating_model.ccu=null"), 7, 3)
    for name, value in service_environment("status_check", spec, "broker:9093", "mine", "latest").items():
        assert name.startswith("NEXUS_STATUS_CHECK_")
        monkeypatch.setenv(name, value)
    settings = service_settings("status_check")()
    assert (settings.scenario, settings.scenario_overrides, settings.seed) == (spec.scenario_ref, spec.overrides, 7)
    assert (settings.kafka.bootstrap_servers, settings.kafka.group_prefix, settings.kafka.offset_reset) == (
        "broker:9093", "mine", "latest")
