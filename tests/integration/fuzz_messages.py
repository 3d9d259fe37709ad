"""Malformed messages for the fuzz test, from a seeded generator: each is a real record of a run, broken
one way (random bytes, truncated, nested too deep, a wrong type, a field missing, unknown type or
version, absurd times and numbers, strings over their bound, over the size limit, bad headers, a null
value, on the wrong topic, over a sharing boundary, or a second event with a seen id and other content).

Every message carries ``CASE_HEADER`` (its number) and ``KIND_HEADER``; ``dead`` says whether it must
reach a DLQ. Only the first copy of a reused id (kind ``original``) is valid, and must not.
"""

import json
import random
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from nexus_contracts.catalogue import TOPICS, topic
from nexus_contracts.wire import RUN_HEADER
from nexus_runtime.door import DEFAULT_MAX_MESSAGE_BYTES
from nexus_runtime.records import Record

__all__ = ["CASE_HEADER", "KIND_HEADER", "Fuzz", "INPUT_TOPICS", "fuzz_messages"]

CASE_HEADER = "nexus.fuzz.case"
KIND_HEADER = "nexus.fuzz.kind"
INPUT_TOPICS = tuple(spec.name for spec in TOPICS if spec.consumers)
ABSURD_TIMES = ("9999-12-31T23:59:59Z", 1362355200, "1362355200", "1970-01-01T00:00:00Z", "2150-01-01T00:00:00+00:00",
                "1999-12-31T23:59:59Z")
ABSURD_NUMBERS = {"custody_hours": 70_000_000, "immigration_detention_hours": 10_000, "custody_cost_gbp": 10**9,
                  "pace_reviews": 500, "birth_year": 3000, "prior_immigration_encounters": 10**6,
                  "waited_for_check_hours": 1e9, "minutes_to_status": -5, "referrals": 10**5, "etd_applications": -1}
ENVELOPE_FIELDS = ("event_id", "event_type", "schema_version", "occurred_at", "correlation_id", "producer", "force",
                   "custody_suite", "synthetic", "payload")


@dataclass(frozen=True)
class Fuzz:
    topic: str
    key: bytes | None
    value: bytes | None
    headers: tuple[tuple[str, bytes], ...]
    kind: str
    dead: bool = True


Breaker = Callable[[random.Random, Record], tuple[str, bytes | None, dict[str, bytes]] | None]
"""A way to break a record: (topic, value, headers), or None where it does not apply to this record."""


def fuzz_messages(bases: dict[str, list[Record]], run: str, count: int, seed: int = 11) -> Iterator[Fuzz]:
    """``count`` malformed messages (and the valid originals of reused ids) over every input topic, from
    ``bases`` (valid records of a run, by topic), marked with ``run`` as their run header."""
    rng = random.Random(seed)
    kinds = sorted(set(BREAKERS) - {"oversized"})
    made = 0
    while made < count:
        topic_name = INPUT_TOPICS[made % len(INPUT_TOPICS)]
        base = rng.choice(bases[topic_name])
        kind = "oversized" if made % 1000 == 999 else rng.choice(kinds)  # ten over the limit: each near 1 MB
        if kind == "duplicate_other_content":
            yield _message(base.topic, base.key, base.value, _headers(base, run), "original", made, dead=False)
        broken = BREAKERS[kind](rng, base)
        if broken is None:
            continue
        topic_name, value, headers = broken
        yield _message(topic_name, base.key, value, {**_headers(base, run), **headers}, kind, made)
        made += 1


def _message(topic_name: str, key, value, headers: dict[str, bytes], kind: str, n: int, dead: bool = True) -> Fuzz:
    tags = {CASE_HEADER: f"{n}{'' if dead else '-original'}".encode(), KIND_HEADER: kind.encode()}
    return Fuzz(topic_name, key, value, tuple({**headers, **tags}.items()), kind, dead)


def _headers(base: Record, run: str) -> dict[str, bytes]:
    return {**{name: value.encode() for name, value in base.headers.items()}, RUN_HEADER: run.encode()}


def _edit(base: Record, change: Callable[[dict], None]) -> bytes:
    data = json.loads(base.value)
    change(data)
    return json.dumps(data).encode()


def _leaves(node, path=()) -> list[tuple]:
    if isinstance(node, dict) and node:
        return [leaf for name, value in node.items() for leaf in _leaves(value, (*path, name))]
    return [path]


def _set(data: dict, path: tuple, value) -> None:
    for name in path[:-1]:
        data = data[name]
    data[path[-1]] = value


def _random_bytes(rng, base):
    return base.topic, rng.randbytes(rng.randint(0, 400)), {}


