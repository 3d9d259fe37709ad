"""Where each scenario parameter comes from (issue 13): every number or table that drives a decision is
a scenario field whose ``source`` (in the field's JSON Schema, ``contracts/.../scenario.json``) cites a
seed or a public figure of CALIBRATION.md, or says ``assumption: <why>``. A scenario that sets a value
of its own cites it in its ``sources:`` mapping (dotted path -> source).

``parameter_fields`` lists the parameters of the scenario contract (walking its sections' classes),
``parameters`` resolves them for one scenario, each with its value and source."""

from collections.abc import Iterator
from dataclasses import dataclass
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, Field
from pydantic.fields import FieldInfo, PydanticUndefined

__all__ = ["ASSUMPTION", "PARAMETER_SECTIONS", "STRUCTURE", "Parameter", "parameter_fields", "parameters",
           "source_of", "sourced"]

ASSUMPTION = "assumption"
# The sections of a scenario that hold parameters; the rest (name, forces, suites, dates) is what it models.
PARAMETER_SECTIONS = ("arrests", "population", "iabs", "operating_model", "acro", "referral_policy", "custody",
                      "immigration_status", "immigration_enforcement", "removals")
# Inside those sections, the lists a planner writes out (rosters, surges, absences, shifts): structure,
# not parameters; their YAML comments say where each came from.
STRUCTURE = frozenset({"arrests.surges", "operating_model.embedded", "operating_model.absences",
                       "operating_model.ccu.shifts"})


def sourced(source: str, description: str, default: Any = PydanticUndefined, **constraints: Any) -> Any:
    """A scenario field that says where its default comes from."""
    return Field(default=default, description=f"{description} Source: {source}.",
                 json_schema_extra={"source": source}, **constraints)


def source_of(info: FieldInfo) -> str | None:
    extra = info.json_schema_extra
    return extra.get("source") if isinstance(extra, dict) else None


@dataclass(frozen=True)
class Parameter:
    path: str
    value: Any
    source: str

    @property
    def assumption(self) -> bool:
        return self.source.startswith(ASSUMPTION)


def parameter_fields(scenario_type: type[BaseModel]) -> dict[str, FieldInfo]:
    """Every parameter of the scenario contract by dotted path (a field with a source, in a section)."""
    found: dict[str, FieldInfo] = {}
    for section in PARAMETER_SECTIONS:
        found.update(_walk(_model_of(scenario_type.model_fields[section].annotation), section))
    return found


def parameters(scenario: BaseModel) -> list[Parameter]:
    """The scenario's parameters, resolved: value, and the source the scenario cites for it, else the
    contract's when the value is the default, else a note that the scenario gave none."""
    cited: dict[str, str] = getattr(scenario, "sources", {})
    resolved = []
    for path, info in parameter_fields(type(scenario)).items():
        found, value = _value_at(scenario, path)
        if not found:
            continue
        default = info.get_default(call_default_factory=True)
        source = cited.get(path) or (source_of(info) if value == default
                                     else f"scenario {getattr(scenario, 'name', '?')}: no source given")
        resolved.append(Parameter(path, value, source))
    return resolved


def _walk(model: type[BaseModel], prefix: str) -> Iterator[tuple[str, FieldInfo]]:
    for name, info in model.model_fields.items():
        path = f"{prefix}.{name}"
        if path in STRUCTURE:
            continue
        nested = _model_of(info.annotation)
        if source_of(info) is None and nested is not None:
            yield from _walk(nested, path)
        else:
            yield path, info


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The model class of a field typed ``Model`` or ``Model | None``; None for anything else."""
    if get_origin(annotation) in (Union, UnionType):
        args = [arg for arg in get_args(annotation) if arg is not NoneType]
        annotation = args[0] if len(args) == 1 else None
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _value_at(scenario: BaseModel, path: str) -> tuple[bool, Any]:
    node: Any = scenario
    for part in path.split("."):
        if node is None:
            return False, None
        node = getattr(node, part)
    return True, node
