"""Composition root of referral_exchange: `faststream run referral_exchange.app:create_app --factory`."""

from faststream import FastStream
from opentelemetry.sdk.trace.export import SpanExporter

from nexus_contracts.scenario import Scenario
from nexus_runtime.composition import processor_for, service_app
from nexus_runtime.processing import Processor

from .handlers import ReferralExchange
from .settings import Settings

__all__ = ["SERVICE", "Settings", "build_processor", "create_app"]

SERVICE = "referral_exchange"


def build_processor(scenario: Scenario, seed: int, **options) -> Processor:
    """The processor the in-memory bus and tests use; ``options`` as for ``Processor``."""
    return processor_for(SERVICE, ReferralExchange(scenario, seed), scenario, **options)


def create_app(settings: Settings | None = None, span_exporter: SpanExporter | None = None) -> FastStream:
    """The service on Kafka; ``span_exporter`` (a test's) receives its trace spans."""
    return service_app(SERVICE, settings or Settings(), ReferralExchange, span_exporter)
