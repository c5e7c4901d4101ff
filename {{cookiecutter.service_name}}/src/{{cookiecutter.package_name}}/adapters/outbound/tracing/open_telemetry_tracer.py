from collections.abc import Iterator
from contextlib import contextmanager

from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.trace import Span, SpanKind, TracerProvider
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

_W3C = TraceContextTextMapPropagator()


class OpenTelemetryTracer:
    """The `Tracer` port on OpenTelemetry: a message's handling is a consumer span, which
    the provider's span processors export.

    A request's span is FastAPI's own, recorded with the same provider
    (`bootstrap/tracing.py`); `current` reads the span around the caller.
    """

    def __init__(self, provider: TracerProvider) -> None:
        self._tracer = provider.get_tracer("{{ cookiecutter.package_name }}")

    @contextmanager
    def message_span(self, name: str, parent: str | None) -> Iterator[str | None]:
        # Without a parent, a trace of its own, whatever span happens to be current.
        context = _W3C.extract({"traceparent": parent}) if parent else Context()
        with self._tracer.start_as_current_span(
            name, context=context, kind=SpanKind.CONSUMER
        ) as span:
            yield _traceparent_of(span)

    def current(self) -> str | None:
        span = trace.get_current_span()
        return _traceparent_of(span) if span.is_recording() else None


def _traceparent_of(span: Span) -> str:
    carrier: dict[str, str] = {}
    _W3C.inject(carrier, context=trace.set_span_in_context(span))
    return carrier["traceparent"]
