import random
from datetime import UTC, datetime, timedelta

import pytest

from custody_booking import domain
from nexus_contracts.scenario import CustodyModel, Timing
from nexus_contracts.vocabulary import CustodyOutcome

AT = datetime(2013, 3, 4, 10, 0, tzinfo=UTC)
PRICES = CustodyModel().prices


@pytest.mark.parametrize(("hours", "reviews"), [(5.9, 0), (6.5, 1), (14.9, 1), (15.1, 2), (24, 3)])
def test_pace_reviews_first_within_six_hours_then_every_nine(hours, reviews):
    assert domain.pace_reviews(hours) == reviews


@pytest.mark.parametrize(("hours", "watch", "price"),
                         [(10.5, False, 296), (10.5, True, 956), (20, False, 435), (30, True, 3748), (60, False, 1490)])
def test_price_follows_the_seed_004_table(hours, watch, price):
    assert domain.price_of(hours, watch, PRICES) == price


def test_police_never_hold_beyond_the_pace_limit():
    model = CustodyModel(investigation=Timing(median_minutes=5000, spread=0.1))
    for seed in range(50):
        booking = domain.open_booking(AT, indictable=False, model=model, rng=random.Random(seed))
        assert booking.pace_limit_at - booking.booked_at == timedelta(hours=24)
        assert booking.police_ready_at == booking.pace_limit_at


def test_indictable_offences_allow_thirty_six_hours():
    booking = domain.open_booking(AT, indictable=True, model=CustodyModel(), rng=random.Random(1))
    assert booking.pace_limit_at - booking.booked_at == timedelta(hours=36)


def test_handed_to_immigration_is_priced_and_extends_custody():
    released = AT + timedelta(hours=8)
    closure = domain.close_booking(AT, released, True, CustodyModel(), random.Random(3))
    assert closure.outcome is CustodyOutcome.HANDED_TO_IMMIGRATION
    assert closure.left_custody_at > released
    assert closure.cost_gbp == domain.price_of(closure.immigration_detention_hours, closure.constant_watch, PRICES)
    plain = domain.close_booking(AT, released, False, CustodyModel(), random.Random(3))
    assert plain.cost_gbp == 0 and plain.outcome is not CustodyOutcome.HANDED_TO_IMMIGRATION
    assert plain.custody_hours == 8.0
