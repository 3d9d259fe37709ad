"""The JSON Schema rule: an event value against the published schema of its type and version."""

import json
from functools import lru_cache
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from nexus_contracts.schemas import SCHEMA_DIR

__all__ = ["schema_problem"]


@lru_cache(maxsize=None)
def _validator(event_type: str, version: int) -> Draft202012Validator | None:
    path = SCHEMA_DIR / f"{event_type}.v{version}.json"
    return Draft202012Validator(json.loads(path.read_text())) if path.is_file() else None


def schema_problem(data: dict[str, Any]) -> tuple[str, str] | None:
    """(field, message) of the most relevant schema error of ``data``; None when it is valid."""
    event_type, version = data.get("event_type"), data.get("schema_version")
    validator = _validator(event_type, version) if isinstance(event_type, str) and isinstance(version, int) else None
    if validator is None:
        return "event_type", f"no schema for {event_type!r} version {version!r}"
    error = best_match(validator.iter_errors(data))
    return None if error is None else (_field(error), error.message)


def _field(error: ValidationError) -> str:
    path = [str(part) for part in error.absolute_path]
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = [name for name in error.validator_value if name not in error.instance]
        path += missing[:1]
    return ".".join(path) or "(value)"
