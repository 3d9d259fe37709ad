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


def test_the_implementers_table_of_topics_is_the_catalogue():
    """"Your service on the wire": each service's consumed and produced topics, keys and time path."""
    from nexus_contracts.catalogue import TOPICS, topics_consumed_by

    section = README[README.index("**Your service on the wire.**"):README.index("1. **Read the contract**")]
    row = r"^\| `(\w+)` \| (.*?) \| (.*?) \| (.*?) \|$"
    rows = {m.group(1): m.group(2, 3, 4) for m in re.finditer(row, section, re.M)}
    assert set(rows) == {"custody_booking", "fingerprint_match", "status_check", "referral_exchange"}
    for service, (consumes, produces, markers) in rows.items():
        assert re.findall(r"`(nexus\.[\w.-]+)`", consumes) == [spec.name for spec in topics_consumed_by(service)]
        produced = [spec for spec in TOPICS if spec.producer == service]
        assert re.findall(r"`(nexus\.[\w.-]+)`", produces) == [spec.name for spec in produced]
        keys = {spec.key.replace("_", " ") for spec in produced}
        assert keys == set(re.findall(r"\((force|custody suite)\)", produces))
        assert (markers != "no") == any(spec.time_from for spec in produced if spec.time_from != "scenario-driver")
    assert all(spec.partitions == 6 for spec in TOPICS) and "Every topic has 6 partitions" in section
