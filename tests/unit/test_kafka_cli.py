"""`nexus kafka up` says how secured the cluster it started is; `nexus kafka acls` prints the table.
(The launcher itself is faked here: starting real brokers is `tests/integration`.)"""

from types import SimpleNamespace

from typer.testing import CliRunner

from nexus_sim.cli.app import app
from nexus_sim.kafka_local import cli


def fake_launcher(monkeypatch, started: list) -> None:
    def start_cluster(**options):
        started.append(options)
        return SimpleNamespace(kafka_version="4.3.1", bootstrap="127.0.0.1:19092", data_dir="/data", secured=False)

    monkeypatch.setattr(cli, "start_cluster", start_cluster)
    monkeypatch.setattr(cli, "admin_settings", lambda state: state.bootstrap)
    monkeypatch.setattr(cli, "create_topics", lambda admin, replication_factor: ["nexus.custody.arrests"])


def test_up_is_secured_unless_told_otherwise_and_says_which(monkeypatch):
    started: list = []
    fake_launcher(monkeypatch, started)
    secured = CliRunner().invoke(app, ["kafka", "up", "--port", "19092"])
    insecure = CliRunner().invoke(app, ["kafka", "up", "--port", "19092", "--insecure"])
    assert secured.exit_code == insecure.exit_code == 0, secured.output + insecure.output
    assert [(o["secured"], o["tls"]) for o in started] == [(True, False), (False, False)]
    assert "Secured: SASL/SCRAM-SHA-512" in secured.output and "/data/credentials.json" in secured.output
    assert "INSECURE" in insecure.output and "no authentication, no ACLs" in insecure.output


def test_tls_with_insecure_is_refused_naming_the_option(monkeypatch):
    fake_launcher(monkeypatch, [])
    refused = CliRunner().invoke(app, ["kafka", "up", "--insecure", "--tls"])
    assert refused.exit_code == 2 and "--tls" in refused.output


def test_acls_prints_each_principals_grants():
    shown = CliRunner().invoke(app, ["kafka", "acls"], terminal_width=200)
    assert shown.exit_code == 0, shown.output
    assert "User:fingerprint_match" in shown.output and "nexus.iabs.results" in shown.output
    assert "TRANSACTIONAL_ID" in shown.output and "nexus.status_check." in shown.output
