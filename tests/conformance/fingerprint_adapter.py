"""An outside fingerprint_match (the Home Office IABS search), written with confluent-kafka (librdkafka).

It shows what an integration engineer builds from the published contracts alone: the JSON Schemas
(``contracts/nexus_contracts/schema_files/``), the topic catalogue and the README's rules. It does not
import the project's runtime, its services, nor even ``nexus_contracts``: only the standard library and
confluent-kafka. ``nexus verify fingerprint_match`` checks it (tests/conformance/test_adapter.py).

    python tests/conformance/fingerprint_adapter.py --bootstrap 127.0.0.1:9092 --group my-iabs [--break VARIANT]

What it does, rule by rule:

- consumes ``nexus.custody.bookings``; for each ``BookingOpened`` it sends one ``IabsSearchCompleted``
  to ``nexus.iabs.results`` keyed by the custody suite (``BookingClosed`` is not for it);
- headers ``event_type``, ``schema_version``, ``content-type: application/json``, ``synthetic: true``,
  and ``nexus.run`` copied from the record it answers;
- envelope: ``event_id = uuid5(cause_event_id, "IabsSearchCompleted:0")`` (the id rule of the contracts),
  ``causation_id`` = the booking's ``event_id``; ``correlation_id``, ``force``, ``custody_suite`` copied;
  ``occurred_at`` = the booking's ``occurred_at`` + the search's duration (event time, never wall time);
  ``producer`` = ``home-office-iabs``; payload = the booking's ``case`` carried on, and the ``iabs`` summary;
- time-progress markers (records with a ``nexus.watermark`` header, no key, empty value): per input
  partition (and run) it keeps the latest time per origin (``nexus.custody.arrests/<p>``, p = 0..5);
  when their minimum rises it flushes what it produced so far, then sends a marker with that time and
  origin ``nexus.custody.bookings/<partition>`` to every partition of ``nexus.iabs.results``;
- at least once, nothing lost: produce, flush (every delivery acknowledged, ``acks=all``, idempotent),
  then commit; never commit past a marker taken in but not yet covered by a forwarded one;
- a new group starts at the current end of the topic (it commits the end offsets before joining);
  it prints ``adapter ready`` once it has its partitions; SIGTERM or SIGINT stops it cleanly.

Its decisions (match or not, the search's duration, the reference) are its own, drawn from the booking's
event id, so they are repeatable; they do not follow the reference service's model, nor need to:
``nexus verify`` checks the contract and the flow's rules, not the digest.

``--break VARIANT`` makes it wrong on purpose, for the conformance tests: ``missing-field`` (no
``iabs.outcome``), ``wrong-enum`` (``iabs.outcome`` not in the enum), ``wrong-key`` (every event keyed
``WRONG-KEY``), ``no-run-header`` (``nexus.run`` not copied), ``no-reply`` (consumes, sends nothing).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import signal
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from confluent_kafka import OFFSET_INVALID, Consumer, KafkaError, KafkaException, Producer, TopicPartition

INPUT_TOPIC = "nexus.custody.bookings"
OUTPUT_TOPIC = "nexus.iabs.results"
UPSTREAM_TOPIC = "nexus.custody.arrests"  # where the markers on the bookings topic come from
PARTITIONS = 6  # of every topic, per the catalogue

IN_TYPE, OUT_TYPE, OUT_VERSION = "BookingOpened", "IabsSearchCompleted", 1
PRODUCER_SYSTEM = "home-office-iabs"
RUN_HEADER = "nexus.run"
WATERMARK_HEADER, ORIGIN_HEADER, END = "nexus.watermark", "nexus.watermark.origin", "end"
END_OF_TIME = datetime.max.replace(tzinfo=UTC)

VARIANTS = ("missing-field", "wrong-enum", "wrong-key", "no-run-header", "no-reply")


def log(message: str) -> None:
    print(f"fingerprint_adapter: {message}", file=sys.stderr, flush=True)


# ---- the contract's rules ---------------------------------------------------------------------------------

def derived_id(cause: str, event_type: str, index: int = 0) -> str:
    """The contracts' id rule: the index-th event of a type caused by an event is uuid5(cause id, "Type:index")."""
    return str(uuid.uuid5(uuid.UUID(cause), f"{event_type}:{index}"))