def _truncated(rng, base):
    return base.topic, base.value[:rng.randint(0, len(base.value) - 2)], {}


def _deep_nesting(rng, base):
    depth = rng.choice((13, 50, 1_000, 20_000))
    nested = b"[" * depth + b"]" * depth
    if rng.random() < 0.5:
        return base.topic, nested, {}
    return base.topic, base.value.replace(b'"payload":{', b'"payload":{"nested":' + nested + b",", 1), {}


def _not_an_object(rng, base):
    return base.topic, rng.choice((b"[]", b'"ArrestMade"', b"42", b"null", b"true", b"")), {}


def _wrong_type(rng, base):
    path = rng.choice(_leaves(json.loads(base.value)))
    return base.topic, _edit(base, lambda d: _set(d, path, {"wrong": rng.choice((1, "x", [], None))})), {}


def _missing_field(rng, base):
    name = rng.choice(ENVELOPE_FIELDS)
    return base.topic, _edit(base, lambda d: d.pop(name)), {}


def _unknown_type(rng, base):
    name = rng.choice(("ArrestUnmade", "", "bookingopened", "X" * 40, "ReferralCreated2"))
    return base.topic, _edit(base, lambda d: d.update(event_type=name)), {}


def _unknown_version(rng, base):
    version = rng.choice((0, 99, -1, "1", 1.5, None))
    return base.topic, _edit(base, lambda d: d.update(schema_version=version)), {}


def _absurd_time(rng, base):
    return base.topic, _edit(base, lambda d: d.update(occurred_at=rng.choice(ABSURD_TIMES))), {}


def _absurd_number(rng, base):
    paths = [p for p in _leaves(json.loads(base.value)) if p[-1] in ABSURD_NUMBERS]
    if not paths:
        return None
    path = rng.choice(paths)
    return base.topic, _edit(base, lambda d: _set(d, path, ABSURD_NUMBERS[path[-1]])), {}


def _before_the_booking(rng, base):
    data = json.loads(base.value)
    if "case" not in data["payload"]:
        return None
    return base.topic, _edit(base, lambda d: d.update(occurred_at="2001-02-03T04:05:06Z")), {}


def _long_string(rng, base):
    field = rng.choice(("custody_suite", "force", "correlation_id", "event_type"))
    text = "S" * rng.choice((65, 1_000, 100_000))
    return base.topic, _edit(base, lambda d: d.update({field: text})), {}


def _oversized(rng, base):
    padding = "p" * (DEFAULT_MAX_MESSAGE_BYTES + rng.randint(1, 60_000))
    return base.topic, _edit(base, lambda d: d["payload"].update(padding=padding)), {}


def _bad_header(rng, base):
    headers = rng.choice(({"event_type": b"BookingOpened" if b"ArrestMade" in base.value else b"ArrestMade"},
                          {"synthetic": b"false"}, {"content-type": b"text/plain"}, {"event_type": b"\xff\xfe\x00"},
                          {"nexus.watermark": b"not a time", "nexus.watermark.origin": b"x"},
                          {"nexus.watermark": b"2013-03-04T00:00:00+00:00"}))
    return base.topic, base.value, headers


def _null_value(rng, base):
    return base.topic, None, {}


def _duplicate_other_content(rng, base):
    return base.topic, _edit(base, lambda d: d.update(causation_id=str(uuid.UUID(int=rng.getrandbits(128))))), {}


def _wrong_topic(rng, base):
    home = base.topic
    return rng.choice([name for name in INPUT_TOPICS if name != home]), base.value, {}


def _over_the_boundary(rng, base):
    if topic(base.topic).boundary is None:
        return None
    data = json.loads(base.value)
    if "case" in data["payload"] and rng.random() < 0.5:
        return base.topic, _edit(base, lambda d: d["payload"]["case"]["offence"].update(
            victim_witness_details="SYN-V statement (synthetic)")), {}
    return base.topic, _edit(base, lambda d: d["payload"].update(home_address="SYN-ADDR")), {}


BREAKERS: dict[str, Breaker] = {
    "random_bytes": _random_bytes, "truncated": _truncated, "deep_nesting": _deep_nesting,
    "not_an_object": _not_an_object, "wrong_type": _wrong_type, "missing_field": _missing_field,
    "unknown_type": _unknown_type, "unknown_version": _unknown_version, "absurd_time": _absurd_time,
    "absurd_number": _absurd_number, "before_the_booking": _before_the_booking, "long_string": _long_string,
    "oversized": _oversized, "bad_header": _bad_header, "null_value": _null_value,
    "duplicate_other_content": _duplicate_other_content, "wrong_topic": _wrong_topic,
    "over_the_boundary": _over_the_boundary,
}
