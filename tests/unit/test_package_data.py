"""What the packages carry and where the launcher keeps its state, in or out of a checkout."""

from pathlib import Path

import platformdirs
import pytest

from nexus_runtime.scenarios import bundled_scenarios, scenario_dir
from nexus_sim.eventlog import golden_log, golden_logs
from nexus_sim.kafka_local.jars import kafka_version
from nexus_sim.kafka_local import paths
from nexus_sim.kafka_local.paths import broker_config_dir, checkout_root, nexus_home

ROOT = Path(__file__).resolve().parents[2]


def test_the_data_lives_in_the_packages_and_nowhere_else():
    assert scenario_dir().is_relative_to(ROOT / "services" / "nexus_runtime")
    assert bundled_scenarios() == ["london-2012-launch", "london-2013", "national-2015", "west-midlands-2014"]
    assert {p.name for p in broker_config_dir().iterdir()} >= {"pom.xml", "log4j2.yaml"}
    assert kafka_version().count(".") == 2
    assert not (ROOT / "deploy" / "scenarios").exists() and not (ROOT / "deploy" / "kafka").exists()
    assert not (ROOT / "contracts" / "schemas").exists() and not (ROOT / "tests" / "replay" / "logs").exists()


def test_golden_logs_are_found_by_name():
    assert {"london-2013", "london-2013-v1", "legacy/recorded-by-v1"} <= set(golden_logs())
    assert golden_log("london-2013") == golden_log("london-2013.jsonl")
    assert golden_log("london-2013").read_text().startswith('{"format":"nexus-eventlog"')
    with pytest.raises(FileNotFoundError, match="no golden log named 'london-2099'"):
        golden_log("london-2099")


def test_nexus_home_is_the_variable_else_the_checkout_else_the_user_data_dir(monkeypatch, tmp_path):
    monkeypatch.delenv("NEXUS_HOME", raising=False)
    monkeypatch.chdir(ROOT / "services" / "nexus_sim")
    assert checkout_root() == ROOT and nexus_home() == ROOT / ".nexus"
    monkeypatch.chdir(tmp_path)
    assert checkout_root() == ROOT  # the checkout's own code finds it from anywhere
    monkeypatch.setattr(paths, "_PACKAGE_DIR", tmp_path / "site-packages" / "nexus_sim" / "kafka_local")
    assert checkout_root() is None  # installed elsewhere, run elsewhere
    assert nexus_home() == Path(platformdirs.user_data_dir("nexus-flow", appauthor=False))
    monkeypatch.setenv("NEXUS_HOME", str(tmp_path / "home"))
    assert nexus_home() == tmp_path / "home"


def test_another_projects_workspace_is_not_a_checkout(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.uv.workspace]\nmembers = ["lib"]\n')
    assert checkout_root(tmp_path) is None
    (tmp_path / "services" / "nexus_runtime").mkdir(parents=True)
    assert checkout_root(tmp_path / "services") == tmp_path
