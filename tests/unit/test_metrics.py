"""A service's metrics from hand-made messages: counts in and out by topic and event type, dead
letters by reason kind (bounded), held events, and the capacity pools' queue, busy officers and
utilisation at the latest decided time."""

from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import UUID

from nexus_contracts import Event
from nexus_contracts import events as ev
from nexus_contracts.payloads_common import StatusSummary
from nexus_contracts.vocabulary import (CheckReason, CheckRoute, IabsOutcome, ImmigrationStatus, NationalityGroup,
                                        OffenceCategory, ProducingSystem)
from nexus_contracts.watermarks import Marker
from nexus_runtime.dead_letters import dead_letter
from nexus_runtime.metrics import METRIC_NAMES, ServiceMetrics, event_type_label, reason_kind
from nexus_runtime.pool_metrics import PoolLoad
from nexus_runtime.processing import to_record
from nexus_runtime.records import Inbound
from nexus_runtime.stages import marker_record

from checks_by_hand import CASE, DAY, IABS, at, event

def answered(n: int, pool: str, hours: tuple[float, float, float]) -> Event:
    requested, started, done = (at(h) for h in hours)
    status = StatusSummary(route=CheckRoute.CCU_REMOTE, requested_at=requested, started_at=started, answered_at=done,
                           status=ImmigrationStatus.LAWFUL_LEAVE, immigration_interest=False, high_harm=False,
                           high_harm_definition="v1", pool=pool)
    return event(ev.StatusCheckAnswered(case=CASE, iabs=IABS, reason=CheckReason.FOREIGN_NATIONAL, status=status,
                                        acro_requested=False, foreign_national=True), n)


def missed(n: int, requested: float) -> Event:
    return event(ev.StatusCheckMissed(case=CASE, iabs=IABS, reason=CheckReason.FOREIGN_NATIONAL, foreign_national=True,
                                      route=CheckRoute.CCU_REMOTE, pool="met/ccu", requested_at=at(requested),
                                      released_at=at(requested + 2)), n)


def inbound_of(event_: Event, offset: int = 0) -> Inbound:
    record = to_record(event_)
    return Inbound(record.topic, record.key, record.value, record.headers, partition=0, offset=offset)


def value(metrics: ServiceMetrics, name: str, **labels) -> float | None:
    return metrics.registry.get_sample_value(name, labels)


def test_reasons_are_counted_by_kind_never_by_their_free_text():
    assert reason_kind("not JSON: Expecting value: line 1 column 1 (char 0)") == "not json"
    assert reason_kind("unknown event type: 'Bogus'") == "unknown event type"
    assert reason_kind("StatusCheckRaised: field 'case.booked_at': Input should be a valid datetime (1 error(s))") \
        == "bad field"
    assert reason_kind("StatusCheckRaised does not belong on nexus.bookings.v1 (its topic: x)") == "wrong topic"
    assert reason_kind("handler failed: KeyError: 'met'") == "handler failed"
    assert reason_kind("something nobody foresaw") == "other"


def test_an_event_type_label_is_one_the_catalogue_knows_or_unknown():
    assert event_type_label({"event_type": "StatusCheckRaised"}) == "StatusCheckRaised"
    assert event_type_label({"event_type": "x" * 500}) == "unknown"
    assert event_type_label(marker_record("t", 0, Marker("scenario-driver", DAY), "").headers) == "marker"


def test_messages_in_out_and_dead_letters_are_counted_by_topic_and_kind():
    metrics = ServiceMetrics("status_check")
    raised = inbound_of(answered(1, "met/ccu", (9, 9, 10)))  # any event on its topic will do
    since = metrics.received(raised)
    out = [to_record(answered(2, "met/ccu", (9, 9.5, 10))), dead_letter(raised, "not JSON: oops", "status_check")]
    metrics.handled(raised, out, since, highwater=raised.offset + 5)
    topic = raised.topic
    assert value(metrics, "nexus_messages_in_total", topic=topic, event_type="StatusCheckAnswered") == 1
    assert value(metrics, "nexus_messages_out_total", topic=out[0].topic, event_type="StatusCheckAnswered") == 1
    assert value(metrics, "nexus_dead_letters_total", topic=topic, reason_kind="not json") == 1
    assert value(metrics, "nexus_consumer_lag", topic=topic, partition="0") == 4
    assert value(metrics, "nexus_handler_latency_seconds_count", topic=topic) == 1


def test_a_pool_has_queued_and_busy_checks_at_its_forces_latest_decision():
    load = PoolLoad(staff=lambda force, pool, when: 2 if (force, pool) == ("met", "ccu") else 0)
    for e in (answered(1, "met/ccu", (8, 8, 9)),  # answered before now: forgotten
              answered(2, "met/ccu", (9, 9, 11)),  # busy
              answered(3, "met/ccu", (9.5, 9.5, 12)),  # busy
              answered(4, "met/ccu", (9.75, 11, 13)),  # waits for an officer
              missed(5, requested=10)):  # the latest decision: now is 10:00
        load.observe(e)
    [ccu] = load.pools()
    assert (ccu.pool, ccu.queued, ccu.busy, ccu.staff, ccu.utilisation) == ("met/ccu", 1, 2, 2, 1.0)


def test_the_gauges_follow_the_pools_and_the_held_events():
    metrics = ServiceMetrics("status_check", staff=lambda force, pool, when: 4)
    check = answered(1, "met/ccu", (9, 9.5, 10))
    metrics.handled(inbound_of(check), [to_record(check)], metrics.received(inbound_of(check)), None)
    assert value(metrics, "nexus_pool_queue_length", pool="met/ccu") == 1
    assert value(metrics, "nexus_pool_utilisation", pool="met/ccu") == 0.0
    assert value(metrics, "nexus_pool_staff", pool="met/ccu") == 4


def test_every_metric_name_listed_is_defined_and_documented():
    exposed_as = {"counter": "_total", "histogram": "", "gauge": ""}
    defined = {family.name + exposed_as[family.type] for family in ServiceMetrics("x").registry.collect()}
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    for name in METRIC_NAMES:
        assert name in defined, name
        assert f"`{name}`" in readme, name
