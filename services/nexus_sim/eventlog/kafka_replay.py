"""Replay a log on a real Kafka: its input records go to the brokers, the four services run
as processes, and everything the topics then hold is recorded, as `replay_in_memory` does."""

from collections.abc import Sequence

from rich.console import Console

from nexus_contracts import ContractError, decode_event
from nexus_runtime.records import Record

from ..kafka_local.acls import REPLAY
from ..run.on_kafka import run_records_on_kafka
from ..run.result import RunResult
from .format import LogEntry
from .io import EventLog
from .replay import DEFAULT_INPUTS, record_batches, run_of

__all__ = ["replay_on_kafka"]


def replay_on_kafka(log: EventLog, inputs: Sequence[str] = DEFAULT_INPUTS, *, bootstrap: str, spawn: bool = True,
                    console: Console | None = None) -> RunResult:
    run = run_of(log)
    records = [record for batch in record_batches(log, inputs) for record in batch]
    produced: list[LogEntry] = []
    result = run_records_on_kafka(
        records, run, bootstrap, journeys=_arrests_in(records), principal=REPLAY,
        spawn=spawn, console=console, observers=(lambda raw: produced.append(LogEntry.of_consumer_record(raw)),),
    )
    result.entries = produced
    return result


def _arrests_in(records: Sequence[Record]) -> int | None:
    """Journeys to wait for: one per valid arrest fed; None (wait until quiet) if none are arrests."""
    count = 0
    for record in records:
        try:
            count += decode_event(record.value).event_type == "ArrestMade"
        except ContractError:
            continue
    return count or None

