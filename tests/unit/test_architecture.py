"""DESIGN.md invariants 1, 2 and 6, checked on the source: services import no other service,
domain code imports only the standard library and plain contract modules, and no decision
reads the wall clock or a process-global random generator."""

import ast
import sys
from pathlib import Path

import pytest

SERVICES_DIR = Path(__file__).resolve().parents[2] / "services"
SERVICE_NAMES = ("custody_booking", "fingerprint_match", "status_check", "referral_exchange")
PLAIN_CONTRACTS = {"nexus_contracts.vocabulary", "nexus_contracts.high_harm", "nexus_contracts.randomness",
                   "nexus_contracts.nationalities", "nexus_contracts.scenario"}
# Edge modules map contract events to domain calls and back; everything else is domain.
EDGE_MODULES = {"handlers.py", "app.py", "settings.py", "__init__.py", "journey_record.py"}
WALL_CLOCK = {("datetime", "now"), ("datetime", "utcnow"), ("date", "today"), ("time", "time"),
              ("time", "sleep"), ("asyncio", "sleep")}
GLOBAL_RANDOM = {"random", "randint", "choice", "choices", "uniform", "gauss", "shuffle", "sample", "seed",
                 "expovariate", "triangular"}


def modules(service: str) -> list[Path]:
    return sorted((SERVICES_DIR / service).glob("*.py"))


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("service", SERVICE_NAMES)
def test_a_service_never_imports_another_service(service):
    others = set(SERVICE_NAMES) - {service}
    for path in modules(service):
        bad = {name for name in imported(path) if name.split(".")[0] in others}
        assert not bad, f"{path.name} imports {bad}"


@pytest.mark.parametrize("service", SERVICE_NAMES)
def test_domain_code_imports_stdlib_and_plain_contracts_only(service):
    for path in modules(service):
        if path.name in EDGE_MODULES:
            continue
        for name in imported(path):
            top = name.split(".")[0]
            assert top in sys.stdlib_module_names or name in PLAIN_CONTRACTS, f"{service}/{path.name} imports {name}"


# Modules that time the run for the user, or wait for a broker; nothing they time feeds a decision.
TIMING_MODULES = {"simulate.py", "progress_bars.py", "log_commands.py", "in_memory.py", "on_kafka.py", "bench.py",
                  "service_processes.py", "replay.py", "kafka_source.py", "kafka_replay.py"}
DECISION_PACKAGES = [*SERVICE_NAMES, "nexus_runtime", "nexus_sim/cli", "nexus_sim/run", "nexus_sim/report",
                     "nexus_sim/eventlog"]


def wall_clock_or_global_random(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            pair = (node.value.id, node.attr)
            if pair in WALL_CLOCK or (node.value.id == "random" and node.attr in GLOBAL_RANDOM):
                found.append(f"{pair[0]}.{pair[1]}")
        elif isinstance(node, ast.ImportFrom) and node.module in ("random", "time", "datetime"):
            for alias in node.names:
                if (node.module, alias.name) in WALL_CLOCK or (node.module == "random" and alias.name in GLOBAL_RANDOM):
                    found.append(f"from {node.module} import {alias.name}")
    return found


@pytest.mark.parametrize("package", DECISION_PACKAGES)
def test_no_wall_clock_or_global_random_in_decisions(package):
    for path in sorted((SERVICES_DIR / package).glob("*.py")):
        if path.name not in TIMING_MODULES:
            assert not wall_clock_or_global_random(path), f"{package}/{path.name}: {wall_clock_or_global_random(path)}"


def test_the_scan_catches_both_spellings(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import random\nfrom time import time\nx = random.choice([1])\ny = time()\n")
    assert wall_clock_or_global_random(sample) == ["from time import time", "random.choice"]


# The simulator's packages, and which of the others each may import: the commands sit on top, the
# report at the bottom (it never runs a simulation, draws progress or reads a log).
SIMULATOR_IMPORTS = {
    "cli": {"run", "report", "eventlog", "kafka_local"},
    "eventlog": {"run"},
    "run": {"report", "kafka_local"},
    "report": set(),
    "kafka_local": set(),
}


def simulator_packages_imported(path: Path) -> set[str]:
    """The other nexus_sim packages a module imports (``from ..run.x`` or ``from nexus_sim.run.x``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level == 2 and node.module:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("nexus_sim."):
            found.add(node.module.split(".")[1])
    return found


@pytest.mark.parametrize("package", SIMULATOR_IMPORTS)
def test_simulator_packages_import_only_the_layers_below(package):
    for path in sorted((SERVICES_DIR / "nexus_sim" / package).glob("*.py")):
        bad = simulator_packages_imported(path) - SIMULATOR_IMPORTS[package] - {package}
        assert not bad, f"nexus_sim/{package}/{path.name} imports {bad}"


def test_the_simulator_has_no_loose_modules():
    assert [p.name for p in (SERVICES_DIR / "nexus_sim").glob("*.py")] == ["__init__.py"]
