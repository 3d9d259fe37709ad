"""The four services by name, the topics each consumes (from the catalogue), and the one wiring
of their processors onto the in-memory bus."""

from types import ModuleType

import custody_booking.app
import fingerprint_match.app
import referral_exchange.app
import status_check.app
from nexus_contracts.catalogue import topics_consumed_by
from nexus_contracts.scenario import Scenario
from nexus_runtime.processing import Processor

from .memory_bus import MemoryBus

__all__ = ["SERVICES", "processors", "topics_of", "wired_bus"]

SERVICES: dict[str, ModuleType] = {
    app.SERVICE: app for app in (custody_booking.app, fingerprint_match.app, status_check.app, referral_exchange.app)
}


def topics_of(service: str) -> list[str]:
    return [spec.name for spec in topics_consumed_by(service)]


def processors(scenario: Scenario, seed: int) -> dict[str, Processor]:
    """Every service's processor for the in-memory bus, where each topic has one partition."""
    return {name: app.build_processor(scenario, seed, partitions=one_partition) for name, app in SERVICES.items()}


def one_partition(topic_name: str) -> int:
    return 1


def wired_bus(scenario: Scenario, seed: int, *, share_events: bool = True) -> MemoryBus:
    """A bus with each service's processor subscribed to the topics it consumes."""
    bus = MemoryBus(share_events=share_events)
    for name, processor in processors(scenario, seed).items():
        bus.subscribe(topics_of(name), processor)
    return bus
