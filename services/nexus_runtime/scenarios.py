"""Scenario files: find by name or path, resolve ``extends``, apply ``--set`` overrides, validate.

Errors name the file, the field and what is wrong, never a traceback.
"""

import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from nexus_contracts.scenario import Scenario

from .scenario_yaml import ScenarioFileError, read_scenario_file, read_value

__all__ = ["ScenarioError", "bundled_scenarios", "load_scenario", "scenario_dir"]


class ScenarioError(ValueError):
    """A scenario cannot be loaded; the message names file and field."""


def scenario_dir() -> Path:
    """The bundled scenarios (package data beside this module), or ``NEXUS_SCENARIO_DIR`` if set."""
    configured = os.environ.get("NEXUS_SCENARIO_DIR")
    return Path(configured) if configured else Path(__file__).resolve().parent / "bundled_scenarios"


def bundled_scenarios() -> list[str]:
    return sorted(p.stem for p in scenario_dir().glob("*.yaml"))


def load_scenario(name_or_path: str | Path, overrides: list[str] | tuple[str, ...] = ()) -> Scenario:
    path = _resolve(str(name_or_path))
    data = _read_with_parents(path, seen=())
    for override in overrides:
        _apply_override(data, override)
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(_describe(path, exc, overrides)) from None


def _resolve(name_or_path: str) -> Path:
    candidate = Path(name_or_path)
    if candidate.suffix in (".yaml", ".yml") or candidate.exists():
        if not candidate.is_file():
            raise ScenarioError(f"{candidate}: no such scenario file")
        return candidate
    bundled = scenario_dir() / f"{name_or_path}.yaml"
    if not bundled.is_file():
        known = ", ".join(bundled_scenarios()) or "none"
        raise ScenarioError(f"no scenario named {name_or_path!r} (bundled: {known})")
    return bundled


def _read_with_parents(path: Path, seen: tuple[Path, ...]) -> dict[str, Any]:
    if path.resolve() in seen:
        raise ScenarioError(f"{path}: 'extends' makes a cycle")
    try:
        data = read_scenario_file(path)
    except ScenarioFileError as exc:
        raise ScenarioError(str(exc)) from None
    parent = data.pop("extends", None)
    if parent is None:
        return data
    try:
        return _merge(_read_with_parents(_parent_path(path, parent), (*seen, path.resolve())), data)
    except ScenarioError as exc:
        raise ScenarioError(f"{path}: field 'extends': {exc}") from None


def _parent_path(path: Path, parent: object) -> Path:
    """``extends: NAME`` is a bundled scenario; ``extends: FILE.yaml`` is beside the file naming it."""
    if not isinstance(parent, str) or not parent.strip():
        raise ScenarioError(f"expected a scenario name or a .yaml file, got {parent!r}")
    if not parent.endswith((".yaml", ".yml")):
        return _resolve(parent)
    candidate = path.parent / parent
    if not candidate.is_file():
        raise ScenarioError(f"no such scenario file {candidate}")
    return candidate


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if value and isinstance(value, dict) and isinstance(merged.get(key), dict):  # an empty {} replaces
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _apply_override(data: dict[str, Any], override: str) -> None:
    """``a.b.c=VALUE``; a number steps into a list (``suites.0.weight=2``); VALUE is read as YAML."""
    dotted, sep, raw = override.partition("=")
    if not sep or not dotted.strip():
        raise ScenarioError(f"--set {override!r}: expected FIELD.PATH=VALUE")
    *parents, leaf = dotted.strip().split(".")
    try:
        value = read_value(raw)
    except ScenarioFileError as exc:
        raise ScenarioError(f"--set {override!r}: {exc}") from None
    node: Any = data
    for part in parents:
        node = _step(node, part, override)
    if isinstance(node, list):
        node[_index(node, leaf, override)] = value
    elif isinstance(node, dict):
        node[leaf] = value
    else:
        raise ScenarioError(f"--set {override!r}: '{parents[-1]}' is a value, not a section")


def _step(node: Any, part: str, override: str) -> Any:
    if isinstance(node, list):
        return node[_index(node, part, override)]
    if not isinstance(node, dict):
        raise ScenarioError(f"--set {override!r}: '{part}' is inside a value, not a section")
    return node.setdefault(part, {})


def _index(items: list, part: str, override: str) -> int:
    if not part.isdigit() or int(part) >= len(items):
        raise ScenarioError(f"--set {override!r}: '{part}' is not an index of a list of {len(items)}")
    return int(part)


def _describe(path: Path, exc: ValidationError, overrides: tuple[str, ...] | list[str]) -> str:
    lines = [f"{path}: {exc.error_count()} problem(s) in the scenario"]
    for err in exc.errors():
        where = ".".join(str(part) for part in err["loc"]) or "(top level)"
        lines.append(f"  field '{where}': {err['msg']}{_set_by(where, overrides)}")
    return "\n".join(lines)


def _set_by(where: str, overrides: tuple[str, ...] | list[str]) -> str:
    """Name the --set that wrote a field, so the error is not blamed on the file."""
    for override in overrides:
        dotted = override.partition("=")[0].strip()
        if where == dotted or where.startswith(dotted + ".") or dotted.startswith(where + "."):
            return f" (from --set {override})"
    return ""
