"""Traces: one OpenTelemetry trace per journey, across the four services.

FastStream's Kafka telemetry middleware opens a span per message it consumes and per record a
handler publishes, and carries the context in the W3C ``traceparent``/``tracestate`` headers
(transport metadata: never part of an event, so never of the digest). A message that arrives with
no trace context starts its journey's trace, whose id derives from the journey's custody record
(``journey_trace_id``), so the same journey has the same trace id on every run.
"""

import hashlib
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from faststream import BaseMiddleware
from faststream.kafka.opentelemetry import KafkaTelemetryMiddleware
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import (BatchSpanProcessor, ConsoleSpanExporter, SimpleSpanProcessor,
                                            SpanExporter)
from opentelemetry.sdk.trace.id_generator import RandomIdGenerator

from nexus_contracts import ContractError, Event, decode_event
from nexus_contracts.wire import TRACEPARENT

from .settings import ServiceSettings

__all__ = ["JourneyTracing", "journey_trace_id", "journey_tracing"]

JourneyOf = Callable[[Event], str]
"""The custody record an event belongs to."""

_journey_trace: ContextVar[int | None] = ContextVar("journey_trace", default=None)


def journey_trace_id(custody_record_id: str) -> int:
    """The trace id of a journey: the first 16 bytes of the sha256 of its custody record id."""
    return int.from_bytes(hashlib.sha256(custody_record_id.encode()).digest()[:16], "big")


class _JourneyIds(RandomIdGenerator):
    """A new trace takes the id of the journey whose message is being received, if one is."""

    def generate_trace_id(self) -> int:
        return _journey_trace.get() or super().generate_trace_id()


class JourneyTracing:
    """The broker middlewares of one service's traces, outermost first."""

    def __init__(self, provider: TracerProvider, journey_of: JourneyOf) -> None:
        self.provider = provider
        self._journey_of = journey_of

    def middlewares(self) -> list[Any]:
        return [self._journey_root, KafkaTelemetryMiddleware(tracer_provider=self.provider)]

    def _journey_root(self, msg: Any, /, *, context: Any) -> BaseMiddleware:
        return _JourneyRoot(msg, context=context, trace_of=self._trace_of)

    def _trace_of(self, value: bytes) -> int | None:
        try:
            return journey_trace_id(self._journey_of(decode_event(value)))
        except ContractError:  # not an event (a marker, or bound for the dead letters): a trace of its own
            return None


class _JourneyRoot(BaseMiddleware):
    """Around the telemetry middleware: a message with no trace context names the trace it starts."""

    def __init__(self, msg: Any, /, *, context: Any, trace_of: Callable[[bytes], int | None]) -> None:
        super().__init__(msg, context=context)
        self._trace_of = trace_of

    async def consume_scope(self, call_next, msg):
        if TRACEPARENT in msg.headers or not isinstance(msg.body, bytes):
            return await call_next(msg)
        token = _journey_trace.set(self._trace_of(msg.body))
        try:
            return await call_next(msg)
        finally:
            _journey_trace.reset(token)


def journey_tracing(service: str, settings: ServiceSettings, journey_of: JourneyOf,
                    span_exporter: SpanExporter | None = None) -> JourneyTracing | None:
    """The service's tracing as its settings ask (None when off); ``span_exporter`` (a test's)
    receives every span as it ends, whatever the settings say."""
    provider = TracerProvider(resource=Resource.create({"service.name": service}), id_generator=_JourneyIds())
    if span_exporter is not None:
        provider.add_span_processor(SimpleSpanProcessor(span_exporter))
    elif settings.traces == "off":
        return None
    else:
        provider.add_span_processor(BatchSpanProcessor(_exporter(settings)))
    return JourneyTracing(provider, journey_of)


def _exporter(settings: ServiceSettings) -> SpanExporter:
    if settings.traces == "console":
        return ConsoleSpanExporter()
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    return OTLPSpanExporter(endpoint=settings.otlp_endpoint)
