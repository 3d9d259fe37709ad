"""The ACL table is generated from the catalogue: each principal's rights are exactly what the
catalogue says its service consumes and produces (ARCHITECTURE.md invariant 7)."""

import pytest

from nexus_contracts.catalogue import STATEFUL_TOPICS, TOPICS, state_topic, topics_consumed_by
from nexus_sim.kafka_local.acls import ADMIN, DRIVER, RECORDER, REPLAY, SERVICE_PRINCIPALS, acl_table, format_table
from nexus_sim.kafka_local.layout import ClusterLayout, render_properties

TABLE = acl_table()


def topics_with(principal: str, operation: str) -> set[str]:
    return {g.name for g in TABLE if g.principal == principal and g.resource == "TOPIC" and operation in g.operations}


def grants_on(principal: str, resource: str) -> set[tuple[str, str, tuple[str, ...]]]:
    return {(g.pattern, g.name, g.operations) for g in TABLE if g.principal == principal and g.resource == resource}


def test_every_service_of_the_catalogue_is_a_principal():
    named = {name for spec in TOPICS for name in (spec.producer, *spec.consumers)} - {DRIVER}
    assert set(SERVICE_PRINCIPALS) == named == {"custody_booking", "fingerprint_match", "status_check",
                                                "referral_exchange"}


@pytest.mark.parametrize("service", SERVICE_PRINCIPALS)
def test_a_service_reads_what_it_consumes_and_writes_what_it_produces(service):
    consumed = {spec.name for spec in topics_consumed_by(service)}
    changelogs = {state_topic(spec.name) for spec in STATEFUL_TOPICS if service in spec.consumers}
    produced = {spec.name for spec in TOPICS if spec.producer == service}
    assert topics_with(service, "READ") == consumed | changelogs
    assert topics_with(service, "WRITE") == produced | {spec.dlq for spec in topics_consumed_by(service)} | changelogs


@pytest.mark.parametrize("service", SERVICE_PRINCIPALS)
def test_a_service_uses_only_its_own_groups_and_transactional_ids(service):
    group = f"nexus.{service}"
    assert grants_on(service, "GROUP") == {("LITERAL", group, ("READ", "DESCRIBE")),
                                           ("PREFIXED", group + ".", ("READ", "DESCRIBE"))}
    assert grants_on(service, "TRANSACTIONAL_ID") == {("PREFIXED", group, ("WRITE", "DESCRIBE"))}
    assert grants_on(service, "CLUSTER") == {("LITERAL", "kafka-cluster", ("IDEMPOTENT_WRITE",))}


def test_fingerprint_match_may_not_see_the_arrests_nor_forge_referrals():
    assert "nexus.custody.arrests" not in topics_with("fingerprint_match", "READ")
    assert "nexus.custody.arrests" not in topics_with("fingerprint_match", "DESCRIBE")
    assert "nexus.immigration.referrals" not in topics_with("fingerprint_match", "WRITE")


def test_the_drivers_and_the_recorder():
    every = {name for spec in TOPICS for name in (spec.name, spec.dlq)}
    assert topics_with(DRIVER, "WRITE") == {"nexus.custody.arrests"}
    assert topics_with(REPLAY, "WRITE") == {spec.name for spec in TOPICS}
    assert topics_with(RECORDER, "WRITE") == set()
    for reader in (DRIVER, REPLAY, RECORDER):
        assert topics_with(reader, "READ") == every
    # drivers start only a run's groups of the services (<prefix>.<service>.<run>), never the standing ones
    assert {name for _, name, _ in grants_on(DRIVER, "GROUP")} == {f"nexus.{s}." for s in SERVICE_PRINCIPALS}
    assert grants_on(RECORDER, "GROUP") == set()


def test_the_admin_is_a_super_user_with_no_acl_and_no_one_else_is():
    assert not [g for g in TABLE if g.principal == ADMIN]
    layout = ClusterLayout.plan(1, 19092, "/tmp/x")
    secured = render_properties(layout.nodes[0], layout, admin_password="pw")
    assert "super.users=User:admin\n" in secured
    assert "allow.everyone.if.no.acl.found=false\n" in secured
    assert "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer\n" in secured
    assert "listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,BROKER:SASL_PLAINTEXT\n" in secured
    assert "authorizer" not in render_properties(layout.nodes[0], layout)


def test_another_group_prefix_moves_only_the_groups():
    other = acl_table("site-b")
    assert {g.name for g in other if g.resource == "TOPIC"} == {g.name for g in TABLE if g.resource == "TOPIC"}
    assert {g.name for g in other if g.resource == "GROUP"} == {
        name.replace("nexus.", "site-b.", 1) for name in (g.name for g in TABLE if g.resource == "GROUP")}


def test_the_table_prints_one_row_per_grant():
    rows = format_table(TABLE)
    assert len(rows) == len(TABLE) == len(set(TABLE))
    assert ("User:fingerprint_match", "TOPIC", "LITERAL", "nexus.iabs.results", "WRITE,DESCRIBE") in rows
