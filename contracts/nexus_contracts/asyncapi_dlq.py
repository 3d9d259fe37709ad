"""The dead-letter part of the AsyncAPI document: a channel per ``<topic>.dlq``, the message a
consumer writes there, and which service writes to which (every consumer of the source topic)."""

from collections.abc import Callable

from .catalogue import TOPICS, TopicSpec
from .wire import (
    BASE64_HEADERS,
    DEAD_LETTER_CUT_HEADERS,
    DEAD_LETTER_ORIGINAL_SHA256,
    DEAD_LETTER_ORIGINAL_SIZE,
    DEAD_LETTER_REASON,
    DEAD_LETTER_SERVICE,
    DEAD_LETTER_SOURCE_OFFSET,
    DEAD_LETTER_SOURCE_PARTITION,
    DEAD_LETTER_SOURCE_TOPIC,
    RUN_HEADER,
)

__all__ = ["DEAD_LETTER", "dead_letter_channel", "dead_letter_message", "dead_letter_operations"]

DEAD_LETTER = "DeadLetter"


def dead_letter_message() -> dict:
    return {
        "name": DEAD_LETTER,
        "title": "Dead letter (a message its consumer refused)",
        "summary": "The original key, value and headers of a message its consumer refused, plus why and where from.",
        "description": "Written by the consuming service when it cannot take a message, whatever the reason: over "
                       "the size limit, a null value, not JSON, nested too deep, a wrong field type or enum value, "
                       "out of the contract's bounds or implausible, a field the topic's sharing agreement does not "
                       "allow, an unknown event type or schema version, an event on a topic that does not carry it, "
                       "headers that contradict it, an id already seen with other content, a handler that failed, "
                       "or an output that would be over the size limit. The consumer carries on. Headers are the "
                       "original ones as text, plus the nexus.dlq.* headers; a repeated name keeps its last value. "
                       "A dead letter over the size limit keeps the start of its value, with the whole value's size "
                       "and sha256.",
        "headers": {
            "type": "object",
            "required": [DEAD_LETTER_REASON, DEAD_LETTER_SERVICE, DEAD_LETTER_SOURCE_TOPIC],
            "properties": {
                DEAD_LETTER_REASON: {"type": "string", "minLength": 1,
                                     "description": "One line: what is wrong, naming the field, e.g. "
                                                    "\"IabsSearchCompleted: field 'payload.outcome': ...\"."},
                DEAD_LETTER_SERVICE: {"type": "string", "description": "The service that refused it (the consumer)."},
                DEAD_LETTER_SOURCE_TOPIC: {"type": "string", "description": "The topic it was read from."},
                DEAD_LETTER_SOURCE_PARTITION: {"type": "string", "pattern": "^[0-9]+$",
                                               "description": "Its partition there (absent in memory)."},
                DEAD_LETTER_SOURCE_OFFSET: {"type": "string", "pattern": "^[0-9]+$",
                                            "description": "Its offset there (absent in memory)."},
                BASE64_HEADERS: {"type": "string", "description": "Comma-separated names of original headers whose "
                                 "values were not UTF-8 and are kept base64-encoded."},
                RUN_HEADER: {"type": "string", "description": "The original record's run marker, when it had one."},
                DEAD_LETTER_ORIGINAL_SIZE: {"type": "string", "pattern": "^[0-9]+$", "description":
                                            "Bytes of the whole original value, when the value kept is cut."},
                DEAD_LETTER_ORIGINAL_SHA256: {"type": "string", "pattern": "^[0-9a-f]{64}$", "description":
                                              "sha256 (hex) of the whole original value, when the value kept is cut."},
                DEAD_LETTER_CUT_HEADERS: {"type": "string", "description": "Comma-separated names of header values "
                                          "cut to 1,024 characters to fit the size limit."},
            },
        },
        "payload": {"description": "The original value, byte for byte (or its start, when cut; null when it was "
                               "null); it may not be JSON at all."},
        "bindings": {"kafka": {"key": {"type": "string", "description": "The original key, unchanged."},
                               "bindingVersion": "0.5.0"}},
    }


def dead_letter_channel(spec: TopicSpec) -> dict:
    return {
        "address": spec.dlq,
        "description": f"Dead letters of {spec.name}, written by {', '.join(spec.consumers) or 'its consumers'}.",
        "messages": {DEAD_LETTER: {"$ref": f"#/components/messages/{DEAD_LETTER}"}},
        "bindings": {"kafka": {"topic": spec.dlq, "bindingVersion": "0.5.0"}},
    }


def dead_letter_operations(channel_id: Callable[[TopicSpec], str]) -> dict:
    """Every consumer of a topic may send to its DLQ."""
    return {f"{consumer}_dead_letters_{channel_id(spec)}".replace("-", "_"): {
        "action": "send", "channel": {"$ref": f"#/channels/{channel_id(spec)}_dlq"}}
        for spec in TOPICS for consumer in spec.consumers}
