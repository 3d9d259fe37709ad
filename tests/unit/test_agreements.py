"""The sharing agreement in the catalogue: every topic between parties, and every Home Office topic
that carries police facts on, declares the fields allowed on it, and declares only real fields."""

from nexus_contracts.catalogue import PARTIES, TOPICS
from nexus_contracts.registry import PAYLOAD_TYPES
from nexus_contracts.sharing import possible_paths


def test_every_topic_between_parties_declares_a_boundary():
    crossing = [spec.name for spec in TOPICS if any(PARTIES[c] != PARTIES[spec.producer] for c in spec.consumers)]
    assert crossing == ["nexus.custody.bookings", "nexus.journeys"]
    assert all(spec.boundary is not None for spec in TOPICS if spec.name in crossing)


def test_every_topic_that_carries_the_booking_facts_declares_a_boundary():
    carrying = [spec for spec in TOPICS if any("case" in PAYLOAD_TYPES[t].model_fields for t in spec.event_types)]
    assert len(carrying) == 6 and all(spec.boundary is not None for spec in carrying)


def test_allowed_fields_name_fields_of_the_topics_events():
    for spec in (s for s in TOPICS if s.boundary):
        paths = {p for t in spec.event_types for p in possible_paths(PAYLOAD_TYPES[t])}
        for allowed in spec.boundary.allowed:
            assert any(p == allowed or p.startswith(allowed + ".") for p in paths), (spec.name, allowed)


def test_only_the_arrests_stay_open():
    assert [spec.name for spec in TOPICS if spec.boundary is None] == ["nexus.custody.arrests"]
