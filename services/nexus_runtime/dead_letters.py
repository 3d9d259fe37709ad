"""Dead-letter records: the original bytes and headers, plus why and where from; within the size limit."""

import hashlib

from nexus_contracts.catalogue import dlq_topic
from nexus_contracts.wire import (
    DEAD_LETTER_CUT_HEADERS,
    DEAD_LETTER_ORIGINAL_SHA256,
    DEAD_LETTER_ORIGINAL_SIZE,
    DEAD_LETTER_REASON,
    DEAD_LETTER_SERVICE,
    DEAD_LETTER_SOURCE_OFFSET,
    DEAD_LETTER_SOURCE_PARTITION,
    DEAD_LETTER_SOURCE_TOPIC,
)

from .records import Inbound, Record, record_size

__all__ = ["CUT_HEADER_CHARS", "KEPT_VALUE_BYTES", "MAX_REASON_CHARS", "dead_letter"]

MAX_REASON_CHARS = 1000
KEPT_VALUE_BYTES = 64 * 1024
"""How much of the value a dead letter over the size limit keeps (less if its headers leave less room)."""
CUT_HEADER_CHARS = 1024
"""How much of each header value a dead letter keeps when its headers alone would fill the size limit."""


def dead_letter(message: Inbound, reason: str, service: str, limit: int | None = None) -> Record:
    """``message`` for ``<topic>.dlq``; with ``limit`` (bytes), one that would be over it keeps its headers
    and the start of its value, with the whole value's size and sha256 in headers."""
    headers = dict(message.headers)
    headers[DEAD_LETTER_REASON] = reason[:MAX_REASON_CHARS]
    headers[DEAD_LETTER_SERVICE] = service
    headers[DEAD_LETTER_SOURCE_TOPIC] = message.topic
    if message.partition is not None:
        headers[DEAD_LETTER_SOURCE_PARTITION] = str(message.partition)
    if message.offset is not None:
        headers[DEAD_LETTER_SOURCE_OFFSET] = str(message.offset)
    letter = Record(dlq_topic(message.topic), message.key, message.value, headers)
    return letter if limit is None or record_size(letter) <= limit else _cut_to(letter, limit)


def _cut_to(letter: Record, limit: int) -> Record:
    value = letter.value or b""
    headers = {**letter.headers, DEAD_LETTER_ORIGINAL_SIZE: str(len(value)),
               DEAD_LETTER_ORIGINAL_SHA256: hashlib.sha256(value).hexdigest()}
    if record_size(Record(letter.topic, letter.key, b"", headers)) > limit // 2:
        cut = sorted(name for name, text in headers.items() if len(text) > CUT_HEADER_CHARS)
        headers = {name: text[:CUT_HEADER_CHARS] for name, text in headers.items()}
        headers[DEAD_LETTER_CUT_HEADERS] = ",".join(cut)[:CUT_HEADER_CHARS]
    room = limit - record_size(Record(letter.topic, letter.key, b"", headers))
    return Record(letter.topic, letter.key, value[:max(0, min(KEPT_VALUE_BYTES, room))], headers)
