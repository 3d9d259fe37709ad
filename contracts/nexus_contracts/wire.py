"""The wire vocabulary: what a Kafka record carries beside its event value, declared once.

Every record has the headers of ``headers_for``; the simulator adds the run marker, and a
dead letter adds why and where from. None of it is part of any event, so none of it reaches
the outcome digest.
"""

from .envelope import Event

__all__ = [
    "BASE64_HEADERS",
    "CONTENT_TYPE",
    "DEAD_LETTER_CUT_HEADERS",
    "DEAD_LETTER_ORIGINAL_SHA256",
    "DEAD_LETTER_ORIGINAL_SIZE",
    "DEAD_LETTER_REASON",
    "DEAD_LETTER_SERVICE",
    "DEAD_LETTER_SOURCE_OFFSET",
    "DEAD_LETTER_SOURCE_PARTITION",
    "DEAD_LETTER_SOURCE_TOPIC",
    "DLQ_SUFFIX",
    "LOCAL_BOOTSTRAP",
    "RUN_HEADER",
    "TRACEPARENT",
    "TRACESTATE",
    "headers_for",
]

CONTENT_TYPE = "application/json"
# A header every record of one simulation run carries, and each service copies to what it produces.
# Dedupe is by (run, event id): a redelivery is skipped, while a re-run of the same scenario and seed
# (the very same event ids) against long-running services is handled afresh.
RUN_HEADER = "nexus.run"
# Malformed messages go to <topic> + DLQ_SUFFIX with their original bytes and headers, plus these.
DLQ_SUFFIX = ".dlq"
DEAD_LETTER_REASON = "nexus.dlq.reason"
DEAD_LETTER_SERVICE = "nexus.dlq.service"
DEAD_LETTER_SOURCE_TOPIC = "nexus.dlq.source_topic"
DEAD_LETTER_SOURCE_PARTITION = "nexus.dlq.source_partition"
DEAD_LETTER_SOURCE_OFFSET = "nexus.dlq.source_offset"
# A dead letter over the size limit keeps its headers and the start of its value, plus these: the size of the
# whole original value in bytes, its sha256 (hex), and the names of header values cut to fit (if any had to be).
DEAD_LETTER_ORIGINAL_SIZE = "nexus.dlq.original_size"
DEAD_LETTER_ORIGINAL_SHA256 = "nexus.dlq.original_sha256"
DEAD_LETTER_CUT_HEADERS = "nexus.dlq.cut_headers"
# Header values that arrived as non-UTF-8 bytes are kept base64-encoded; this header lists their names.
BASE64_HEADERS = "nexus.base64_headers"
# W3C trace context, set by the services' tracing (nexus_runtime/tracing.py) when traces are on.
TRACEPARENT = "traceparent"
TRACESTATE = "tracestate"
# The broker `make kafka-up` starts, and every client's default.
LOCAL_BOOTSTRAP = "127.0.0.1:9092"


def headers_for(event: Event) -> dict[str, str]:
    return {
        "event_type": event.event_type,
        "schema_version": str(event.schema_version),
        "content-type": CONTENT_TYPE,
        "synthetic": "true",
    }