def parse_time(text: str) -> datetime:
    at = datetime.fromisoformat(text)
    if at.tzinfo is None:
        raise ValueError(f"time {text!r} has no time zone")
    return at


def format_time(at: datetime) -> str:
    """RFC 3339 in UTC, as the reference services write it: 2013-03-04T00:46:04.689982Z."""
    return at.astimezone(UTC).isoformat().replace("+00:00", "Z")


# ---- this adapter's own decisions (not the reference model) ----------------------------------------------

FOREIGN_RECORDS = ("PL", "RO", "AL", "NG", "IN", "PK", "BR")


def search(booking: dict) -> tuple[float, dict]:
    """(search minutes, IABS summary without searched_at) for a booking: a repeatable draw from its event id."""
    rng = random.Random(hashlib.sha256(f"iabs:{booking['event_id']}".encode()).digest())
    minutes = 5 + rng.lognormvariate(2.7, 0.5)  # about 20 minutes, a long tail
    claimed = booking["payload"]["case"]["detainee"]["claimed_nationality"]
    summary = {"outcome": "no_match", "home_office_reference": None, "record_nationality": None,
               "discrepancy": None, "prior_immigration_encounters": 0}
    if rng.random() < 0.03:
        summary["outcome"] = "unusable_prints"
    elif claimed == "GB":
        if rng.random() < 0.02:
            held = rng.choice(FOREIGN_RECORDS)
            summary |= _match(rng, held, "claims_british_held_foreign")
    elif rng.random() < 0.45:
        if rng.random() < 0.05:
            summary |= _match(rng, rng.choice([c for c in FOREIGN_RECORDS if c != claimed]), "different_nationality")
        else:
            summary |= _match(rng, claimed, None)
    return minutes, summary


def _match(rng: random.Random, nationality: str, discrepancy: str | None) -> dict:
    return {"outcome": "match", "home_office_reference": f"HO-{rng.getrandbits(40):010X}",
            "record_nationality": nationality, "discrepancy": discrepancy,
            "prior_immigration_encounters": min(6, int(rng.expovariate(0.9)))}


def answer(booking: dict, broken: str | None) -> dict:
    """The IabsSearchCompleted envelope answering a BookingOpened envelope."""
    minutes, summary = search(booking)
    answered_at = parse_time(booking["occurred_at"]) + timedelta(minutes=minutes)
    iabs = {"outcome": summary.pop("outcome"), "searched_at": format_time(answered_at), **summary}
    if broken == "missing-field":
        del iabs["outcome"]
    elif broken == "wrong-enum":
        iabs["outcome"] = "probably_a_match"
    return {
        "event_id": derived_id(booking["event_id"], OUT_TYPE, 0),
        "event_type": OUT_TYPE,
        "schema_version": OUT_VERSION,
        "occurred_at": format_time(answered_at),
        "correlation_id": booking["correlation_id"],
        "causation_id": booking["event_id"],
        "producer": PRODUCER_SYSTEM,
        "force": booking["force"],
        "custody_suite": booking["custody_suite"],
        "synthetic": True,
        "payload": {"case": booking["payload"]["case"], "iabs": iabs},
    }


# ---- time-progress markers ---------------------------------------------------------------------------------

@dataclass
class Clock:
    """The low watermark of one input partition (of one run): the least time every origin has passed."""

    passed: dict[str, datetime] = field(default_factory=dict)
    low: datetime | None = None
    pending: list[tuple[int, datetime]] = field(default_factory=list)
    """(offset, time) of markers taken in but not yet covered by a forwarded low: not committable past."""

    ORIGINS = frozenset(f"{UPSTREAM_TOPIC}/{p}" for p in range(PARTITIONS))

    def advance(self, origin: str, at: datetime, offset: int) -> datetime | None:
        """Take a marker; the new low watermark if it rose, else None."""
        if origin not in self.ORIGINS:
            raise ValueError(f"marker from unexpected origin {origin!r}")
        if origin in self.passed and at <= self.passed[origin]:
            return None
        self.passed[origin] = at
        self.pending.append((offset, at))
        if len(self.passed) < len(self.ORIGINS):
            return None
        low = min(self.passed.values())
        if self.low is not None and low <= self.low:
            return None
        self.low = low
        self.pending = [(o, t) for o, t in self.pending if t > low]
        return low


# ---- the Kafka loop -----------------------------------------------------------------------------------------

