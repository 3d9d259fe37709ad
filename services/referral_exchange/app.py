"""Composition root of referral_exchange: reads settings, loads the scenario, builds the processor and the broker."""

from faststream import FastStream

from nexus_contracts.catalogue import topics_consumed_by
from nexus_contracts.scenario import Scenario
from nexus_runtime.kafka_app import serve
from nexus_runtime.log_setup import configure_logging
from nexus_runtime.processing import Processor
from nexus_runtime.scenarios import load_scenario

from .handlers import ReferralExchange
from .settings import Settings

__all__ = ["SERVICE", "build_processor", "create_app"]

SERVICE = "referral_exchange"


def build_processor(scenario: Scenario, seed: int) -> Processor:
    return Processor(SERVICE, ReferralExchange(scenario, seed).handlers(),
                     victim_witness_sharing=scenario.referral_policy.share_victim_witness_info)


def create_app(settings: Settings | None = None) -> FastStream:
    """Entry point for `faststream run referral_exchange.app:create_app --factory`."""
    settings = settings or Settings()
    configure_logging(settings.log_level)
    scenario = load_scenario(settings.scenario, settings.scenario_overrides)
    topics = [spec.name for spec in topics_consumed_by(SERVICE)]
    return serve(build_processor(scenario, settings.seed), topics, settings.kafka)
