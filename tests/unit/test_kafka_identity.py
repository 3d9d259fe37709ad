"""Who a client is on the brokers: one settings object gives aiokafka's options and FastStream's
security alike; a tool connects as the environment's identity, else as its own principal from a local
cluster's credentials file, else in plaintext; a spawned service gets its own principal."""

import pytest
from faststream.kafka.security import parse_security
from pydantic import ValidationError

from nexus_runtime.settings import KafkaSettings, service_settings
from nexus_sim.kafka_local.acls import PRINCIPALS
from nexus_sim.kafka_local.credentials import (
    CREDENTIALS_ENV,
    connection,
    new_credentials,
    read_credentials,
    write_credentials,
)
from nexus_sim.run.service_processes import service_environment
from nexus_sim.run.spec import RunSpec

BOOTSTRAP = "127.0.0.1:19092,127.0.0.1:19093"


@pytest.fixture
def credentials(tmp_path, monkeypatch):
    monkeypatch.delenv("NEXUS_KAFKA_USERNAME", raising=False)
    made = new_credentials(BOOTSTRAP, PRINCIPALS)
    path = tmp_path / "credentials.json"
    write_credentials(path, made)
    monkeypatch.setenv(CREDENTIALS_ENV, str(path))
    return made


def test_plaintext_gives_the_bootstrap_alone():
    assert KafkaSettings(bootstrap_servers="b:1").client_options() == {"bootstrap_servers": "b:1"}
    assert KafkaSettings().security() is None


def test_aiokafka_and_faststream_take_the_same_identity():
    kafka = KafkaSettings(bootstrap_servers="b:1", security_protocol="SASL_PLAINTEXT", username="status_check",
                          password="s3cret")
    options = kafka.client_options()
    assert options == {"bootstrap_servers": "b:1", "security_protocol": "SASL_PLAINTEXT", "ssl_context": None,
                       "sasl_mechanism": "SCRAM-SHA-512", "sasl_plain_username": "status_check",
                       "sasl_plain_password": "s3cret"}
    assert parse_security(kafka.security()) == {k: v for k, v in options.items() if k != "bootstrap_servers"}
    assert "s3cret" not in repr(kafka)


def test_tls_trusts_the_given_ca(tmp_path):
    kafka = KafkaSettings(security_protocol="SASL_SSL", username="u", password="p")
    assert kafka.client_options()["security_protocol"] == "SASL_SSL"
    assert kafka.client_options()["ssl_context"] is not None


def test_sasl_without_a_username_is_refused_naming_the_fields():
    with pytest.raises(ValidationError, match="kafka.username and kafka.password"):
        KafkaSettings(security_protocol="SASL_PLAINTEXT")


def test_the_credentials_file_is_private_and_reads_back(credentials, tmp_path):
    path = tmp_path / "credentials.json"
    assert path.stat().st_mode & 0o777 == 0o600
    assert read_credentials(path) == credentials


def test_a_tool_connects_as_its_principal_on_the_cluster_of_the_file(credentials):
    driver = connection("127.0.0.1:19093", "scenario-driver")
    assert (driver.username, driver.security_protocol) == ("scenario-driver", "SASL_PLAINTEXT")
    assert driver.password.get_secret_value() == credentials.passwords["scenario-driver"]
    assert driver.bootstrap_servers == "127.0.0.1:19093"
    assert connection("127.0.0.1:9092", "scenario-driver").security_protocol == "PLAINTEXT"  # another cluster


def test_the_environment_identity_comes_first(credentials, monkeypatch):
    monkeypatch.setenv("NEXUS_KAFKA_USERNAME", "ops")
    monkeypatch.setenv("NEXUS_KAFKA_PASSWORD", "pw")
    mine = connection(BOOTSTRAP, "recorder")
    assert (mine.username, mine.password.get_secret_value(), mine.security_protocol) == ("ops", "pw", "SASL_PLAINTEXT")


def test_a_spawned_service_reads_its_own_principal_from_its_environment(credentials, monkeypatch):
    spec = RunSpec("london-2013", (), 7, 1)
    for name, value in service_environment("status_check", spec, BOOTSTRAP, group_run="run-1").items():
        monkeypatch.setenv(name, value)
    kafka = service_settings("status_check")().kafka
    assert kafka.username == "status_check"
    assert kafka.password.get_secret_value() == credentials.passwords["status_check"]
    assert kafka.consumer_group("status_check") == "nexus.status_check.run-1"
