"""docker-compose.yml runs Kafka (official image, KRaft) and the four services with the
settings each service actually reads; `docker compose config` accepts it where installed."""

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

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


def test_docker_compose_config_accepts_the_file():
    if shutil.which("docker") is None or subprocess.run(["docker", "compose", "version"], capture_output=True).returncode:
        pytest.skip("the docker compose client is not installed")
    result = subprocess.run(["docker", "compose", "config", "-q"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
