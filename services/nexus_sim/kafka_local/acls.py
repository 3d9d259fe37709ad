"""Who may do what on the brokers, generated from the topic catalogue: a pure table, no I/O.

A service's principal may read the topics it consumes, write the topics it produces plus the
dead-letter topics of what it consumes and its own ``.state`` changelogs, use its own consumer
groups (``<prefix>.<service>`` and a run's ``<prefix>.<service>.<run>``) and transactional ids
starting with its group, and write idempotently. The scenario driver writes the arrests and reads
every topic (to collect a run's outcomes); replay may write every catalogue topic (a recorded
log's inputs can be any); the recorder only reads. Both drivers may start the run groups of the
services (``<prefix>.<service>.``), never the standing groups. The admin principal is a super
user and needs no ACL. Anyone else gets nothing (``allow.everyone.if.no.acl.found=false``).
"""

from dataclasses import dataclass

from nexus_contracts.catalogue import STATEFUL_TOPICS, TOPICS, state_topic
from nexus_runtime.settings import DEFAULT_GROUP_PREFIX, consumer_group

__all__ = ["ADMIN", "DRIVER", "PRINCIPALS", "RECORDER", "REPLAY", "SERVICE_PRINCIPALS", "Grant", "acl_table",
           "format_table"]

ADMIN = "admin"
DRIVER = "scenario-driver"
RECORDER = "recorder"
REPLAY = "replay"
SERVICE_PRINCIPALS: tuple[str, ...] = tuple(dict.fromkeys(
    name for spec in TOPICS for name in (spec.producer, *spec.consumers) if name != DRIVER))
PRINCIPALS: tuple[str, ...] = (ADMIN, DRIVER, RECORDER, REPLAY, *SERVICE_PRINCIPALS)

READ, WRITE, DESCRIBE, IDEMPOTENT_WRITE = "READ", "WRITE", "DESCRIBE", "IDEMPOTENT_WRITE"


@dataclass(frozen=True, order=True)
class Grant:
    """ALLOW ``operations`` on one resource pattern to ``User:<principal>`` from any host."""

    principal: str
    resource: str  # TOPIC, GROUP, TRANSACTIONAL_ID, CLUSTER
    pattern: str  # LITERAL or PREFIXED
    name: str
    operations: tuple[str, ...]


def acl_table(group_prefix: str = DEFAULT_GROUP_PREFIX) -> tuple[Grant, ...]:
    """Every grant, for consumer groups named ``<group_prefix>.<service>[.<run>]``."""
    grants = [grant for service in SERVICE_PRINCIPALS for grant in _service(service, group_prefix)]
    grants += _reader(DRIVER) + _topics(DRIVER, (WRITE,), [_ARRESTS]) + _run_groups(DRIVER, group_prefix)
    grants += _reader(REPLAY) + _topics(REPLAY, (WRITE,), [spec.name for spec in TOPICS])
    grants += _run_groups(REPLAY, group_prefix) + _reader(RECORDER)
    return _merged(grants)


def _merged(grants: list[Grant]) -> tuple[Grant, ...]:
    """One grant per (principal, resource pattern), its operations in a fixed order."""
    merged: dict[tuple[str, str, str, str], set[str]] = {}
    for g in grants:
        merged.setdefault((g.principal, g.resource, g.pattern, g.name), set()).update(g.operations)
    order = (READ, WRITE, DESCRIBE, IDEMPOTENT_WRITE)
    return tuple(sorted(Grant(*key, tuple(op for op in order if op in ops)) for key, ops in merged.items()))


_ARRESTS = next(spec.name for spec in TOPICS if spec.producer == DRIVER)


def _service(service: str, prefix: str) -> list[Grant]:
    consumed = [spec for spec in TOPICS if service in spec.consumers]
    changelogs = [state_topic(spec.name) for spec in STATEFUL_TOPICS if service in spec.consumers]
    group = consumer_group(prefix, service)
    return [
        *_topics(service, (READ, DESCRIBE), [spec.name for spec in consumed] + changelogs),
        *_topics(service, (WRITE, DESCRIBE), [spec.name for spec in TOPICS if spec.producer == service]
                 + [spec.dlq for spec in consumed] + changelogs),
        Grant(service, "GROUP", "LITERAL", group, (READ, DESCRIBE)),
        Grant(service, "GROUP", "PREFIXED", group + ".", (READ, DESCRIBE)),
        Grant(service, "TRANSACTIONAL_ID", "PREFIXED", group, (WRITE, DESCRIBE)),
        Grant(service, "CLUSTER", "LITERAL", "kafka-cluster", (IDEMPOTENT_WRITE,)),
    ]


def _reader(principal: str) -> list[Grant]:
    """Read and describe every catalogue topic and dead-letter topic; describe the changelogs."""
    every = [name for spec in TOPICS for name in (spec.name, spec.dlq)]
    return [*_topics(principal, (READ, DESCRIBE), every),
            *_topics(principal, (DESCRIBE,), [state_topic(spec.name) for spec in STATEFUL_TOPICS])]


def _run_groups(principal: str, prefix: str) -> list[Grant]:
    return [Grant(principal, "GROUP", "PREFIXED", consumer_group(prefix, service) + ".", (READ, DESCRIBE))
            for service in SERVICE_PRINCIPALS]


def _topics(principal: str, operations: tuple[str, ...], names: list[str]) -> list[Grant]:
    return [Grant(principal, "TOPIC", "LITERAL", name, operations) for name in names]


def format_table(grants: tuple[Grant, ...]) -> list[tuple[str, str, str, str, str]]:
    """Rows (principal, resource, pattern, name, operations) for printing."""
    return [(f"User:{g.principal}", g.resource, g.pattern, g.name, ",".join(g.operations)) for g in grants]