class Adapter:
    def __init__(self, bootstrap: str, group: str, broken: str | None, group_protocol: str = "classic") -> None:
        self.broken = broken
        self.running = True
        self.assigned = False
        self.consumer = Consumer({
            "bootstrap.servers": bootstrap,
            "group.id": group,
            "group.protocol": group_protocol,  # classic, or KIP-848's consumer protocol
            "enable.auto.commit": False,
            "auto.offset.reset": "latest",
            "isolation.level": "read_committed",
        })
        self.producer = Producer({
            "bootstrap.servers": bootstrap,
            "acks": "all",
            "enable.idempotence": True,
            "linger.ms": 5,
            # The same partition for a key as the Java client and the reference services (murmur2).
            "partitioner": "murmur2_random",
        })
        self.clocks: dict[tuple[str, int], Clock] = {}  # (run, input partition) -> clock
        self.seen: set[tuple[str, str]] = set()  # (run, event id) answered: a redelivery is not answered twice
        self.failed: list[str] = []

    # -- starting at the end

    def start_at_end(self) -> None:
        """A group that never committed starts at the topic's current end: commit the end offsets first."""
        partitions = [TopicPartition(INPUT_TOPIC, p) for p in range(PARTITIONS)]
        committed = self._retrying(lambda: self.consumer.committed(partitions, timeout=30))
        fresh = []
        for tp in committed:
            if tp.offset == OFFSET_INVALID or tp.offset < 0:
                _, high = self.consumer.get_watermark_offsets(TopicPartition(INPUT_TOPIC, tp.partition), timeout=30)
                fresh.append(TopicPartition(INPUT_TOPIC, tp.partition, high))
        if fresh:
            self._retrying(lambda: self.consumer.commit(offsets=fresh, asynchronous=False))

    @staticmethod
    def _retrying(call, attempts: int = 30):
        """Retry what the broker calls retriable (a coordinator still being elected on a new broker)."""
        for attempt in range(attempts):
            try:
                return call()
            except KafkaException as exc:
                error = exc.args[0]
                coordinator = error.code() in (KafkaError.NOT_COORDINATOR, KafkaError.COORDINATOR_LOAD_IN_PROGRESS,
                                               KafkaError.COORDINATOR_NOT_AVAILABLE)
                if attempt == attempts - 1 or not (coordinator or error.retriable()):
                    raise
                time.sleep(1)  # a client's back-off between retries, not a stand-in for synchronisation

    def on_assign(self, consumer: Consumer, partitions: list[TopicPartition]) -> None:
        self.assigned = True
        log(f"assigned {[tp.partition for tp in partitions]}")

    def on_revoke(self, consumer: Consumer, partitions: list[TopicPartition]) -> None:
        for tp in partitions:
            for key in [k for k in self.clocks if k[1] == tp.partition]:
                del self.clocks[key]

    # -- producing

    def delivered(self, err: KafkaError | None, msg) -> None:
        if err is not None:
            self.failed.append(f"{msg.topic()}: {err}")

    def send(self, value: bytes, key: bytes | None, headers: list[tuple[str, bytes]], partition: int | None = None,
             timestamp_ms: int | None = None) -> None:
        kwargs = {"partition": partition} if partition is not None else {}
        if timestamp_ms is not None:
            kwargs["timestamp"] = timestamp_ms
        while True:
            try:
                self.producer.produce(OUTPUT_TOPIC, value=value, key=key, headers=headers,
                                      on_delivery=self.delivered, **kwargs)
                return
            except BufferError:
                self.producer.poll(0.1)

    def flush(self) -> None:
        """Wait until every record sent so far is acknowledged by the brokers; fail if one was not."""
        remaining = self.producer.flush(60)
        if remaining or self.failed:
            raise RuntimeError(f"outputs not delivered ({remaining} outstanding): {self.failed[:3]}")

    # -- handling

    def handle_booking(self, msg, headers: dict[str, str]) -> None:
        try:
            event = json.loads(msg.value())
            event_type = event["event_type"]
        except (ValueError, TypeError, KeyError) as exc:
            log(f"skipping unreadable record {msg.partition()}@{msg.offset()}: {exc}")
            return
        if event_type != IN_TYPE or headers.get("event_type", event_type) != IN_TYPE:
            return  # BookingClosed, or anything else: not ours to answer
        run = headers.get(RUN_HEADER, "")
        if (run, event["event_id"]) in self.seen:
            return
        self.seen.add((run, event["event_id"]))
        if self.broken == "no-reply":
            return
        out = answer(event, self.broken)
        out_headers = [("event_type", OUT_TYPE.encode()), ("schema_version", str(OUT_VERSION).encode()),
                       ("content-type", b"application/json"), ("synthetic", b"true")]
        if run and self.broken != "no-run-header":
            out_headers.append((RUN_HEADER, run.encode()))
        key = b"WRONG-KEY" if self.broken == "wrong-key" else out["custody_suite"].encode()
        at_ms = int(parse_time(out["occurred_at"]).timestamp() * 1000)
        self.send(json.dumps(out, separators=(",", ":")).encode(), key, out_headers, timestamp_ms=at_ms)

    def handle_marker(self, msg, headers: dict[str, str]) -> None:
        origin, text = headers.get(ORIGIN_HEADER, ""), headers[WATERMARK_HEADER]
        try:
            at = END_OF_TIME if text == END else parse_time(text)
            run = headers.get(RUN_HEADER, "")
            low = self.clocks.setdefault((run, msg.partition()), Clock()).advance(origin, at, msg.offset())
        except ValueError as exc:
            log(f"skipping malformed marker {msg.partition()}@{msg.offset()}: {exc}")
            return
        if low is None or self.broken == "no-reply":
            return
        self.flush()  # the outputs of every record before the marker go first
        out_headers = [(WATERMARK_HEADER, (END if low == END_OF_TIME else low.isoformat()).encode()),
                       (ORIGIN_HEADER, f"{INPUT_TOPIC}/{msg.partition()}".encode())]
        if run and self.broken != "no-run-header":
            out_headers.append((RUN_HEADER, run.encode()))
        for p in range(PARTITIONS):
            self.send(b"", None, out_headers, partition=p)  # markers have no key

    def committable(self, partition: int, offset: int) -> int:
        pending = [at for (_, p), clock in self.clocks.items() if p == partition for at, _ in clock.pending]
        return min([offset + 1, *pending])

    def run(self) -> None:
        self.start_at_end()
        self.consumer.subscribe([INPUT_TOPIC], on_assign=self.on_assign, on_revoke=self.on_revoke)
        announced = False
        while self.running:
            batch = self.consumer.consume(num_messages=200, timeout=0.5)
            if self.assigned and not announced:
                announced = True
                print("adapter ready", flush=True)
            if not batch:
                continue
            done: dict[int, int] = {}
            for msg in batch:
                if msg.error():
                    if msg.error().code() != KafkaError._PARTITION_EOF:
                        log(f"consumer error: {msg.error()}")
                    continue
                headers = {k: (v or b"").decode("utf-8", "replace") for k, v in (msg.headers() or [])}
                if WATERMARK_HEADER in headers:
                    self.handle_marker(msg, headers)
                else:
                    self.handle_booking(msg, headers)
                done[msg.partition()] = msg.offset()
            self.flush()  # delivered, then committed: nothing lost on a crash, at worst answered twice
            offsets = [TopicPartition(INPUT_TOPIC, p, self.committable(p, o)) for p, o in done.items()]
            try:
                self.consumer.commit(offsets=offsets, asynchronous=False)
            except KafkaException as exc:  # a rebalance took the partition: its new owner redoes the rest
                log(f"commit failed: {exc}")
        self.flush()
        self.consumer.close()
        log("stopped")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="An outside fingerprint_match written with confluent-kafka.")
    parser.add_argument("--bootstrap", default="127.0.0.1:9092", help="Kafka bootstrap servers")
    parser.add_argument("--group", required=True, help="consumer group id (a new one starts at the topic's end)")
    parser.add_argument("--group-protocol", choices=("classic", "consumer"), default="classic",
                        help="the consumer group protocol: classic, or KIP-848's consumer")
    parser.add_argument("--break", dest="broken", choices=VARIANTS, default=None,
                        help="break one rule on purpose (conformance tests)")
    args = parser.parse_args(argv)
    adapter = Adapter(args.bootstrap, args.group, args.broken, args.group_protocol)

    def stop(signum, frame) -> None:
        adapter.running = False

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    log(f"consuming {INPUT_TOPIC} as group {args.group}" + (f", broken: {args.broken}" if args.broken else ""))
    adapter.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
