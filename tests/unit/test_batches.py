"""A poll's records as one batch: what is skipped unread, what is committed, and the clocks that travel
as offset metadata so a restarted instance forwards the same markers."""

import json
from datetime import UTC, datetime
from types import SimpleNamespace


from nexus_contracts.catalogue import ARRESTS, BOOKINGS
from nexus_contracts.watermarks import DRIVER_ORIGIN, Marker, marker_headers
from nexus_contracts.wire import RUN_HEADER
from nexus_runtime.batches import BatchHandler
from nexus_runtime.metrics import ServiceMetrics
from nexus_runtime.processing import to_record
from nexus_runtime.settings import KafkaSettings
from nexus_runtime.stage_store import METADATA_LIMIT, StageStore
from nexus_sim.run.arrests import arrests_on
from nexus_sim.run.wiring import SERVICES


def raw(topic: str, offset: int, value: bytes, headers: dict[str, str], key: bytes | None = b"MET-CX", partition=0):
    """A consumed record as aiokafka gives it."""
    return SimpleNamespace(topic=topic, partition=partition, offset=offset, key=key, value=value,
                           headers=tuple((k, v.encode()) for k, v in headers.items()))


def handler_for(service: str, scenario, only_run: str = "") -> tuple[BatchHandler, StageStore]:
    processor = SERVICES[service].build_processor(scenario, 1)
    store = StageStore(processor, KafkaSettings(bootstrap_servers="unused:9092"), f"test.{service}", set())
    return BatchHandler(processor, store, ServiceMetrics(service, processor.stages), only_run=only_run), store


async def handle(batches: BatchHandler, raws):
    return await batches.handle(raws, lambda topic, partition: None, durable=False)


async def test_an_event_type_the_service_ignores_is_still_checked_at_the_door(small_scenario):
    """fingerprint_match does nothing with BookingClosed, but a malformed one is still refused (no message
    passes a consumer unchecked), and the batch commits past it."""
    booking, _ = handler_for("fingerprint_match", small_scenario)
    closed = raw(BOOKINGS.name, 7, b"{not even json", {"event_type": "BookingClosed", RUN_HEADER: "r"})
    batch = await handle(booking, [closed])
    assert [r.topic for r in batch.records] == [BOOKINGS.dlq]
    assert (batch.handled, batch.skipped) == (1, 0)
    assert [(tp.topic, tp.partition, meta.offset) for tp, meta in batch.offsets.items()] == [(BOOKINGS.name, 0, 8)]


async def test_a_service_serving_one_run_skips_another_runs_records_unread(small_scenario):
    arrest = to_record(arrests_on(small_scenario, 1, small_scenario.start_date)[0])
    custody, _ = handler_for("custody_booking", small_scenario, only_run="mine")
    theirs = raw(ARRESTS.name, 0, b"{not even json", {**arrest.headers, RUN_HEADER: "theirs"})  # not dead-lettered
    mine = raw(ARRESTS.name, 1, arrest.value, {**arrest.headers, RUN_HEADER: "mine"})
    batch = await handle(custody, [theirs, mine])
    assert (batch.handled, batch.skipped) == (1, 1)
    assert [r.topic for r in batch.records] == [BOOKINGS.name]
    assert batch.records[0].headers[RUN_HEADER] == "mine"


def marker(topic: str, offset: int, origin: str, at: datetime, run: str = "r", partition: int = 0):
    return raw(topic, offset, b"", {**marker_headers(Marker(origin, at)), RUN_HEADER: run}, key=None,
               partition=partition)


