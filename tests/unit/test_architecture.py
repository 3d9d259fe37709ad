"""ARCHITECTURE.md invariants 1, 2 and 6 and its layers, checked on the source: every package
imports only the layers below it (contracts <- nexus_runtime <- the services <- nexus_sim, and
inside nexus_sim cli -> eventlog -> run -> report), services import no other service, domain
code imports only the standard library and plain contract modules, no decision reads the wall
clock or a process-global random generator, and every "invariant N" the code cites is
ARCHITECTURE.md's."""

import ast
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVICES_DIR = ROOT / "services"
CONTRACTS_DIR = ROOT / "contracts" / "nexus_contracts"
SERVICE_NAMES = ("custody_booking", "fingerprint_match", "status_check", "referral_exchange")
FIRST_PARTY = {*SERVICE_NAMES, "nexus_runtime", "nexus_sim", "nexus_contracts"}
# Contract modules domain code may import: plain Python (checked below), and the scenario's types.
PLAIN_CONTRACTS = {"nexus_contracts.vocabulary", "nexus_contracts.limits", "nexus_contracts.high_harm", "nexus_contracts.randomness",
                   "nexus_contracts.nationalities", "nexus_contracts.staffing", "nexus_contracts.ids"}
SCENARIO_TYPES = "nexus_contracts.scenario"
# Edge modules map contract events to domain calls and back (handlers.py, or <what>_handlers.py when a
# service has more than one set); everything else is domain.
EDGE_MODULES = {"handlers.py", "app.py", "settings.py", "__init__.py", "journey_record.py"}


def is_edge(path: Path) -> bool:
    return path.name in EDGE_MODULES or path.name.endswith("_handlers.py")
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
        if is_edge(path):
            continue
        for name in imported(path):
            top = name.split(".")[0]
            assert top in sys.stdlib_module_names or name in PLAIN_CONTRACTS | {SCENARIO_TYPES}, \
                f"{service}/{path.name} imports {name}"


def contract_imports_at_run_time(path: Path) -> set[str]:
    """What a contracts module imports outside ``if TYPE_CHECKING:``, relative names made absolute."""
    names = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            return
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.ImportFrom):
            names.update([f"nexus_contracts.{node.module}"] if node.module else
                         [f"nexus_contracts.{a.name}" for a in node.names])
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text()))
    return names


@pytest.mark.parametrize("module", sorted(PLAIN_CONTRACTS))
def test_plain_contract_modules_are_plain_python(module):
    path = CONTRACTS_DIR / f"{module.removeprefix('nexus_contracts.')}.py"
    for name in contract_imports_at_run_time(path):
        assert name.split(".")[0] in sys.stdlib_module_names or name in PLAIN_CONTRACTS, f"{module} imports {name}"


# Modules that time the run for the user, or wait for a broker; nothing they time feeds a decision.
TIMING_MODULES = {"simulate.py", "progress_bars.py", "log_commands.py", "in_memory.py", "on_kafka.py", "bench.py",
                  "service_processes.py", "replay.py", "kafka_source.py", "kafka_replay.py",
                  "top.py", "pacing.py", "feed.py",  # pacing: only the driver waits for an input's time
                  "external.py",  # external: waits for an outside service to join its consumer group
                  "kafka_app.py", "retrying.py"}  # kafka_app, retrying: back off while brokers fail over
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
    "cli": {"run", "report", "eventlog", "kafka_local", "verify"},
    "eventlog": {"run", "kafka_local", "verify"},  # its pytest plugin provisions a broker and verifies a service
    "run": {"report", "kafka_local"},
    "report": set(),
    "kafka_local": set(),
    "verify": {"run", "kafka_local"},  # `nexus verify`: its runner's Kafka helpers
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


def test_every_package_has_import_rules():
    packages = {p.parent.name for p in SERVICES_DIR.glob("*/__init__.py")}
    assert packages == {*SERVICE_NAMES, "nexus_runtime", "nexus_sim"}
    simulator = {p.parent.name for p in (SERVICES_DIR / "nexus_sim").glob("*/__init__.py")}
    assert simulator == set(SIMULATOR_IMPORTS)


def first_party_imported(path: Path) -> set[str]:
    """The first-party top-level packages a module imports by absolute name."""
    return {name.split(".")[0] for name in imported(path)} & FIRST_PARTY


@pytest.mark.parametrize("service", SERVICE_NAMES)
def test_a_service_imports_only_contracts_the_runtime_and_itself(service):
    for path in modules(service):
        bad = first_party_imported(path) - {"nexus_contracts", "nexus_runtime", service}
        assert not bad, f"{service}/{path.name} imports {bad}"


