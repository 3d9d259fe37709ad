"""The schema files as outside tools take them: every JSON Schema declares 2020-12 and its id and passes
the metaschema; every event of a golden log is valid against its schema; payloads crossing a sharing
boundary are closed while the codec still reads them tolerantly; the AsyncAPI document's refs all
resolve inside it. (tests/unit/test_asyncapi_parser.py runs the AsyncAPI parser itself.)"""

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from nexus_contracts import ContractError, decode_event
from nexus_contracts.catalogue import TOPICS
from nexus_contracts.schemas import DIALECT, SCHEMA_DIR, SCHEMA_ID_BASE, schema_file
from nexus_contracts.wire import DEAD_LETTER_REASON, DEAD_LETTER_SERVICE, RUN_HEADER

GOLDEN = Path(__file__).resolve().parents[2] / "services/nexus_sim/eventlog/golden/london-2013.jsonl"
SCHEMAS = sorted(p.name for p in SCHEMA_DIR.glob("*.json") if p.name not in ("asyncapi.json", "catalogue.json"))
ASYNCAPI = json.loads(schema_file("asyncapi.json").read_text())


def load(name: str) -> dict:
    return json.loads(schema_file(name).read_text())


def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(load(name))


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_schema_declares_2020_12_and_its_id_and_passes_the_metaschema(name):
    schema = load(name)
    assert schema["$schema"] == DIALECT and schema["$id"] == SCHEMA_ID_BASE + name
    Draft202012Validator.check_schema(schema)


def golden_values() -> list[dict]:
    lines = GOLDEN.read_text().splitlines()[1:]
    return [json.loads(line)["value"] for line in lines if json.loads(line).get("value")]


def test_every_event_of_a_golden_log_is_valid_against_its_schema():
    values = golden_values()
    assert len({v["event_type"] for v in values}) >= 12
    for value in values:
        errors = list(validator(f"{value['event_type']}.v{value['schema_version']}.json").iter_errors(value))
        assert errors == [], (value["event_type"], errors[0].message)


def first(event_type: str) -> dict:
    return next(v for v in golden_values() if v["event_type"] == event_type)


def test_a_payload_crossing_the_boundary_is_closed_and_still_read_tolerantly():
    booking = first("BookingOpened")
    booking["payload"]["case"]["detainee"]["home_address"] = "SYN-ADDR"
    assert not validator("BookingOpened.v1.json").is_valid(booking)
    assert decode_event(json.dumps(booking).encode()).event_type == "BookingOpened"  # a tolerant reader can
    with pytest.raises(ContractError, match="case.detainee.home_address.*Extra inputs"):  # the services read it closed
        decode_event(json.dumps(booking).encode(), closed=True)


def test_the_payload_that_crosses_no_boundary_and_the_envelope_stay_open():
    arrest = first("ArrestMade")  # police-internal: from the scenario driver to custody booking
    arrest["payload"]["added_in_a_later_minor"] = 1
    arrest["added_envelope_field"] = "x"
    assert validator("ArrestMade.v1.json").is_valid(arrest)
    iabs = first("IabsSearchCompleted")
    iabs["added_envelope_field"] = "x"
    assert validator("IabsSearchCompleted.v1.json").is_valid(iabs)


def test_bounds_of_the_models_are_in_the_schemas():
    arrest = first("ArrestMade")
    arrest["payload"]["detainee"]["birth_year"] = 1800
    assert not validator("ArrestMade.v1.json").is_valid(arrest)
    closed = first("BookingClosed")
    closed["payload"]["custody_hours"] = -1
    assert not validator("BookingClosed.v1.json").is_valid(closed)


def refs(node) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [r for v in node.values() for r in refs(v)]
    return [r for v in node for r in refs(v)] if isinstance(node, list) else []


def resolve(pointer: str):
    node = ASYNCAPI
    for part in pointer.removeprefix("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def test_every_asyncapi_ref_points_inside_the_document():
    found = refs(ASYNCAPI)
    assert found and all(ref.startswith("#/") for ref in found), [r for r in found if not r.startswith("#/")]
    for ref in found:
        assert resolve(ref) is not None


def test_asyncapi_has_a_dlq_channel_per_topic_with_required_dead_letter_headers():
    channels = {c["address"]: c for c in ASYNCAPI["channels"].values()}
    assert {spec.dlq for spec in TOPICS} <= set(channels)
    dead = ASYNCAPI["components"]["messages"]["DeadLetter"]["headers"]
    assert {DEAD_LETTER_REASON, DEAD_LETTER_SERVICE} <= set(dead["required"])


def test_asyncapi_requires_the_headers_and_names_both_brokers():
    headers = ASYNCAPI["components"]["messages"]["BookingOpened"]["headers"]
    assert {"event_type", "schema_version", "content-type", "synthetic", RUN_HEADER} <= set(headers["required"])
    assert headers["properties"]["event_type"]["const"] == "BookingOpened"
    assert {s["host"] for s in ASYNCAPI["servers"].values()} == {"127.0.0.1:9092", "kafka:29092"}
    assert ASYNCAPI["components"]["securitySchemes"]["scramSha512"]["type"] == "scramSha512"
    assert all(s["security"] == [{"$ref": "#/components/securitySchemes/scramSha512"}]
               for s in ASYNCAPI["servers"].values())
