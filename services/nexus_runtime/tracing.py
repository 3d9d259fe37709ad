"""Traces: one OpenTelemetry trace per journey, across the four services.

The batch loop opens a span per message a service handles and per record it publishes, and
carries the context in the W3C ``traceparent``/``tracestate`` headers
(transport metadata: never part of an event, so never of the digest). A message that arrives with
no trace context starts its journey's trace, whose id derives from the journey's custody record
(``journey_trace_id``), so the same journey has the same trace id on every run.
"""

import dataclasses
import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from opentelemetry import context as otel_context
from opentelemetry.trace import SpanKind
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import (BatchSpanProcessor, ConsoleSpanExporter, SimpleSpanProcessor,
                                            SpanExporter)
from opentelemetry.sdk.trace.id_generator import RandomIdGenerator

from nexus_contracts import ContractError, Event, decode_event
from nexus_contracts.watermarks import is_marker
from nexus_contracts.wire import TRACEPARENT

from .records import Inbound, Record

from .settings import ServiceSettings

__all__ = ["JourneyTracing", "journey_trace_id", "journey_tracing"]

JourneyOf = Callable[[Event], str]
"""The custody record an event belongs to."""

_PROPAGATOR = TraceContextTextMapPropagator()
_journey_trace: ContextVar[int | None] = ContextVar("journey_trace", default=None)


def journey_trace_id(custody_record_id: str) -> int:
    """The trace id of a journey: the first 16 bytes of the sha256 of its custody record id."""
    return int.from_bytes(hashlib.sha256(custody_record_id.encode()).digest()[:16], "big")


class _JourneyIds(RandomIdGenerator):
    """A new trace takes the id of the journey whose message is being received, if one is."""

    def generate_trace_id(self) -> int:
        return _journey_trace.get() or super().generate_trace_id()


class JourneyTracing:
    """Spans of one service: one per message it handles, one per record it publishes."""

    def __init__(self, provider: TracerProvider, journey_of: JourneyOf) -> None:
        self.provider = provider
        self._journey_of = journey_of
        self._tracer = provider.get_tracer("nexus_runtime")

    @contextmanager
    def handling(self, message: Inbound) -> Iterator[Callable[[Record], Record]]:
        """Around handling ``message``: a span in the trace its headers carry, or, when they carry none, at
        the root of its journey's trace. Yields what gives each output record its publish span and header."""
        if is_marker(message.headers):
            yield _untraced
            return
        carried = TRACEPARENT in message.headers
        parent = _PROPAGATOR.extract(message.headers) if carried else otel_context.Context()
        token = _journey_trace.set(None if carried else self._trace_of(message.value))
        try:
            with self._tracer.start_as_current_span(f"{message.topic} process", context=parent, kind=SpanKind.CONSUMER,
                                                    attributes={"messaging.system": "kafka",
                                                                "messaging.destination.name": message.topic,
                                                                "messaging.kafka.offset": message.offset or 0}):
                yield self._published
        finally:
            _journey_trace.reset(token)

    def _published(self, record: Record) -> Record:
        with self._tracer.start_as_current_span(f"{record.topic} publish", kind=SpanKind.PRODUCER,
                                                attributes={"messaging.destination.name": record.topic}):
            headers = dict(record.headers)
            _PROPAGATOR.inject(headers)
        return dataclasses.replace(record, headers=headers)

    def _trace_of(self, value: bytes) -> int | None:
        try:
            return journey_trace_id(self._journey_of(decode_event(value)))
        except ContractError:  # not an event (bound for the dead letters): a trace of its own
            return None


def _untraced(record: Record) -> Record:
    return record


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
