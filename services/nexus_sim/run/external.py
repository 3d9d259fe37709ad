"""Is an outside service consuming? Before a run publishes to a service it does not start itself
(``simulate --external``, ``nexus verify``), that service's consumer group must have members that
between them hold every partition of the topics it consumes; otherwise what is published would wait
for nobody, and the run would stall with no word of why.

The group is read with confluent-kafka's AdminClient (librdkafka), which describes classic groups and
the consumer-protocol groups of KIP-848 alike: the classic DescribeGroups request, all aiokafka has,
shows a KIP-848 group as Dead, and aiokafka cannot decode some of Kafka 4.3's replies to it.
``unheld`` is the pure part: which partitions no member holds.
"""

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from nexus_runtime.settings import DEFAULT_GROUP_PREFIX, consumer_group

from ..kafka_local.topics import catalogue_topics
from .wiring import topics_of

__all__ = ["WAIT_SECONDS", "GroupState", "NoAnswer", "NotConsumingError", "describe_group", "external_group", "unheld", "wait_until_consuming"]

WAIT_SECONDS = 60.0


class NotConsumingError(RuntimeError):
    """The outside service's consumer group does not hold its topics; the message says what to do."""


class NoAnswer(RuntimeError):
    """The broker did not describe the group in time."""


@dataclass(frozen=True, slots=True)
class GroupState:
    """What the broker says of a consumer group: its state and the partitions its members hold."""

    state: str
    members: int
    held: frozenset[tuple[str, int]]


def external_group(service: str, group_prefix: str = DEFAULT_GROUP_PREFIX) -> str:
    """The consumer group an outside ``service`` must consume in: ``<prefix>.<service>``, as `nexus services run`."""
    return consumer_group(group_prefix, service)


def unheld(wanted: Mapping[str, int], held: Iterable[tuple[str, int]]) -> dict[str, list[int]]:
    """Per topic of ``wanted`` (topic -> partitions), the partitions no member holds; empty when all are held."""
    holding = set(held)
    missing = {name: [p for p in range(count) if (name, p) not in holding] for name, count in wanted.items()}
    return {name: partitions for name, partitions in missing.items() if partitions}


def describe_group(bootstrap: str, group: str, timeout: float = 10.0) -> GroupState:
    """The group's state and held partitions, as the broker's group coordinator has them now; raises
    ``NoAnswer`` when the broker does not answer within ``timeout`` seconds."""
    from confluent_kafka import KafkaException  # librdkafka: loaded only when a group is looked at
    from confluent_kafka.admin import AdminClient

    admin = AdminClient({"bootstrap.servers": bootstrap, "log_level": 0})  # the failure is ours to report
    try:
        description = admin.describe_consumer_groups([group], request_timeout=timeout)[group].result(timeout=timeout)
    except (KafkaException, TimeoutError) as exc:
        raise NoAnswer(f"{bootstrap} did not describe group {group!r}: {str(exc) or 'no answer in time'}") from None
    held = frozenset((tp.topic, tp.partition) for member in description.members if member.assignment
                     for tp in member.assignment.topic_partitions)
    return GroupState(description.state.name, len(description.members), held)


def wait_until_consuming(service: str, bootstrap: str, group: str, timeout: float = WAIT_SECONDS,
                         rename: str = "", describe: Callable[[str, str, float], GroupState] = describe_group,
                         clock: Callable[[], float] = time.monotonic, pause: Callable[[float], None] = time.sleep
                         ) -> GroupState:
    """Return once ``group`` holds every partition of the topics ``service`` consumes; ask the broker every
    half second, and raise ``NotConsumingError`` naming the group, the state and what is unheld after ``timeout``
    (``rename`` says how to name another group), or that the broker did not answer."""
    counts = catalogue_topics()
    wanted = {name: counts[name] for name in topics_of(service)}
    deadline = clock() + timeout
    while True:
        try:
            found = describe(bootstrap, group, max(1.0, min(10.0, deadline - clock())))
        except NoAnswer as exc:
            if clock() >= deadline:
                raise NotConsumingError(f"cannot tell whether the outside {service} is consuming: {exc}") from None
        else:
            missing = unheld(wanted, found.held)
            if not missing:
                return found
            if clock() >= deadline:
                raise NotConsumingError(_not_consuming(service, group, found, missing, timeout, rename))
        pause(0.5)


def _not_consuming(service: str, group: str, found: GroupState, missing: dict[str, list[int]], timeout: float,
                   rename: str) -> str:
    unheld_text = "; ".join(f"{name} partitions {_spans(parts)}" for name, parts in missing.items())
    return (f"the outside {service} is not consuming: after {timeout:g} s its consumer group {group!r} "
            f"(state {found.state}, {found.members} member(s)) does not hold {unheld_text}. Start your service first, "
            f"consuming in consumer group {group!r}{f' ({rename})' if rename else ''}, subscribed to "
            f"{', '.join(missing)}, from the topics' current end")


def _spans(partitions: list[int]) -> str:
    """``[0, 1, 2, 5]`` -> ``0-2, 5``."""
    spans: list[list[int]] = []
    for p in partitions:
        if spans and p == spans[-1][1] + 1:
            spans[-1][1] = p
        else:
            spans.append([p, p])
    return ", ".join(f"{a}-{b}" if a != b else f"{a}" for a, b in spans)
