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


@pytest.mark.parametrize("package", [*SERVICE_NAMES, "nexus_sim"])
def test_no_wall_clock_or_global_random_in_decisions(package):
    for path in modules(package):
        if path.name in ("cli.py", "progress.py", "simulation.py", "kafka_run.py", "bench.py"):
            continue  # these time the run for the user; nothing they time feeds a decision
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                pair = (node.value.id, node.attr)
                assert pair not in WALL_CLOCK, f"{package}/{path.name} calls {pair[0]}.{pair[1]}"
                assert not (node.value.id == "random" and node.attr in GLOBAL_RANDOM), \
                    f"{package}/{path.name} uses the global random.{node.attr}"
