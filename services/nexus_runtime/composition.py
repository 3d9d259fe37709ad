"""What every service's composition root does: settings -> scenario -> processor -> FastStream app."""

from collections.abc import Callable
from typing import Protocol

from faststream import FastStream
from opentelemetry.sdk.trace.export import SpanExporter

from nexus_contracts import Event
from nexus_contracts.catalogue import topics_consumed_by
from nexus_contracts.scenario import Scenario
from nexus_contracts.sharing import disclosure_policy
from nexus_contracts.staffing import staff_on_duty

from .kafka_app import serve
from .log_setup import configure_logging
from .metrics import ServiceMetrics
from .metrics_endpoint import MetricsEndpoint
from .partitioner import KeyPartitioner
from .processing import Handler, Processor
from .scenarios import load_scenario
from .settings import ServiceSettings
from .tracing import journey_tracing

__all__ = ["HandlerSet", "journey_of", "processor_for", "service_app"]


class HandlerSet(Protocol):
    """A service's handlers; one that decides over shared state also has ``ordered()``, and one that
    receives events before their custody record exists has ``journey(event)``: the record's id."""

    def handlers(self) -> dict[str, Handler]: ...


def processor_for(service: str, handler_set: HandlerSet, scenario: Scenario, **options) -> Processor:
    """The service's processor; ``options`` go to ``Processor`` (log binding, partition counts)."""
    ordered = handler_set.ordered() if hasattr(handler_set, "ordered") else None
    return Processor(service, handler_set.handlers(), ordered=ordered,
                     disclosure=disclosure_policy(scenario.referral_policy), **options)


def service_app(service: str, settings: ServiceSettings, make_handlers: Callable[[Scenario, int], HandlerSet],
                span_exporter: SpanExporter | None = None) -> FastStream:
    """The service's FastStream app; ``span_exporter`` (a test's) receives its spans."""
    configure_logging(settings.log_level)
    scenario = load_scenario(settings.scenario, settings.scenario_overrides)
    topics = [spec.name for spec in topics_consumed_by(service)]
    handler_set = make_handlers(scenario, settings.seed)
    processor = processor_for(service, handler_set, scenario, bind_log_context=True,
                              max_message_bytes=settings.max_message_bytes)
    metrics = ServiceMetrics(service, processor.stages, lambda force, pool, at: staff_on_duty(scenario, force, pool, at))
    tracing = journey_tracing(service, settings, journey_of(handler_set), span_exporter)
    app = serve(processor, topics, settings.kafka, metrics, tracing, KeyPartitioner.of(scenario))
    endpoint = MetricsEndpoint(metrics.registry, settings.metrics_host, settings.metrics_port)
    app.on_startup(endpoint.start)
    app.after_shutdown(endpoint.stop)
    return app


def journey_of(handler_set: HandlerSet) -> Callable[[Event], str]:
    """The custody record an event belongs to: its correlation id, once the record exists."""
    return getattr(handler_set, "journey", lambda event: event.correlation_id)
