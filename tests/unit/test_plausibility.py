"""The contracts' plausibility rules and bounds, on events of a real run edited one field at a time."""

from datetime import timedelta

import pytest

from nexus_contracts.codec import json_depth
from nexus_contracts.limits import MAX_JSON_DEPTH
from nexus_contracts.plausibility import implausible
from nexus_sim.run.in_memory import run_in_memory


@pytest.fixture(scope="module")
def events(small_scenario) -> dict:
    """Every event of a day of the small scenario, by type."""
    found: dict[str, list] = {}
    run_in_memory(small_scenario, 1, 1, observers=(lambda r: found.setdefault(r.event.event_type, []).append(r.event)
                                                   if r.event else None,))
    return found


def with_case(event, **changes):
    case = event.payload.case.model_copy(update=changes)
    return event.model_copy(update={"payload": event.payload.model_copy(update={"case": case})})


def test_every_event_of_a_run_is_plausible(events):
    assert len(events) >= 14
    assert [implausible(e) for kind in events.values() for e in kind] == [None] * sum(map(len, events.values()))


def test_booking_facts_must_be_in_order_and_within_pace(events):
    opened = events["BookingOpened"][0]
    case = opened.payload.case
    reason = implausible(with_case(opened, pace_limit_at=case.booked_at + timedelta(hours=37)))
    assert reason.startswith("BookingOpened: booking times out of order, over PACE or before 2000")
    assert implausible(with_case(opened, police_ready_at=case.booked_at - timedelta(minutes=1))) is not None


def test_nothing_of_a_journey_happens_before_its_booking_or_long_after_pace(events):
    answered = events["StatusCheckAnswered"][0]
    before = answered.model_copy(update={"occurred_at": answered.payload.case.booked_at - timedelta(seconds=1)})
    assert "field 'occurred_at'" in implausible(before) and "is before the booking" in implausible(before)
    after = answered.model_copy(update={"occurred_at": answered.payload.case.pace_limit_at + timedelta(hours=169)})
    assert "is after the PACE limit plus 168 h" in implausible(after)


def test_an_acro_answer_may_come_up_to_a_year_after_its_request(events):
    answer = events["AcroCheckAnswered"][0]
    months = answer.model_copy(update={"occurred_at": answer.payload.requested_at + timedelta(days=300)})
    assert implausible(months) is None
    years = answer.model_copy(update={"occurred_at": answer.payload.requested_at + timedelta(days=366)})
    assert "field 'occurred_at'" in implausible(years)


def test_an_event_names_its_own_journey(events):
    closed = events["BookingClosed"][0]
    other = closed.model_copy(update={"payload": closed.payload.model_copy(update={"custody_record_id": "MET-XX/1/2"})})
    assert implausible(other) == f"BookingClosed: custody record 'MET-XX/1/2' is not its journey's ({closed.correlation_id!r})"


def test_detention_is_part_of_custody(events):
    closed = events["BookingClosed"][0]
    payload = closed.payload.model_copy(update={"immigration_detention_hours": closed.payload.custody_hours + 1})
    assert "is more than custody_hours" in implausible(closed.model_copy(update={"payload": payload}))


def test_json_depth_counts_brackets_outside_strings_and_stops_past_the_bound():
    assert json_depth(b'{"a": [1, {"b": "[[[[{{{"}]}') == 3
    assert json_depth(b"[" * 1_000_000) == MAX_JSON_DEPTH + 1
    assert json_depth(b"[" + b"[]," * 100_000 + b"]") == 2
