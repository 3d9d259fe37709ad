"""Traces on a real broker: the four services, as FastStream apps in this test's event loop, send
their spans to one in-memory exporter; one journey is one trace, across all four, and its trace id
is the one derived from its custody record."""

import asyncio
import hashlib
import uuid
from collections import defaultdict

import pytest
from aiokafka import AIOKafkaProducer
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from nexus_contracts.catalogue import ARRESTS, BOOKINGS, TOPICS
from nexus_contracts.wire import RUN_HEADER
from nexus_runtime.scenarios import load_scenario
from nexus_sim.run.consumer_groups import end_offsets, start_groups_at
from nexus_sim.run.in_memory import run_in_memory
from nexus_sim.run.wiring import SERVICES

pytestmark = pytest.mark.integration

OVERRIDES = ("arrests.per_year=20000",)


def journey_needing_no_check():
    """The arrest and custody record of a journey that needs no status check (so no capacity queue,
    which decides only as time-progress markers come, and this test sends none)."""
    records = []
    run_in_memory(load_scenario("london-2013", list(OVERRIDES)), 1, 1, observers=(records.append,))
    events = [r.event for r in records if r.event]
    not_required = next(e.correlation_id for e in events if e.event_type == "StatusCheckNotRequired")
    booking = next(e for e in events if e.event_type == "BookingOpened" and e.correlation_id == not_required)
    arrest = next(r for r in records if r.event and r.event.event_id == booking.causation_id)
    return arrest, not_required


def spans_by_trace(exporter: InMemorySpanExporter) -> dict[int, list]:
    traces = defaultdict(list)
    for span in exporter.get_finished_spans():
        traces[span.context.trace_id].append(span)
    return traces


def journey_closed(exporter: InMemorySpanExporter) -> bool:
    """custody_booking has published twice: the booking, then its closure."""
    return sum(s.name == f"{BOOKINGS.name} publish" for s in exporter.get_finished_spans()) >= 2


async def test_one_journey_is_one_trace_across_the_four_services(kafka_bootstrap):
    arrest, custody_record = journey_needing_no_check()
    exporter, prefix = InMemorySpanExporter(), f"traces-{uuid.uuid4().hex[:8]}"
    await start_groups_at(kafka_bootstrap, prefix, await end_offsets(kafka_bootstrap, [spec.name for spec in TOPICS]))
    apps = [module.create_app(module.Settings(scenario="london-2013", seed=1, scenario_overrides=OVERRIDES,
                                              kafka={"bootstrap_servers": kafka_bootstrap, "group_prefix": prefix}),
                              span_exporter=exporter)
            for module in SERVICES.values()]
    for app in apps:
        await app.broker.start()
    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap, acks="all", enable_idempotence=True)
    await producer.start()
    try:
        headers = {**arrest.headers, RUN_HEADER: prefix}
        await producer.send_and_wait(ARRESTS.name, arrest.value, key=arrest.key,
                                     headers=[(k, v.encode()) for k, v in headers.items()])
        async with asyncio.timeout(90):
            while not journey_closed(exporter):
                await asyncio.sleep(0.2)
    finally:
        await producer.stop()
        for app in apps:
            await app.broker.stop()

    traces = spans_by_trace(exporter)
    assert len(traces) == 1, {hex(t): sorted({s.name for s in spans}) for t, spans in traces.items()}
    [(trace_id, spans)] = traces.items()
    assert trace_id == int.from_bytes(hashlib.sha256(custody_record.encode()).digest()[:16], "big")
    assert {s.resource.attributes["service.name"] for s in spans} == set(SERVICES)
    assert {s.name for s in spans} >= {f"{ARRESTS.name} process", f"{BOOKINGS.name} process",
                                       "nexus.iabs.results process", "nexus.immigration.status-checks process",
                                       "nexus.journeys process"}
