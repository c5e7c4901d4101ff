"""With a collector set, each API request is a span of its caller's trace, and what the
request sends continues the trace from that span."""

from collections.abc import AsyncIterator

import pytest
from dependency_injector import providers
from fastapi import FastAPI
from httpx import AsyncClient
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from {{cookiecutter.package_name}}.adapters.outbound.messaging.in_memory_broker import (
    InMemoryBroker,
)
from {{cookiecutter.package_name}}.bootstrap.app import create_app
from {{cookiecutter.package_name}}.bootstrap.tracing import open_telemetry

from tests.e2e.conftest import container_on, serve
{%- if cookiecutter.example == "orders" %}
from tests.e2e.orders.test_orders_api import an_order_request as a_creation
{%- elif cookiecutter.example == "customers" %}
from tests.e2e.customers.test_customers_api import a_customer_request as a_creation
{%- endif %}
from tests.messaging import TRACEPARENT
{%- if cookiecutter.example != "none" %}
from tests.outbox import outbox_contents
{%- endif %}
from tests.spans import ids_of


@pytest.fixture
def traced_app(migrated_database_url: str, spans: InMemorySpanExporter) -> FastAPI:
    """The service, its spans kept in `spans` instead of sent to a collector."""
    container = container_on(InMemoryBroker(), migrated_database_url, run_relay=False)
    tracing = open_telemetry(container.settings(), SimpleSpanProcessor(spans))
    container.tracing.override(providers.Object(tracing))
    return create_app(container)


@pytest.fixture
async def client(traced_app: FastAPI) -> AsyncIterator[AsyncClient]:
    async for client in serve(traced_app):
        yield client


def request_span(spans: InMemorySpanExporter) -> ReadableSpan:
    [span] = [span for span in spans.get_finished_spans() if span.kind is SpanKind.SERVER]
    return span


async def test_a_request_is_a_span_of_its_callers_trace(
    client: AsyncClient, spans: InMemorySpanExporter
) -> None:
    response = await client.get("/openapi.json", headers={"traceparent": TRACEPARENT})

    assert response.status_code == 200
    span = request_span(spans)
    assert span.name == "GET /openapi.json"
    assert span.parent is not None
    assert (span.context.trace_id, span.parent.span_id) == ids_of(TRACEPARENT)


async def test_the_health_probes_are_not_traced(
    client: AsyncClient, spans: InMemorySpanExporter
) -> None:
    for probe in ("/health/live", "/health/ready"):
        assert (await client.get(probe)).status_code == 200

    assert spans.get_finished_spans() == ()
{%- if cookiecutter.example != "none" %}


async def test_the_message_a_request_sends_continues_the_trace_from_its_span(
    client: AsyncClient, traced_app: FastAPI, spans: InMemorySpanExporter
) -> None:
    created = await client.post(
        "{{ '/orders' if cookiecutter.example == 'orders' else '/customers' }}",
        json=a_creation(),
        headers={"traceparent": TRACEPARENT},
    )

    assert created.status_code == 201
    span = request_span(spans)
    [sent, *_] = await outbox_contents(traced_app.state.container.engine())
    assert sent.traceparent is not None
    assert ids_of(sent.traceparent) == (span.context.trace_id, span.context.span_id)
{%- endif %}
