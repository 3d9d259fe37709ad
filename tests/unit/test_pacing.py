"""Pacing (run/pacing.py): when an input is due, how late a run is, and what --speed accepts."""

from datetime import UTC, datetime, timedelta

import pytest

from nexus_sim.run.pacing import Schedule, parse_speed

T0 = datetime(2013, 3, 4, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_an_event_is_due_its_event_time_divided_by_the_speed_after_the_first():
    clock = Clock()
    schedule = Schedule(60, clock)  # an hour a minute
    assert schedule.due_in(T0) == 0
    assert schedule.due_in(T0 + timedelta(hours=2)) == pytest.approx(120)
    clock.now += 150  # the sender fell behind
    assert schedule.due_in(T0 + timedelta(hours=2)) == 0 and schedule.lag == pytest.approx(30)
    assert "2013-03-04 02:00" in schedule.status(events=300) and "30.0 s behind" in schedule.status(300)


@pytest.mark.parametrize(("text", "speed"), [("max", None), ("MAX", None), ("1", 1.0), ("2880", 2880.0), ("0.5", 0.5)])
def test_speed_is_max_or_a_positive_factor(text, speed):
    assert parse_speed(text) == speed


@pytest.mark.parametrize("text", ["0", "-3", "fast", ""])
def test_anything_else_is_refused_with_its_value(text):
    with pytest.raises(ValueError, match="positive number"):
        parse_speed(text)
