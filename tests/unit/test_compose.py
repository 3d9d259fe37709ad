"""docker-compose.yml runs Kafka (official image, KRaft) and the four services with the
settings each service actually reads, secured as `nexus kafka up` is (SASL/SCRAM, the
StandardAuthorizer, a principal per service, the ACLs from the catalogue), and under the
`observability` profile Prometheus and Grafana with a dashboard over metrics the code defines;
`docker compose config` accepts it where installed."""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from nexus_sim.kafka_local.acls import ADMIN, PRINCIPALS
from nexus_sim.run.wiring import SERVICES
from nexus_sim.run.service_processes import service_command

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_kafka_is_the_official_image_in_kraft_mode():
    kafka = COMPOSE["services"]["kafka"]
    assert kafka["image"].startswith("apache/kafka:")
    assert kafka["environment"]["KAFKA_PROCESS_ROLES"] == "broker,controller"


@pytest.mark.parametrize("service", list(SERVICES))
def test_each_service_runs_its_app_with_its_own_settings(service):
    spec = COMPOSE["services"][service.replace("_", "-")]
    assert spec["command"] == service_command(service)[2:]
    assert f"NEXUS_{service.upper()}_KAFKA__BOOTSTRAP_SERVERS" in spec["environment"]
    assert spec["build"]["dockerfile"] == "deploy/Dockerfile"


def test_kafka_refuses_whatever_no_acl_allows_and_knows_only_sasl():
    env = COMPOSE["services"]["kafka"]["environment"]
    assert env["KAFKA_AUTHORIZER_CLASS_NAME"] == "org.apache.kafka.metadata.authorizer.StandardAuthorizer"
    assert env["KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND"] == "false"
    assert env["KAFKA_SUPER_USERS"] == f"User:{ADMIN}"
    protocols = dict(pair.split(":") for pair in env["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"].split(","))
    assert set(protocols.values()) == {"SASL_PLAINTEXT"}
    assert env["KAFKA_LISTENER_NAME_EXTERNAL_SASL_ENABLED_MECHANISMS"] == "SCRAM-SHA-512"


@pytest.mark.parametrize("service", list(SERVICES))
def test_each_service_signs_in_as_its_own_principal(service):
    env = COMPOSE["services"][service.replace("_", "-")]["environment"]
    prefix = f"NEXUS_{service.upper()}_KAFKA__"
    assert env[prefix + "SECURITY_PROTOCOL"] == "SASL_PLAINTEXT"
    assert env[prefix + "USERNAME"] == service
    assert env[prefix + "PASSWORD"].startswith(f"${{NEXUS_{service.upper()}_PASSWORD:?")


def test_every_principal_gets_a_scram_credential_and_the_acls_come_from_the_catalogue():
    users = COMPOSE["services"]["kafka-users"]["command"][0]
    listed = users.split("for user in ")[1].split(";")[0].split()
    assert listed == list(PRINCIPALS)
    assert "SCRAM-SHA-512=[password=" in users
    secrets = (ROOT / "deploy" / "compose-secrets.sh").read_text()
    assert all(name.upper().replace("-", "_") in secrets for name in PRINCIPALS)
    topics = COMPOSE["services"]["kafka-topics"]
    assert topics["command"] == ["nexus", "kafka", "provision", "--bootstrap", "kafka:29092"]
    assert topics["environment"]["NEXUS_KAFKA_USERNAME"] == ADMIN


def test_docker_compose_config_accepts_the_file():
    if shutil.which("docker") is None or subprocess.run(["docker", "compose", "version"], capture_output=True).returncode:
        pytest.skip("the docker compose client is not installed")
    passwords = {f"NEXUS_{name.upper().replace('-', '_')}_PASSWORD": "x" for name in PRINCIPALS}
    result = subprocess.run(["docker", "compose", "config", "-q"], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, **passwords})
    assert result.returncode == 0, result.stderr


OBSERVABILITY = {name: spec for name, spec in COMPOSE["services"].items() if "observability" in spec.get("profiles", ())}
DASHBOARD = ROOT / "deploy" / "grafana" / "nexus-dashboard.json"


def test_the_observability_profile_runs_prometheus_and_grafana_from_official_images():
    assert set(OBSERVABILITY) == {"prometheus", "grafana"}
    assert OBSERVABILITY["prometheus"]["image"].startswith("prom/prometheus:")
    assert OBSERVABILITY["grafana"]["image"].startswith("grafana/grafana:")
    mounts = " ".join(OBSERVABILITY["grafana"]["volumes"])
    assert "./deploy/grafana/nexus-dashboard.json:" in mounts and "./deploy/grafana/provisioning:" in mounts


def test_prometheus_scrapes_each_services_metrics_port():
    config = yaml.safe_load((ROOT / "deploy" / "prometheus.yml").read_text())
    targets = {t for job in config["scrape_configs"] for group in job["static_configs"] for t in group["targets"]}
    for service in SERVICES:
        env = COMPOSE["services"][service.replace("_", "-")]["environment"]
        port = env[f"NEXUS_{service.upper()}_METRICS_PORT"]
        assert env[f"NEXUS_{service.upper()}_METRICS_HOST"] == "0.0.0.0"  # reachable from the prometheus container
        assert f"{service.replace('_', '-')}:{port}" in targets


def defined_metric_names() -> set[str]:
    """Every sample name a service's registry can serve: ours and FastStream's middleware's."""
    from nexus_runtime.kafka_app import make_broker
    from nexus_runtime.metrics import ServiceMetrics
    from nexus_runtime.settings import KafkaSettings

    metrics = ServiceMetrics("x")
    make_broker(KafkaSettings(), "x", metrics)
    suffixes = {"counter": ("_total",), "histogram": ("_bucket", "_count", "_sum"), "gauge": ("",)}
    return {family.name + suffix for family in metrics.registry.collect() for suffix in suffixes[family.type]}


def test_the_dashboard_parses_and_uses_only_metrics_the_code_defines():
    dashboard = json.loads(DASHBOARD.read_text())
    exprs = [target["expr"] for panel in dashboard["panels"] for target in panel["targets"]]
    used = {name for expr in exprs for name in re.findall(r"\b(?:nexus|faststream)_[a-z_]+", expr)}
    defined = defined_metric_names()
    assert used and used <= defined, used - defined
    assert {"nexus_messages_in_total", "nexus_pool_utilisation", "nexus_consumer_lag"} <= used


def test_one_kafka_version_across_launcher_compose_and_testcontainers():
    """The launcher's pom pins the version; compose's image and the Testcontainers image
    (provision.py, built from kafka_version()) name the same one, and nothing else pins another."""
    from nexus_sim.kafka_local import provision
    from nexus_sim.kafka_local.jars import kafka_version

    version = kafka_version()
    assert COMPOSE["services"]["kafka"]["image"] == f"apache/kafka:{version}"
    assert 'f"apache/kafka:{kafka_version()}"' in Path(provision.__file__).read_text()
    texts = [p.read_text(errors="ignore") for top in ("services", "tests", "deploy", "contracts")
             for p in (ROOT / top).rglob("*") if p.is_file() and p.suffix in {".py", ".yml", ".yaml", ".md", ".toml"}]
    pinned = {m for text in texts + [(ROOT / "README.md").read_text()] for m in re.findall(r"apache/kafka:(\d[\w.]*)", text)}
    assert pinned <= {version}, pinned
