"""An AsyncAPI 3.0 document of the flow, built from the topic catalogue and the JSON Schemas:
every topic a channel (address, partitions, key) and its dead-letter channel, every event type a
message, every service's sends and receives an operation. Written to
nexus_contracts/schema_files/asyncapi.json by `make schemas`.

The document stands alone: each event's JSON Schema is embedded under ``components.schemas`` (its
``$defs`` referenced by JSON pointer from the document root), so every ``$ref`` resolves from any
working directory without the schema files beside it."""

from .asyncapi_dlq import DEAD_LETTER, dead_letter_channel, dead_letter_message, dead_letter_operations
from .catalogue import TOPICS, TopicSpec, topic_for_event
from .registry import PAYLOAD_TYPES
from .watermarks import ORIGIN_HEADER, WATERMARK_HEADER
from .wire import CONTENT_TYPE, LOCAL_BOOTSTRAP, RUN_HEADER, TRACEPARENT, TRACESTATE

__all__ = ["asyncapi_document"]

_KEYS = {
    "custody_suite": {"type": "string", "description": "Custody suite id: all events of a suite share a partition, in order."},
    "force": {"type": "string", "description": "Force id: all checks of a force's capacity pools share a partition."},
}
_TRACE_CONTEXT = {
    TRACEPARENT: {"type": "string", "description": "W3C trace context of the span that sent it (services with "
                  "traces on); a journey is one trace. Transport metadata, never part of an event."},
    TRACESTATE: {"type": "string", "description": "W3C vendor trace state, when a tracer sets one."},
}
COMPOSE_BOOTSTRAP = "kafka:29092"
"""The broker's address inside `docker compose` (docker-compose.yml, listener INTERNAL)."""
_CORRELATION = {"correlation_id": {"type": "string", "description": "Set by FastStream on what the reference services "
                "send: a random UUID per message, NOT the envelope's correlation_id (the custody record). Optional; "
                "ignore it."}}


def _headers(name: str, version: int) -> dict:
    return {
        "type": "object",
        "required": ["event_type", "schema_version", "content-type", "synthetic", RUN_HEADER],
        "properties": {
            "event_type": {"type": "string", "const": name, "description": "Payload type name, as in the value."},
            "schema_version": {"type": "string", "const": str(version),
                               "description": "Payload schema version, as in the value."},
            "content-type": {"type": "string", "const": CONTENT_TYPE},
            "synthetic": {"type": "string", "const": "true"},
            RUN_HEADER: {"type": "string", "minLength": 1, "description": "Run marker the simulator sets on every input "
                         "record; copy it from the record you consumed onto everything you send because of it."},
            **_CORRELATION,
            **_TRACE_CONTEXT,
        },
    }


MARKER = "TimeProgressMarker"
_MARKER = {
    "name": MARKER,
    "title": "Time-progress marker (transport metadata, not an event)",
    "summary": "No record with an earlier event time follows from its origin on this partition.",
    "description": "Sent to every partition of a topic that time flows through, with no key and an empty value. "
                   "A service forwards the least time every origin of an input partition has passed, as origin "
                   "'<input topic>/<partition>', after what it produced from the records before it. Never part of "
                   "the digest, a report or an event log.",
    "headers": {"type": "object", "required": [WATERMARK_HEADER, ORIGIN_HEADER], "properties": {
        WATERMARK_HEADER: {"type": "string", "description": "ISO 8601 event time with zone, or 'end'."},
        ORIGIN_HEADER: {"type": "string", "description": "'scenario-driver' or '<topic>/<partition>'."},
        RUN_HEADER: {"type": "string", "description": "The run it belongs to."},
        **_TRACE_CONTEXT,
    }},
    "payload": {"type": "string", "maxLength": 0},
}


SCRAM = "scramSha512"
_SCRAM = {
    "type": "scramSha512",
    "description": "SASL/SCRAM-SHA-512: one principal per service (its name), plus scenario-driver, recorder "
                   "and replay; each may read only the topics it consumes, write only those it produces (and the "
                   "dead-letter topics of what it consumes), use only its own consumer groups. `nexus kafka acls` "
                   "prints the table; `nexus kafka up --insecure` runs without.",
}
_SCRAM_REF = {"$ref": f"#/components/securitySchemes/{SCRAM}"}