def test_the_runtime_imports_only_contracts_and_third_party_packages():
    for path in sorted((SERVICES_DIR / "nexus_runtime").glob("*.py")):
        bad = first_party_imported(path) - {"nexus_contracts", "nexus_runtime"}
        assert not bad, f"nexus_runtime/{path.name} imports {bad}"


def test_contracts_import_only_pydantic_and_the_standard_library():
    for path in sorted(CONTRACTS_DIR.glob("*.py")):
        for name in imported(path):
            top = name.split(".")[0]
            assert top in sys.stdlib_module_names or top in ("pydantic", "nexus_contracts"), \
                f"nexus_contracts/{path.name} imports {name}"


# Only the run layer builds the services, and only through their composition roots.
SIMULATOR_MAY_IMPORT_SERVICES = {"run"}


@pytest.mark.parametrize("package", SIMULATOR_IMPORTS)
def test_the_simulator_reaches_services_only_through_their_composition_roots(package):
    for path in sorted((SERVICES_DIR / "nexus_sim" / package).glob("*.py")):
        for name in imported(path):
            if name.split(".")[0] not in SERVICE_NAMES:
                continue
            assert package in SIMULATOR_MAY_IMPORT_SERVICES and name.endswith(".app"), \
                f"nexus_sim/{package}/{path.name} imports {name}"


def test_the_import_scans_see_what_they_must(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import status_check.app\nfrom nexus_sim.run import spec\nfrom . import x\n"
                      "def f():\n    import yaml\n")
    assert first_party_imported(sample) == {"status_check", "nexus_sim"}
    assert imported(sample) == {"status_check.app", "nexus_sim.run", "yaml"}


ARCHITECTURE = ROOT / "ARCHITECTURE.md"
CITATION = re.compile(r"\b(\w+)\.md,?\s+(?:#\s*)?invariants?\s+(\d+(?:(?:,\s*|\s+and\s+)\d+)*)")
BARE_CITATION = re.compile(r"\binvariants?\s+(\d+(?:(?:,\s*|\s+and\s+)\d+)*)")
SECTION_CITATION = re.compile(r'ARCHITECTURE\.md,\s+"([^"]+)"')


def numbered_invariants(text: str) -> set[int]:
    """The numbers of the items of ARCHITECTURE.md's "Invariants" section."""
    section = re.search(r"^## Invariants.*?$(.*?)(?=^## )", text, re.M | re.S)
    assert section, "ARCHITECTURE.md has no '## Invariants' section"
    return {int(n) for n in re.findall(r"^(\d+)\. \*\*", section.group(1), re.M)}


def cited_invariants(text: str) -> set[int]:
    return {int(n) for found in BARE_CITATION.findall(text) for n in re.findall(r"\d+", found)}


def code_files() -> list[Path]:
    here = Path(__file__).resolve()  # its samples cite other documents on purpose
    return sorted(p for d in ("services", "contracts", "tests") for p in (ROOT / d).rglob("*.py") if p != here)


def test_architecture_numbers_the_seven_invariants():
    assert numbered_invariants(ARCHITECTURE.read_text()) == set(range(1, 8))


def test_every_invariant_the_code_cites_is_an_architecture_invariant():
    numbered = numbered_invariants(ARCHITECTURE.read_text())
    for path in code_files():
        text = path.read_text()
        assert all(doc == "ARCHITECTURE" for doc, _ in CITATION.findall(text)), \
            f"{path.relative_to(ROOT)} cites invariants of another document"
        missing = cited_invariants(text) - numbered
        assert not missing, f"{path.relative_to(ROOT)} cites invariant(s) {missing}, not in ARCHITECTURE.md"


def test_every_section_the_code_cites_is_an_architecture_heading():
    headings = re.findall(r"^#+ (.+)$", ARCHITECTURE.read_text(), re.M)
    for path in code_files():
        for cited in SECTION_CITATION.findall(path.read_text()):
            assert any(cited in heading for heading in headings), f"{path.relative_to(ROOT)} cites {cited!r}"


def test_the_citation_scan_reads_every_spelling():
    text = ('"""Seeded (ARCHITECTURE.md invariant 2); see DESIGN.md invariants 1, 3 and 6\n'
            '(ARCHITECTURE.md\n    invariant 9)"""\n# (ARCHITECTURE.md, invariant 4)\n')
    assert CITATION.findall(text) == [("ARCHITECTURE", "2"), ("DESIGN", "1, 3 and 6"), ("ARCHITECTURE", "9"),
                                      ("ARCHITECTURE", "4")]
    assert cited_invariants(text) == {1, 2, 3, 4, 6, 9}
