"""The topic catalogue: every topic, its key, its events, who writes and reads it, and what may cross.

Every topic is keyed by the custody suite id, so all events of a suite share a
partition and keep their order at every hop (ARCHITECTURE.md invariant 3).
"""

from dataclasses import dataclass
from functools import cache

from . import agreements as agreed
from .agreements import VICTIM_WITNESS_PATH
from .wire import DLQ_SUFFIX

__all__ = [
    "ARRESTS",
    "ACRO_CHECKS",
    "BOOKINGS",
    "CHECK_QUEUE",
    "IABS_RESULTS",
    "JOURNEYS",
    "REFERRALS",
    "REMOVALS",
    "STATUS_CHECKS",
    "STATEFUL_TOPICS",
    "TOPICS",
    "Boundary",
    "PARTIES",
    "TopicSpec",
    "dlq_topic",
    "state_topic",
    "topic",
    "topic_for_event",
    "time_flows_from",
    "topics_consumed_by",
]


@dataclass(frozen=True)
class Boundary:
    """An information-sharing boundary a topic crosses, and the payload fields allowed over it.

    ``allowed`` lists dotted payload paths; a path allows everything beneath it.
    """

    from_party: str
    to_party: str
    allowed: frozenset[str]


@dataclass(frozen=True)
class TopicSpec:
    name: str
    event_types: tuple[str, ...]
    producer: str
    consumers: tuple[str, ...]
    partitions: int = 6
    key: str = "custody_suite"
    boundary: Boundary | None = None
    time_from: str | None = None
    """The topic whose time-progress markers the producer forwards onto this one (ARCHITECTURE.md
    invariant 3): its events are caused by that topic's, never earlier. None: no markers."""

    def key_of(self, event) -> bytes:
        """The message key of ``event`` on this topic: the envelope field named by ``key``."""
        return getattr(event, self.key).encode()

    @property
    def dlq(self) -> str:
        return dlq_topic(self.name)


POLICE, HOME_OFFICE = "police", "home-office"
PARTIES = {"scenario-driver": POLICE, "custody_booking": POLICE, "fingerprint_match": HOME_OFFICE,
           "status_check": HOME_OFFICE, "referral_exchange": HOME_OFFICE}
"""Whose system each producer and consumer stands for. A topic between parties declares a ``Boundary``, and so does
every Home Office topic that carries the police's facts on (held there under the same agreement, agreements.py)."""

ARRESTS = TopicSpec(
    name="nexus.custody.arrests",
    event_types=("ArrestMade",),
    producer="scenario-driver",
    consumers=("custody_booking",),
    time_from="scenario-driver",
)
BOOKINGS = TopicSpec(
    name="nexus.custody.bookings",
    event_types=("BookingOpened", "BookingClosed"),
    producer="custody_booking",
    consumers=("fingerprint_match",),
    time_from="nexus.custody.arrests",
    boundary=Boundary(POLICE, HOME_OFFICE, agreed.BOOKING_FIELDS),
)
IABS_RESULTS = TopicSpec(
    name="nexus.iabs.results",
    event_types=("IabsSearchCompleted",),
    producer="fingerprint_match",
    consumers=("status_check",),
    time_from="nexus.custody.bookings",
    boundary=Boundary(POLICE, HOME_OFFICE, agreed.IABS_FIELDS),
)
CHECK_QUEUE = TopicSpec(
    name="nexus.immigration.check-queue",
    event_types=("StatusCheckRaised",),
    producer="status_check",
    consumers=("status_check",),
    key="force",
    time_from="nexus.iabs.results",
    boundary=Boundary(POLICE, HOME_OFFICE, agreed.CHECK_QUEUE_FIELDS),
)
STATUS_CHECKS = TopicSpec(
    name="nexus.immigration.status-checks",
    event_types=("StatusCheckRequested", "StatusCheckAnswered", "StatusCheckNotRequired", "StatusCheckMissed"),
    producer="status_check",
    consumers=("referral_exchange",),
    boundary=Boundary(POLICE, HOME_OFFICE, agreed.STATUS_CHECK_FIELDS),
)
ACRO_CHECKS = TopicSpec(
    name="nexus.acro.overseas-checks",
    event_types=("AcroCheckRequested", "AcroCheckAnswered"),
    producer="status_check",
    consumers=("referral_exchange",),
    boundary=Boundary(POLICE, HOME_OFFICE, agreed.ACRO_FIELDS),
)
REFERRALS = TopicSpec(
    name="nexus.immigration.referrals",
    event_types=("ReferralCreated", "IeDecisionMade", "NonAttendanceRecorded"),
    producer="referral_exchange",
    consumers=(),
    boundary=Boundary(HOME_OFFICE, POLICE, agreed.REFERRAL_FIELDS),
)
REMOVALS = TopicSpec(
    name="nexus.immigration.removals",
    event_types=("RemovalCaseOpened", "EtdApplicationCompleted", "RemovalCaseClosed"),
    producer="referral_exchange",
    consumers=(),
    boundary=Boundary(HOME_OFFICE, POLICE, agreed.REMOVAL_FIELDS),
)
JOURNEYS = TopicSpec(
    name="nexus.journeys",
    event_types=("JourneyConcluded", "JourneyRecorded"),
    producer="referral_exchange",
    consumers=("custody_booking",),
    boundary=Boundary(HOME_OFFICE, POLICE, agreed.JOURNEY_FIELDS),
)

TOPICS: tuple[TopicSpec, ...] = (ARRESTS, BOOKINGS, IABS_RESULTS, CHECK_QUEUE, STATUS_CHECKS, ACRO_CHECKS, REFERRALS, REMOVALS,
                                 JOURNEYS)


def state_topic(name: str) -> str:
    """The compacted changelog of the state a service keeps per partition of ``name`` (ARCHITECTURE.md
    invariant 3): one snapshot per (run, partition), written by its only consumer."""
    return name + ".state"


STATEFUL_TOPICS: tuple[TopicSpec, ...] = (CHECK_QUEUE,)


def dlq_topic(name: str) -> str:
    return name + DLQ_SUFFIX


def topic(name: str) -> TopicSpec:
    try:
        return _TOPIC_BY_NAME[name]
    except KeyError:
        raise KeyError(f"no topic named {name!r} in the catalogue") from None


_TOPIC_BY_NAME = {spec.name: spec for spec in TOPICS}


_TOPIC_OF_EVENT = {event_type: spec for spec in TOPICS for event_type in spec.event_types}


def topic_for_event(event_type: str) -> TopicSpec:
    try:
        return _TOPIC_OF_EVENT[event_type]
    except KeyError:
        raise KeyError(f"no topic carries {event_type!r}") from None


def topics_consumed_by(service: str) -> tuple[TopicSpec, ...]:
    return tuple(spec for spec in TOPICS if service in spec.consumers)


@cache
def time_flows_from(topic_name: str, producer: str) -> tuple[TopicSpec, ...]:
    """The topics ``producer`` forwards ``topic_name``'s time-progress markers onto."""
    return tuple(spec for spec in TOPICS if spec.time_from == topic_name and spec.producer == producer)