async def test_clocks_committed_as_offset_metadata_forward_the_same_markers_after_a_restart(small_scenario):
    """fingerprint_match's input partition hears from every bookings-producing partition of arrests: a
    marker from one origin is pending until all have come. Committed with the batch, the clock lets a new
    owner forward the marker once the last origin comes, as the old owner would have."""
    origins = [f"{ARRESTS.name}/{p}" for p in range(ARRESTS.partitions)]
    noon = datetime(2013, 3, 4, 12, tzinfo=UTC)
    before, store = handler_for("fingerprint_match", small_scenario)
    first = await handle(before, [marker(BOOKINGS.name, n, origin, noon) for n, origin in enumerate(origins[:-1])])
    assert first.records == []  # not all origins yet: nothing forwarded
    [(tp, committed)] = first.offsets.items()
    assert committed.offset == len(origins) - 1
    assert set(json.loads(committed.metadata)["r"]) == set(origins[:-1])

    after, _ = handler_for("fingerprint_match", small_scenario)  # a new instance, reading the commit back
    after._processor.stages.restore_clocks(tp.topic, tp.partition, json.loads(committed.metadata))
    last = await handle(after, [marker(BOOKINGS.name, len(origins) - 1, origins[-1], noon)])
    assert last.records and all(r.headers.get("nexus.watermark") for r in last.records)


async def test_clocks_too_large_for_offset_metadata_hold_the_offset_before_the_pending_marker(small_scenario):
    fingerprints, store = handler_for("fingerprint_match", small_scenario)
    noon = datetime(2013, 3, 4, 12, tzinfo=UTC)
    runs = [f"run-{n:04}" for n in range(METADATA_LIMIT // 50)]
    batch = await handle(fingerprints, [marker(BOOKINGS.name, n, f"{ARRESTS.name}/0", noon, run=run)
                                        for n, run in enumerate(runs)])
    [(_, committed)] = batch.offsets.items()
    assert committed.metadata == ""
    assert committed.offset == 0  # the first run's marker still waits for its other origins


async def test_an_ordered_partition_snapshots_its_stage_with_the_batch_and_commits_to_its_end(small_scenario):
    """On the check queue the stage a batch touched (its clock, the checks it holds, the pools) is written,
    compressed, to the changelog in the batch's transaction, resuming after the batch."""
    import zlib

    from nexus_contracts.catalogue import CHECK_QUEUE, state_topic
    from nexus_sim.run.in_memory import run_in_memory

    raised = []
    run_in_memory(small_scenario, 1, 1, observers=(
        lambda r: raised.append(r) if r.event and r.event.event_type == "StatusCheckRaised" else None,))
    processor = SERVICES["status_check"].build_processor(small_scenario, 1)
    store = StageStore(processor, KafkaSettings(bootstrap_servers="unused:9092"), "test.status_check", {CHECK_QUEUE.name})
    checks = BatchHandler(processor, store, ServiceMetrics("status_check", processor.stages))
    origins = [f"nexus.iabs.results/{p}" for p in range(6)]
    day_start = datetime(2013, 3, 4, tzinfo=UTC)
    records = [marker(CHECK_QUEUE.name, n, origin, day_start) for n, origin in enumerate(origins)]
    records += [raw(CHECK_QUEUE.name, 6 + n, r.value, {**r.headers, RUN_HEADER: "r"}, key=r.key)
                for n, r in enumerate(raised[:3])]
    batch = await checks.handle(records, lambda topic, partition: None, durable=False)
    [snapshot] = [r for r in batch.records if r.topic == state_topic(CHECK_QUEUE.name)]
    saved = json.loads(zlib.decompress(snapshot.value))
    assert saved["next_offset"] == 9 and set(saved["stage"]["clock"]) == set(origins)
    assert len(saved["stage"]["held"]) == 3  # after the marker's time: held until the next one
    [(_, committed)] = batch.offsets.items()
    assert committed.offset == 9

    restored = SERVICES["status_check"].build_processor(small_scenario, 1)  # a new owner, from the snapshot
    restored.stages.restore("r", CHECK_QUEUE.name, 0, saved["stage"])
    assert restored.stages.held_counts() == {(CHECK_QUEUE.name, 0): 3}
