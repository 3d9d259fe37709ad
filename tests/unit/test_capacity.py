"""The pool rules (status_check/capacity.py): officers busy until a time, rotas, overflow, misses."""

from datetime import UTC, datetime, timedelta

from status_check.capacity import CheckDesk, CheckRequest, PoolOption

DAY = datetime(2013, 3, 4, tzinfo=UTC)


def at(hour: float) -> datetime:
    return DAY + timedelta(hours=hour)


def desk_with(**rotas) -> CheckDesk:
    return CheckDesk(lambda name: rotas[name])


def request(hour: float, hold_hours: float = 24) -> CheckRequest:
    return CheckRequest(at(hour), at(hour + hold_hours))


def hours(n: float):
    return lambda route: timedelta(hours=n)


def test_two_officers_take_two_checks_at_once_and_the_third_waits_for_the_first_free():
    desk = desk_with(ccu=lambda t: 2)
    options = [PoolOption(desk.pool("ccu"), "ccu", None)]
    first, second, third = (desk.allocate(request(9), options, hours(2)) for _ in range(3))
    assert first.started_at == second.started_at == at(9)
    assert third.started_at == at(11) and third.answered_at == at(13)


def test_nobody_on_duty_means_the_check_waits_for_the_next_shift():
    desk = desk_with(ccu=lambda t: 1 if 8 <= t.hour < 20 else 0)
    allocation = desk.allocate(request(22), [PoolOption(desk.pool("ccu"), "ccu", None)], hours(1))
    assert allocation.started_at == at(24 + 8)


def test_a_busy_team_overflows_to_the_next_pool_after_its_limit():
    desk = desk_with(team=lambda t: 1, ccu=lambda t: 5)
    options = [PoolOption(desk.pool("team"), "embedded", timedelta(minutes=30)),
               PoolOption(desk.pool("ccu"), "ccu", None)]
    kept = desk.allocate(request(9), options, hours(1))
    overflowed = desk.allocate(request(9.25), options, hours(1))
    assert (kept.route, kept.overflowed_from) == ("embedded", None)
    assert (overflowed.route, overflowed.overflowed_from, overflowed.started_at) == ("ccu", "embedded", at(9.25))


def test_a_wait_within_the_limit_stays_with_the_first_pool():
    desk = desk_with(team=lambda t: 1, ccu=lambda t: 5)
    options = [PoolOption(desk.pool("team"), "embedded", timedelta(minutes=30)),
               PoolOption(desk.pool("ccu"), "ccu", None)]
    desk.allocate(request(9), options, hours(0.25))
    waited = desk.allocate(request(9.1), options, hours(1))
    assert waited.route == "embedded" and waited.started_at == at(9.25)


def test_a_check_that_cannot_end_before_release_is_missed_and_takes_nobody():
    desk = desk_with(ccu=lambda t: 1)
    options = [PoolOption(desk.pool("ccu"), "ccu", None)]
    desk.allocate(request(9), options, hours(5))
    missed = desk.allocate(request(9, hold_hours=3), options, hours(1))
    after = desk.allocate(request(9), options, hours(1))
    assert missed.missed and missed.route == "ccu"
    assert after.started_at == at(14)  # the missed check did not hold the officer


def test_every_pool_unstaffed_for_a_week_misses_with_no_route():
    desk = desk_with(ccu=lambda t: 0)
    assert desk.allocate(request(9), [PoolOption(desk.pool("ccu"), "ccu", None)], hours(1)).route is None


def test_a_snapshot_restores_the_same_decisions():
    desk = desk_with(ccu=lambda t: 2)
    options = [PoolOption(desk.pool("ccu"), "ccu", None)]
    for _ in range(3):
        desk.allocate(request(9), options, hours(2))
    copy = desk_with(ccu=lambda t: 2)
    copy.restore(desk.snapshot())
    assert copy.allocate(request(9), [PoolOption(copy.pool("ccu"), "ccu", None)], hours(1)) == \
        desk.allocate(request(9), options, hours(1))
