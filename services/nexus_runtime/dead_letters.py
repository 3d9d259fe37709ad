"""Dead-letter records: the original bytes and headers, plus why and where from."""

from nexus_contracts.catalogue import dlq_topic
from nexus_contracts.wire import (
    DEAD_LETTER_REASON,
    DEAD_LETTER_SERVICE,
    DEAD_LETTER_SOURCE_OFFSET,
    DEAD_LETTER_SOURCE_PARTITION,
    DEAD_LETTER_SOURCE_TOPIC,
)

from .records import Inbound, Record

__all__ = ["dead_letter"]


def dead_letter(message: Inbound, reason: str, service: str) -> Record:
    headers = dict(message.headers)
    headers[DEAD_LETTER_REASON] = reason
    headers[DEAD_LETTER_SERVICE] = service
    headers[DEAD_LETTER_SOURCE_TOPIC] = message.topic
    if message.partition is not None:
        headers[DEAD_LETTER_SOURCE_PARTITION] = str(message.partition)
    if message.offset is not None:
        headers[DEAD_LETTER_SOURCE_OFFSET] = str(message.offset)
    return Record(dlq_topic(message.topic), message.key, message.value, headers)
