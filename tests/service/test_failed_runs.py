"""A handler error during a run makes `nexus simulate` fail (issue 13): exit 1, the first error shown once,
no digest of a run whose journeys did not all conclude."""

from typer.testing import CliRunner

from nexus_sim.cli.app import app
from referral_exchange import removal_handlers


def test_a_handler_error_fails_the_run_with_the_first_error_once(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("removal casework broke")

    monkeypatch.setattr(removal_handlers, "removal_case", broken)
    result = CliRunner().invoke(app, ["simulate", "--days", "1", "--set", "arrests.per_year=20000", "-q"])
    assert result.exit_code == 1, result.output
    assert "outcome digest" not in result.output and "Traceback" not in result.output
    assert result.output.count("error: the run failed:") == 1
    assert "nexus.immigration.status-checks.dlq" in result.output or "nexus.acro.overseas-checks.dlq" in result.output
    assert "removal casework broke" in result.output


def test_a_run_without_dead_letters_prints_its_digest():
    result = CliRunner().invoke(app, ["simulate", "--days", "1", "--set", "arrests.per_year=20000", "-q"])
    assert result.exit_code == 0 and "outcome digest:" in result.output
