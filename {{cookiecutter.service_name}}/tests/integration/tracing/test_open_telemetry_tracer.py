"""The `Tracer` on the OpenTelemetry SDK: each message's handling is a span of its trace."""

import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode

from {{cookiecutter.package_name}}.adapters.outbound.tracing.open_telemetry_tracer import (
    OpenTelemetryTracer,
)
from {{cookiecutter.package_name}}.application.messaging.trace_context import trace_id

from tests.messaging import TRACEPARENT
from tests.spans import ids_of

SPAN = "tests.something_happened process"


@pytest.fixture
def tracer(spans: InMemorySpanExporter) -> OpenTelemetryTracer:
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(spans))
    return OpenTelemetryTracer(provider)


def test_a_message_span_continues_its_messages_trace_and_hands_on_its_own(
    tracer: OpenTelemetryTracer, spans: InMemorySpanExporter
) -> None:
    with tracer.message_span(SPAN, TRACEPARENT) as handed_on:
        current = tracer.current()

    [span] = spans.get_finished_spans()
    assert (span.name, span.kind) == (SPAN, SpanKind.CONSUMER)
    assert span.parent is not None
    assert (span.context.trace_id, span.parent.span_id) == ids_of(TRACEPARENT)
    assert handed_on is not None
    assert ids_of(handed_on) == (span.context.trace_id, span.context.span_id)
    assert current == handed_on


def test_a_message_without_trace_context_starts_a_trace_of_its_own(
    tracer: OpenTelemetryTracer, spans: InMemorySpanExporter
) -> None:
    with tracer.message_span("outer", TRACEPARENT), tracer.message_span(SPAN, None) as handed_on:
        pass

    inner, _outer = spans.get_finished_spans()
    assert inner.parent is None
    assert handed_on is not None
    assert trace_id(handed_on) != trace_id(TRACEPARENT)


def test_a_handling_that_raises_ends_its_span_failed(
    tracer: OpenTelemetryTracer, spans: InMemorySpanExporter
) -> None:
    with pytest.raises(ConnectionError), tracer.message_span(SPAN, TRACEPARENT):
        raise ConnectionError("the database is away")

    [span] = spans.get_finished_spans()
    assert span.status.status_code is StatusCode.ERROR
    assert [event.name for event in span.events] == ["exception"]


def test_outside_any_span_no_trace_context_is_current(tracer: OpenTelemetryTracer) -> None:
    assert tracer.current() is None
