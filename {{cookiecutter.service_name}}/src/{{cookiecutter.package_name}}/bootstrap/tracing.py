"""Tracing, when `OTEL_EXPORTER_OTLP_ENDPOINT` names a collector: FastAPI's span of each
API request and the receiver's span of each message handled, sent over OTLP/HTTP.

Without one, FastAPI records nothing, the OpenTelemetry SDK is not imported, and the
service hands on the trace context it is given.
"""

from collections.abc import Callable, MutableMapping
from dataclasses import dataclass
from importlib.metadata import version
from typing import TYPE_CHECKING, Any

from fastapi.telemetry import TelemetryConfig

from {{cookiecutter.package_name}}.adapters.inbound.rest.app import TELEMETRY_OFF
from {{cookiecutter.package_name}}.application.messaging.null_tracer import NullTracer
from {{cookiecutter.package_name}}.application.ports.tracer import Tracer
from {{cookiecutter.package_name}}.bootstrap.settings import Settings

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import SpanProcessor


@dataclass(frozen=True, slots=True)
class Tracing:
    """The service's `Tracer`, FastAPI's telemetry settings for the API, and how to end:
    by sending the spans not yet sent."""

    tracer: Tracer
    telemetry: TelemetryConfig
    shutdown: Callable[[], None]


def tracing_for(settings: Settings) -> Tracing:
    """Spans sent to `settings.otel_exporter_otlp_endpoint`, or none when it is empty."""
    if not settings.otel_exporter_otlp_endpoint:
        return Tracing(NullTracer(), TELEMETRY_OFF, shutdown=lambda: None)
    # Imported only here: a service that traces nothing pays nothing for it at start-up.
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    endpoint = settings.otel_exporter_otlp_endpoint.rstrip("/") + "/v1/traces"
    return open_telemetry(settings, BatchSpanProcessor(OTLPSpanExporter(endpoint=endpoint)))


def open_telemetry(settings: Settings, processor: "SpanProcessor") -> Tracing:
    """Tracing with OpenTelemetry, each span ended handed to `processor`, which sends it."""
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider

    from {{cookiecutter.package_name}}.adapters.outbound.tracing.open_telemetry_tracer import (
        OpenTelemetryTracer,
    )

    distribution = "{{ cookiecutter.service_name }}"
    service = {"service.name": settings.service_name, "service.version": version(distribution)}
    provider = TracerProvider(resource=Resource.create(service))
    provider.add_span_processor(processor)
    telemetry: TelemetryConfig = {
        "tracer_provider": provider,
        "metrics": False,
        "logs": False,
        "exclude": is_a_probe,
    }
    return Tracing(OpenTelemetryTracer(provider), telemetry, provider.shutdown)


def is_a_probe(scope: MutableMapping[str, Any]) -> bool:
    """The health probes are polled every few seconds: their spans would bury the rest."""
    return str(scope.get("path", "")).startswith("/health/")
