"""An AsyncAPI 3.0 document of the flow, built from the topic catalogue and the JSON Schemas:
every topic a channel (address, partitions, key), every event type a message, every service's
sends and receives an operation. Written to nexus_contracts/schema_files/asyncapi.json by `make schemas`."""

from .catalogue import TOPICS, TopicSpec
from .registry import PAYLOAD_TYPES
from .watermarks import ORIGIN_HEADER, WATERMARK_HEADER
from .wire import CONTENT_TYPE, LOCAL_BOOTSTRAP, RUN_HEADER, TRACEPARENT, TRACESTATE

__all__ = ["asyncapi_document"]

_KEY = {"type": "string", "description": "Custody suite id: all events of a suite share a partition, in order."}
_TRACE_CONTEXT = {
    TRACEPARENT: {"type": "string", "description": "W3C trace context of the span that sent it (services with "
                  "traces on); a journey is one trace. Transport metadata, never part of an event."},
    TRACESTATE: {"type": "string", "description": "W3C vendor trace state, when a tracer sets one."},
}
_HEADERS = {
    "type": "object",
    "properties": {
        "event_type": {"type": "string", "description": "Payload type name, as in the value."},
        "schema_version": {"type": "string", "description": "Payload schema version, as in the value."},
        "content-type": {"type": "string", "const": CONTENT_TYPE},
        "synthetic": {"type": "string", "const": "true"},
        RUN_HEADER: {"type": "string", "description": "Run marker set by the simulator; copy it to what you send."},
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


def asyncapi_document(version: str) -> dict:
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "Nexus Flow",
            "version": version,
            "description": "Police custody and Home Office message flow (Operation Nexus model). Synthetic data "
                           "only. Values are UTF-8 JSON event envelopes; the key is the custody suite id.",
        },
        "defaultContentType": CONTENT_TYPE,
        "servers": {"local": {"host": LOCAL_BOOTSTRAP, "protocol": "kafka", "description": "`make kafka-up`"}},
        "channels": {_channel_id(spec): _channel(spec) for spec in TOPICS},
        "operations": _operations(),
        "components": {"messages": {**{name: _message(name, cls.VERSION) for name, cls in PAYLOAD_TYPES.items()},
                                    MARKER: _MARKER}},
    }


def _channel_id(spec: TopicSpec) -> str:
    return spec.name.replace(".", "_").replace("-", "_")


def _channel(spec: TopicSpec) -> dict:
    sharing = f" Crosses {spec.boundary.from_party} -> {spec.boundary.to_party}." if spec.boundary else ""
    markers = f" Carries time-progress markers forwarded from {spec.time_from}." if spec.time_from else ""
    names = (*spec.event_types, *((MARKER,) if spec.time_from else ()))
    return {
        "address": spec.name,
        "description": f"Written by {spec.producer}; read by {', '.join(spec.consumers) or 'observers'}; keyed by "
                       f"{spec.key}. Malformed messages go to {spec.dlq}.{sharing}{markers}",
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
        "headers": _HEADERS,
        "payload": {"$ref": f"{name}.v{version}.json"},
        "bindings": {"kafka": {"key": _KEY, "bindingVersion": "0.5.0"}},
    }
