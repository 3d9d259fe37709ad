"""Reading one scenario file strictly: a syntax error names file, line and column; a key given twice
in one mapping is refused; an impossible date (2013-02-30) is left as text, so the scenario's
validation names the field; an empty file is one error, not a list of missing fields."""

from pathlib import Path
from typing import Any

import yaml

__all__ = ["ScenarioFileError", "read_scenario_file", "read_value"]


class ScenarioFileError(ValueError):
    """A scenario file cannot be read as a mapping of fields; the message names file and place."""


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys and never raises on an impossible date."""


def _mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    seen: dict[Any, yaml.Node] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} is given twice in one mapping (first at line "
                f"{seen[key].start_mark.line + 1})", key_node.start_mark)
        seen[key] = key_node
    return loader.construct_mapping(node, deep=deep)


def _timestamp(loader: _StrictLoader, node: yaml.ScalarNode) -> Any:
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:  # 2013-02-30 looks like a date but is none: the scenario check names the field
        return loader.construct_scalar(node)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def read_scenario_file(path: Path) -> dict[str, Any]:
    """The mapping of fields one scenario file holds."""
    try:
        text = path.read_text()
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioFileError(f"{path}: cannot be read: {exc}") from None
    try:
        data = yaml.load(text, Loader=_StrictLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.MarkedYAMLError as exc:
        raise ScenarioFileError(f"{path}:{_place(exc)} not valid YAML: {_problem(exc)}") from None
    except yaml.YAMLError as exc:
        raise ScenarioFileError(f"{path}: not valid YAML: {exc}") from None
    if data is None:
        raise ScenarioFileError(f"{path}: the file is empty; a scenario needs at least a name and, for example, "
                                "'extends: london-2013'")
    if not isinstance(data, dict):
        raise ScenarioFileError(f"{path}: a scenario must be a mapping of fields, not {type(data).__name__}")
    return data


def read_value(text: str) -> Any:
    """One ``--set`` value, read as YAML the way a file is (dates, duplicate keys)."""
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.MarkedYAMLError as exc:
        raise ScenarioFileError(f"not valid YAML at column {exc.problem_mark.column + 1 if exc.problem_mark else '?'}: "
                                f"{_problem(exc)}") from None
    except yaml.YAMLError as exc:
        raise ScenarioFileError(f"not valid YAML: {exc}") from None


def _place(exc: yaml.MarkedYAMLError) -> str:
    mark = exc.problem_mark or exc.context_mark
    return f"{mark.line + 1}:{mark.column + 1}:" if mark else ""


def _problem(exc: yaml.MarkedYAMLError) -> str:
    return "; ".join(part for part in (exc.context, exc.problem) if part)