def asyncapi_document(version: str, event_schemas: dict[str, dict]) -> dict:
    """The document for contracts ``version``; ``event_schemas``: file name -> JSON Schema of each current event."""
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "Nexus Flow",
            "version": version,
            "description": "Police custody and Home Office message flow (Operation Nexus model). Synthetic data "
                           "only. Values are UTF-8 JSON event envelopes; the key is the custody suite id.",
        },
        "defaultContentType": CONTENT_TYPE,
        "servers": {
            "local": {"host": LOCAL_BOOTSTRAP, "protocol": "kafka", "description": "`make kafka-up` (no Docker), or "
                      "`docker compose up` seen from the host.", "security": [_SCRAM_REF]},
            "compose": {"host": COMPOSE_BOOTSTRAP, "protocol": "kafka", "security": [_SCRAM_REF],
                        "description": "`docker compose up`, seen from a container on the compose network."},
        },
        "channels": {**{_channel_id(spec): _channel(spec) for spec in TOPICS},
                     **{_channel_id(spec) + "_dlq": dead_letter_channel(spec) for spec in TOPICS}},
        "operations": {**_operations(), **dead_letter_operations(_channel_id)},
        "components": {
            "messages": {**{name: _message(name, cls.VERSION) for name, cls in PAYLOAD_TYPES.items()},
                         MARKER: _MARKER, DEAD_LETTER: dead_letter_message()},
            "schemas": {_schema_id(name): _embedded(schema, _schema_id(name)) for name, schema in event_schemas.items()},
            "securitySchemes": {SCRAM: _SCRAM},
        },
    }


def _schema_id(filename: str) -> str:
    return filename.removesuffix(".json")


def _embedded(schema: dict, component: str):
    """A JSON Schema as a component: its local refs (``#/$defs/X``) made absolute from the document root."""
    if isinstance(schema, dict):
        return {k: (v.replace("#/", f"#/components/schemas/{component}/", 1) if k == "$ref" else _embedded(v, component))
                for k, v in schema.items() if k not in ("$schema", "$id")}
    if isinstance(schema, list):
        return [_embedded(v, component) for v in schema]
    return schema


def _channel_id(spec: TopicSpec) -> str:
    return spec.name.replace(".", "_").replace("-", "_")


def _channel(spec: TopicSpec) -> dict:
    sharing = f" Crosses {spec.boundary.from_party} -> {spec.boundary.to_party}." if spec.boundary else ""
    markers = f" Carries time-progress markers forwarded from {spec.time_from}." if spec.time_from else ""
    names = (*spec.event_types, *((MARKER,) if spec.time_from else ()))
    return {
        "address": spec.name,
        "description": f"Written by {spec.producer}; read by {', '.join(spec.consumers) or 'observers'}; keyed by "
                       f"{spec.key}. Malformed messages go to {spec.dlq} (channel {_channel_id(spec)}_dlq)."
                       f"{sharing}{markers}",
        "messages": {name: {"$ref": f"#/components/messages/{name}"} for name in names},
        "bindings": {"kafka": {"topic": spec.name, "partitions": spec.partitions, "bindingVersion": "0.5.0"}},
    }


def _operations() -> dict:
    operations = {}
    for spec in TOPICS:
        channel = {"$ref": f"#/channels/{_channel_id(spec)}"}
        operations[f"{spec.producer}_sends_{_channel_id(spec)}"] = {"action": "send", "channel": channel}
        for consumer in spec.consumers:
            operations[f"{consumer}_receives_{_channel_id(spec)}"] = {"action": "receive", "channel": channel}
    return {name.replace("-", "_"): op for name, op in operations.items()}


def _message(name: str, version: int) -> dict:
    return {
        "name": name,
        "title": f"{name} v{version}",
        "contentType": CONTENT_TYPE,
        "headers": _headers(name, version),
        "payload": {"$ref": f"#/components/schemas/{name}.v{version}"},
        "bindings": {"kafka": {"key": _KEYS[topic_for_event(name).key], "bindingVersion": "0.5.0"}},
    }
