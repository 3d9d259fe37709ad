"""Dead-letter records: the original bytes and headers, plus why and where from."""

from .records import Inbound, Record
from nexus_contracts.catalogue import dlq_topic

__all__ = ["REASON_HEADER", "SOURCE_TOPIC_HEADER", "dead_letter"]

REASON_HEADER = "nexus.dlq.reason"
SOURCE_TOPIC_HEADER = "nexus.dlq.source_topic"


def dead_letter(message: Inbound, reason: str, service: str) -> Record:
    headers = dict(message.headers)
    headers[REASON_HEADER] = reason
    headers["nexus.dlq.service"] = service
    headers[SOURCE_TOPIC_HEADER] = message.topic
    if message.partition is not None:
        headers["nexus.dlq.source_partition"] = str(message.partition)
    if message.offset is not None:
        headers["nexus.dlq.source_offset"] = str(message.offset)
    return Record(dlq_topic(message.topic), message.key, message.value, headers)
