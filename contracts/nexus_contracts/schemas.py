"""Generate the JSON Schemas into the package data ``nexus_contracts/schema_files/``:
`python -m nexus_contracts.schemas [--check | --archive DIR]` (``make schemas``, ``make check-schemas``,
``make dist``).

One schema per event type at its current version (the envelope with that payload), the topic
catalogue, and an AsyncAPI 3.0 document of the flow; schemas of superseded versions are kept (and stamped with
``$schema`` and ``$id`` like the others). Every schema is JSON Schema 2020-12.
A test fails when files are stale.
"""

import json
import sys
import tarfile
from dataclasses import asdict
from pathlib import Path

from .asyncapi import asyncapi_document
from .catalogue import TOPICS, topic_for_event
from .envelope import Event
from .registry import PAYLOAD_TYPES
from .scenario import Scenario

__all__ = ["DIALECT", "SCHEMA_DIR", "SCHEMA_ID_BASE", "archive", "compatibility_problems", "generate", "main", "schema_file"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID_BASE = "https://schemas.nexus-flow.example/nexus-contracts/"
"""Base of every schema's ``$id``: ``<base><file name>``. An identifier, not an address to fetch from;
resolve it to the installed file (``schema_file(name)``) or the release archive."""

SCHEMA_DIR = Path(__file__).resolve().parent / "schema_files"
"""Where the schemas live: installed with the package, so a consumer reads them without a checkout."""


def schema_file(name: str) -> Path:
    """The installed file ``name``: ``"ArrestMade.v1.json"``, ``"asyncapi.json"``, ``"catalogue.json"``, ``"scenario.json"``."""
    path = SCHEMA_DIR / name
    if not path.is_file():
        raise FileNotFoundError(f"no schema file {name!r} in {SCHEMA_DIR}")
    return path


def generate() -> dict[str, str]:
    events = {f"{name}.v{cls.VERSION}.json": _event_schema(name, cls) for name, cls in PAYLOAD_TYPES.items()}
    files = {name: _dump(schema) for name, schema in events.items()}
    files |= {path.name: _dump(_identified(json.loads(path.read_text()), path.name))
              for path in sorted(SCHEMA_DIR.glob("*.json")) if _older_version(path.name)}
    files["catalogue.json"] = _dump({"topics": [_topic(spec) for spec in TOPICS]})
    files["asyncapi.json"] = _dump(asyncapi_document(_contracts_version(), events))
    files["scenario.json"] = _dump(_identified(Scenario.model_json_schema(), "scenario.json"))
    return files


def _identified(schema: dict, filename: str) -> dict:
    """``schema`` declaring its dialect (JSON Schema 2020-12) and its id, first."""
    return {"$schema": DIALECT, "$id": SCHEMA_ID_BASE + filename,
            **{k: v for k, v in schema.items() if k not in ("$schema", "$id")}}


def _contracts_version() -> str:
    from . import CONTRACTS_VERSION

    return CONTRACTS_VERSION


def _event_schema(name: str, payload_type) -> dict:
    schema = Event.model_json_schema(mode="serialization")
    payload = payload_type.model_json_schema(mode="serialization", ref_template="#/$defs/{model}")
    schema.setdefault("$defs", {}).update(payload.pop("$defs", {}))
    schema["$defs"][name] = payload
    schema["properties"]["payload"] = {"$ref": f"#/$defs/{name}"}
    schema["properties"]["event_type"]["const"] = name
    schema["properties"]["schema_version"]["const"] = payload_type.VERSION
    schema["title"] = f"{name} v{payload_type.VERSION}"
    schema = _tolerant(schema)
    if topic_for_event(name).boundary:
        closing = _payload_models(schema, name)
        schema["$defs"] = {def_name: _closed(d) if def_name in closing else d for def_name, d in schema["$defs"].items()}
    return _identified(schema, f"{name}.v{payload_type.VERSION}.json")


def _tolerant(node):
    """Drop ``additionalProperties: false``: producers never add fields (the models refuse them),
    and readers must ignore fields a newer minor version adds, as the codec does."""
    if isinstance(node, dict):
        return {k: _tolerant(v) for k, v in node.items() if not (k == "additionalProperties" and v is False)}
    if isinstance(node, list):
        return [_tolerant(v) for v in node]
    return node


def _payload_models(schema: dict, name: str) -> set[str]:
    """The ``$defs`` objects reachable from the payload ``name``: what crosses a sharing boundary."""
    found, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current in found:
            continue
        found.add(current)
        todo += [ref.rsplit("/", 1)[1] for ref in _refs(schema["$defs"][current])]
    return {n for n in found if schema["$defs"][n].get("type") == "object"}


def _refs(node) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [r for v in node.values() for r in _refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in _refs(v)]
    return []


def _closed(model: dict) -> dict:
    """A payload model on a topic that crosses a sharing boundary (catalogue.py): nothing beyond its
    fields may cross, so its schema refuses extra fields. The codec still reads such payloads tolerantly."""
    return {**model, "additionalProperties": False}


def _topic(spec) -> dict:
    data = asdict(spec)
    if spec.boundary:
        data["boundary"]["allowed"] = sorted(spec.boundary.allowed)
    data["dlq"] = spec.dlq
    return data


def _older_version(filename: str) -> bool:
    """Schemas of superseded versions (e.g. AcroCheckAnswered.v1.json) stay for adapters still on them;
    readers upcast them (registry.UPCASTERS)."""
    name, _, rest = filename.partition(".v")
    version = rest.removesuffix(".json")
    return name in PAYLOAD_TYPES and version.isdigit() and int(version) < PAYLOAD_TYPES[name].VERSION


def _dump(data: dict) -> str:
    return json.dumps(data, indent=2, sort_keys=True) + "\n"


def compatibility_problems(old: dict, new: dict) -> list[str]:
    """What in ``new`` breaks readers or writers of ``old`` (same event type and version): a field
    removed, a field newly required, a field whose type changed, an enum value removed, in the
    envelope or any payload model. Adding an optional field or an enum value is compatible:
    readers ignore what they do not know (the schemas forbid extra fields only in the payloads of
    topics that cross a sharing boundary, where a new field needs a new allowed path anyway)."""
    old_defs = {"(envelope)": old, **old.get("$defs", {})}
    new_defs = {"(envelope)": new, **new.get("$defs", {})}
    problems = []
    for name, old_def in old_defs.items():
        new_def = new_defs.get(name)
        if new_def is None:
            problems.append(f"{name}: removed")
            continue
        problems += _model_problems(name, old_def, new_def)
        problems += [f"{name}: enum value {v!r} removed" for v in old_def.get("enum", ()) if v not in
                     new_def.get("enum", ())]
    return sorted(problems)


_BOUNDS = ("maxLength", "maximum", "minimum", "maxItems")
"""Bounds a field may gain without a new version: every producer kept within them, and readers refuse
beyond them at the door (contracts 1.4, issue 11). A bound changed or dropped is a type change."""
_MADE_EXPLICIT = {("(envelope)", "synthetic")}
"""Fields once defaulted that a message must now give (contracts 1.4): every producer always wrote them."""


def _model_problems(name: str, old_def: dict, new_def: dict) -> list[str]:
    old_props, new_props = old_def.get("properties", {}), new_def.get("properties", {})
    problems = [f"{name}.{f}: removed" for f in old_props if f not in new_props]
    problems += [f"{name}.{f}: newly required" for f in set(new_def.get("required", ()))
                 - set(old_def.get("required", ())) if f in new_props and (name, f) not in _MADE_EXPLICIT]
    problems += [f"{name}.{f}: type changed" for f in old_props
                 if f in new_props and not _same_type(old_props[f], new_props[f])]
    return problems


def _same_type(old: dict, new: dict) -> bool:
    """The same shape, but for bounds newly given; every bound ``old`` had is kept as it was."""
    old_bounds = _bounds_in(old)
    return _shape(old) == _shape(new) and old_bounds.items() <= _bounds_in(new).items()


def _shape(node):
    if isinstance(node, dict):
        return {k: _shape(v) for k, v in node.items() if k not in ("description", "title", "default", "examples", *_BOUNDS)}
    if isinstance(node, list):
        return [_shape(v) for v in node]
    return node


def _bounds_in(node, path: str = "") -> dict[str, object]:
    if isinstance(node, dict):
        found = {f"{path}/{k}": v for k, v in node.items() if k in _BOUNDS}
        for key, value in node.items():
            found |= _bounds_in(value, f"{path}/{key}")
        return found
    if isinstance(node, list):
        return {k: v for i, item in enumerate(node) for k, v in _bounds_in(item, f"{path}/{i}").items()}
    return {}


def _breaking(files: dict[str, str]) -> list[str]:
    problems = []
    for name, text in files.items():
        committed = SCHEMA_DIR / name
        if name.endswith(".json") and name not in ("catalogue.json", "asyncapi.json", "scenario.json") \
                and committed.is_file():
            found = compatibility_problems(json.loads(committed.read_text()), json.loads(text))
            problems += [f"{name}: {p}" for p in found]
    return problems


def archive(out_dir: Path) -> Path:
    """``nexus-contracts-schemas-<version>.tar.gz`` of the schema files, for consumers in other languages."""
    name = f"nexus-contracts-schemas-{_contracts_version()}"
    out_dir.mkdir(parents=True, exist_ok=True)
    with tarfile.open(out_dir / f"{name}.tar.gz", "w:gz") as tar:
        for path in sorted(SCHEMA_DIR.glob("*.json")):
            tar.add(path, arcname=f"{name}/{path.name}")
    return out_dir / f"{name}.tar.gz"


def main(argv: list[str]) -> int:
    if "--archive" in argv:
        print(f"wrote {archive(Path(argv[argv.index('--archive') + 1]))}")
        return 0
    files = generate()
    breaking = _breaking(files)
    for problem in breaking:
        print(f"breaking change without a new version: {problem}", file=sys.stderr)
    if breaking:
        print("bump the payload's VERSION and register an upcaster in registry.UPCASTERS", file=sys.stderr)
        return 1
    if "--check" in argv:
        stale = [n for n, text in files.items() if not (SCHEMA_DIR / n).is_file() or (SCHEMA_DIR / n).read_text() != text]
        for name in stale:
            print(f"stale: {SCHEMA_DIR / name}", file=sys.stderr)
        return 1 if stale else 0
    SCHEMA_DIR.mkdir(exist_ok=True)
    for old in SCHEMA_DIR.glob("*.json"):
        if old.name not in files and not _older_version(old.name):
            old.unlink()
    for name, text in files.items():
        (SCHEMA_DIR / name).write_text(text)
    print(f"wrote {len(files)} schemas to {SCHEMA_DIR}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
