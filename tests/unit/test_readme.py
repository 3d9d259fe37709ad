"""The README's examples are true: its scenario file loads, and the commands it names exist."""

import re
from pathlib import Path

from typer.testing import CliRunner

from nexus_runtime.scenarios import load_scenario
from nexus_sim.cli.app import app

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()


def test_the_example_scenario_file_loads(tmp_path):
    block = re.search(r"```yaml\n(extends: london-2013.*?)```", README, re.S).group(1)
    path = tmp_path / "my-force.yaml"
    path.write_text(block)
    scenario = load_scenario(path)
    assert scenario.name == "my-force-2016" and [s.id for s in scenario.suites] == ["MF-A", "MF-B"]
    assert scenario.operating_model.embedded[0].weekdays == ("mon", "tue", "wed", "thu", "fri")


def test_every_nexus_command_the_readme_shows_exists():
    shown = set(re.findall(r"^nexus (\w[\w-]*)", README, re.M)) | set(re.findall(r"uv run nexus (\w[\w-]*)", README))
    for command in sorted(shown):
        result = CliRunner().invoke(app, [command, "--help"])
        assert result.exit_code == 0, f"nexus {command}: {result.output}"
    assert {"simulate", "scenarios", "kafka", "services", "record", "replay", "diff", "trace"} <= shown
