"""Metrics on a real broker: each service, run as a process with its metrics port on, serves
Prometheus metrics, and after a day's run each has counted messages in on every topic it consumes."""

import asyncio
import time
import uuid

import pytest

from nexus_contracts.catalogue import TOPICS, topics_consumed_by
from nexus_sim.cli.top_metrics import Samples, fetch_metrics, total
from nexus_sim.run.consumer_groups import end_offsets, start_groups_at
from nexus_sim.run.on_kafka import run_on_kafka
from nexus_sim.run.service_processes import ServiceProcesses
from nexus_sim.run.spec import RunSpec
from nexus_sim.run.wiring import SERVICES

pytestmark = pytest.mark.integration

RUN = RunSpec("london-2013", ("arrests.per_year=25000",), 3, 1)
DEADLINE_S = 30.0


def counted_every_topic(service: str, samples: Samples) -> bool:
    return all(total(samples, "nexus_messages_in_total", topic=spec.name) > 0 for spec in topics_consumed_by(service))


def scrape_until_counted(services: ServiceProcesses) -> dict[str, Samples]:
    """Scrape each endpoint until it has counted every topic its service consumes, or the deadline passes."""
    deadline, scraped = time.monotonic() + DEADLINE_S, {}
    while True:
        scraped = {name: fetch_metrics(services.metrics_urls[name]) for name in SERVICES}
        if all(counted_every_topic(name, samples) for name, samples in scraped.items()) or time.monotonic() > deadline:
            return scraped
        services.check_alive()
        time.sleep(0.5)


@pytest.fixture(scope="module")
def scraped(kafka_bootstrap):
    services = ServiceProcesses(RUN, kafka_bootstrap, f"nexus-metrics-{uuid.uuid4().hex[:10]}", metrics=True)
    start = asyncio.run(end_offsets(kafka_bootstrap, [t for spec in TOPICS for t in (spec.name, spec.dlq)]))
    asyncio.run(start_groups_at(kafka_bootstrap, services.group_prefix, start, services=SERVICES))
    services.start_all()
    try:
        result = run_on_kafka(RUN.load_scenario(), RUN, kafka_bootstrap, spawn=False, idle_timeout=90)
        assert result.dead_letters == 0
        return scrape_until_counted(services)
    finally:
        services.stop_all()


@pytest.mark.parametrize("service", list(SERVICES))
def test_each_service_counts_messages_in_on_every_topic_it_consumes(scraped, service):
    samples = scraped[service]
    assert total(samples, "nexus_service_info", service=service) == 1
    for spec in topics_consumed_by(service):
        assert total(samples, "nexus_messages_in_total", topic=spec.name) > 0, spec.name
    assert total(samples, "nexus_messages_out_total") > 0
    assert total(samples, "nexus_dead_letters_total") == 0
    assert 0 < total(samples, "nexus_handler_latency_seconds_count") <= total(samples, "nexus_messages_in_total")


def test_fast_streams_own_metrics_are_served_beside_ours(scraped):
    for service, samples in scraped.items():
        assert total(samples, "faststream_received_messages_total", app_name=service) > 0, service


def test_the_status_check_reports_its_pools(scraped):
    samples = scraped["status_check"]
    pools = {labels["pool"] for labels, _ in samples["nexus_pool_utilisation"]}
    assert any(pool.endswith("/ccu") for pool in pools), pools
    assert total(samples, "nexus_pool_staff") > 0
