"""Spans leave the service over OTLP/HTTP, to a collector at `OTEL_EXPORTER_OTLP_ENDPOINT`.

The collector here is a real HTTP server on 127.0.0.1 that reads each request as the
OpenTelemetry protocol defines it (protobuf, `ExportTraceServiceRequest`).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler

from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)

from {{cookiecutter.package_name}}.bootstrap.settings import Settings
from {{cookiecutter.package_name}}.bootstrap.tracing import tracing_for

from tests.local_http_server import LocalHttpServer, Quiet
from tests.messaging import TRACEPARENT


class Collector:
    """Answers OTLP/HTTP exports at `url`, keeping each one's path and decoded request."""

    def __init__(self) -> None:
        self.received: list[tuple[str, ExportTraceServiceRequest]] = []
        collector = self

        class Handler(Quiet, BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                export = ExportTraceServiceRequest()
                export.ParseFromString(body)
                collector.received.append((self.path, export))
                answer = ExportTraceServiceResponse().SerializeToString()
                self.send_response(HTTPStatus.OK)
                self.send_header("Content-Type", "application/x-protobuf")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

        self._http = LocalHttpServer(Handler)
        self.url = self._http.base_url

    def stop(self) -> None:
        self._http.stop()


@contextmanager
def collector() -> Iterator[Collector]:
    running = Collector()
    try:
        yield running
    finally:
        running.stop()


def test_the_spans_reach_the_collector_named_after_the_service_when_it_stops() -> None:
    with collector() as otlp:
        settings = Settings(otel_exporter_otlp_endpoint=otlp.url)
        tracing = tracing_for(settings)
        with tracing.tracer.message_span("tests.something_happened process", TRACEPARENT):
            pass
        tracing.shutdown()

    [(path, export)] = otlp.received
    assert path == "/v1/traces"
    [resource_spans] = export.resource_spans
    resource = {item.key: item.value.string_value for item in resource_spans.resource.attributes}
    assert resource["service.name"] == settings.service_name
    [span] = [span for scope in resource_spans.scope_spans for span in scope.spans]
    assert span.name == "tests.something_happened process"
    assert span.trace_id.hex() == TRACEPARENT[3:35]


def test_without_a_collector_nothing_is_recorded() -> None:
    tracing = tracing_for(Settings())

    with tracing.tracer.message_span("tests.something_happened process", TRACEPARENT) as handed_on:
        assert handed_on == TRACEPARENT
    assert tracing.telemetry["tracing"] is False
