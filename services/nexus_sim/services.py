"""The four services by name, with the topics each consumes (from the catalogue)."""

from types import ModuleType

import custody_booking.app
import fingerprint_match.app
import referral_exchange.app
import status_check.app
from nexus_contracts.catalogue import topics_consumed_by
from nexus_contracts.scenario import Scenario
from nexus_runtime.processing import Processor

__all__ = ["SERVICES", "processors", "topics_of"]

SERVICES: dict[str, ModuleType] = {
    app.SERVICE: app for app in (custody_booking.app, fingerprint_match.app, status_check.app, referral_exchange.app)
}


def topics_of(service: str) -> list[str]:
    return [spec.name for spec in topics_consumed_by(service)]


def processors(scenario: Scenario, seed: int) -> dict[str, Processor]:
    return {name: app.build_processor(scenario, seed) for name, app in SERVICES.items()}
