"""Generate the JSON Schemas in contracts/schemas/: `python -m nexus_contracts.schemas [--check]`.

One schema per event type at its current version (the envelope with that payload), plus the
topic catalogue; schemas of superseded versions are kept. A test fails when files are stale.
"""

import json
import sys
from dataclasses import asdict
from pathlib import Path

from .catalogue import TOPICS
from .envelope import Event
from .registry import PAYLOAD_TYPES

__all__ = ["SCHEMA_DIR", "generate", "main"]

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "schemas"


def generate() -> dict[str, str]:
    files = {f"{name}.v{cls.VERSION}.json": _dump(_event_schema(name, cls)) for name, cls in PAYLOAD_TYPES.items()}
    files["catalogue.json"] = _dump({"topics": [_topic(spec) for spec in TOPICS]})
    return files


def _event_schema(name: str, payload_type) -> dict:
    schema = Event.model_json_schema(mode="serialization")
    payload = payload_type.model_json_schema(mode="serialization", ref_template="#/$defs/{model}")
    schema.setdefault("$defs", {}).update(payload.pop("$defs", {}))
    schema["$defs"][name] = payload
    schema["properties"]["payload"] = {"$ref": f"#/$defs/{name}"}
    schema["properties"]["event_type"]["const"] = name
    schema["properties"]["schema_version"]["const"] = payload_type.VERSION
    schema["title"] = f"{name} v{payload_type.VERSION}"
    return schema


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


def main(argv: list[str]) -> int:
    files = generate()
    if "--check" in argv:
        stale = [n for n, text in files.items() if not (SCHEMA_DIR / n).is_file() or (SCHEMA_DIR / n).read_text() != text]
        for name in stale:
            print(f"stale: contracts/schemas/{name}", file=sys.stderr)
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
