"""The check that an outside service is consuming before a run publishes to it (``run/external.py``):
which partitions its group does not hold, and the wait with a deadline, with a fake broker and clock."""

import pytest

from nexus_sim.run.external import GroupState, NoAnswer, NotConsumingError, external_group, unheld, wait_until_consuming

BOOKINGS = "nexus.custody.bookings"


def test_unheld_names_the_partitions_no_member_holds():
    wanted = {BOOKINGS: 6, "nexus.journeys": 2}
    assert unheld(wanted, [(BOOKINGS, p) for p in range(6)] + [("nexus.journeys", 1)]) == {"nexus.journeys": [0]}
    assert unheld(wanted, [(BOOKINGS, p) for p in range(6)] + [("nexus.journeys", p) for p in range(2)]) == {}
    assert unheld({BOOKINGS: 3}, [("other", 0)]) == {BOOKINGS: [0, 1, 2]}


def test_the_group_is_named_as_nexus_services_run_names_it():
    assert external_group("fingerprint_match") == "nexus.fingerprint_match"
    assert external_group("status_check", "mine") == "mine.status_check"


class FakeBroker:
    """Answers each describe with the next state; a clock that each pause moves on."""

    def __init__(self, *states: GroupState) -> None:
        self.states, self.asked, self.now = list(states), 0, 0.0

    def describe(self, bootstrap: str, group: str, timeout: float) -> GroupState:
        self.asked += 1
        found = self.states[min(self.asked, len(self.states)) - 1]
        if isinstance(found, NoAnswer):
            raise found
        return found

    def pause(self, seconds: float) -> None:
        self.now += seconds


def held(*partitions: int) -> frozenset[tuple[str, int]]:
    return frozenset((BOOKINGS, p) for p in partitions)


def test_the_wait_ends_once_every_partition_is_held_across_members():
    broker = FakeBroker(NoAnswer("not yet"), GroupState("DEAD", 0, frozenset()), GroupState("PREPARING_REBALANCE", 1, held(0, 1)),
                        GroupState("STABLE", 2, held(0, 1, 2, 3, 4, 5)))
    found = wait_until_consuming("fingerprint_match", "b:1", "g", 10, describe=broker.describe,
                                 clock=lambda: broker.now, pause=broker.pause)
    assert (found.state, found.members, broker.asked) == ("STABLE", 2, 4)


def test_a_group_that_never_holds_its_topics_fails_at_the_deadline_naming_group_state_and_partitions():
    broker = FakeBroker(GroupState("STABLE", 1, held(0, 1, 2)))
    with pytest.raises(NotConsumingError) as raised:
        wait_until_consuming("fingerprint_match", "b:1", "nexus.fingerprint_match", 5, rename="--group NAME",
                             describe=broker.describe, clock=lambda: broker.now, pause=broker.pause)
    message = str(raised.value)
    assert "the outside fingerprint_match is not consuming: after 5 s its consumer group 'nexus.fingerprint_match' " \
           "(state STABLE, 1 member(s)) does not hold nexus.custody.bookings partitions 3-5" in message
    assert "(--group NAME)" in message
    assert broker.now == pytest.approx(5.0) and broker.asked == 11


def test_status_check_needs_its_own_queue_held_too():
    broker = FakeBroker(GroupState("STABLE", 1, frozenset(("nexus.iabs.results", p) for p in range(6))))
    with pytest.raises(NotConsumingError, match=r"does not hold nexus\.immigration\.check-queue partitions 0-5\."):
        wait_until_consuming("status_check", "b:1", "g", 0, describe=broker.describe, clock=lambda: broker.now,
                             pause=broker.pause)


def test_a_broker_that_never_answers_fails_at_the_deadline_saying_so():
    broker = FakeBroker(NoAnswer("127.0.0.1:1 did not describe group 'g': timed out"))
    with pytest.raises(NotConsumingError, match=r"^cannot tell whether the outside fingerprint_match is consuming: "
                                                r"127\.0\.0\.1:1 did not describe group 'g'"):
        wait_until_consuming("fingerprint_match", "127.0.0.1:1", "g", 2, describe=broker.describe,
                             clock=lambda: broker.now, pause=broker.pause)
    assert broker.now == pytest.approx(2.0)
