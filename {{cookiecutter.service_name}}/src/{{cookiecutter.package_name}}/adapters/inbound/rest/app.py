from collections.abc import Callable
from contextlib import AbstractAsyncContextManager

from fastapi import FastAPI
from fastapi.telemetry import TelemetryConfig

from {{cookiecutter.package_name}}.adapters.inbound.rest.body_limit import (
    RequestBodyLimitMiddleware,
)
from {{cookiecutter.package_name}}.adapters.inbound.rest.problems import (
    UNEXPECTED,
    document_problems,
    install_problem_handlers,
)
from {{cookiecutter.package_name}}.adapters.inbound.rest.request_context import (
    RequestContextMiddleware,
)
{%- if cookiecutter.example == "orders" %}
from {{cookiecutter.package_name}}.adapters.inbound.rest.routes import health, orders
{%- elif cookiecutter.example == "customers" %}
from {{cookiecutter.package_name}}.adapters.inbound.rest.routes import customers, health
{%- else %}
from {{cookiecutter.package_name}}.adapters.inbound.rest.routes import health
{%- endif %}
from {{cookiecutter.package_name}}.adapters.inbound.rest.unexpected_errors import (
    UnexpectedErrorMiddleware,
)
from {{cookiecutter.package_name}}.application.ports.tracer import Tracer

Lifespan = Callable[[FastAPI], AbstractAsyncContextManager[None]]

TELEMETRY_OFF: TelemetryConfig = {"tracing": False, "metrics": False, "logs": False}
"""FastAPI records nothing, even where a tracer provider is set for the whole process."""


def create_rest_app(
    *,
    title: str,
    version: str,
    lifespan: Lifespan,
    max_body_bytes: int,
    tracer: Tracer,
    telemetry: TelemetryConfig,
) -> FastAPI:
    """The HTTP face of the service. It knows routes and errors, not how they are wired.

    A body longer than `max_body_bytes` is refused unread (`body_limit.py`). Each request
    that may change something runs in a message context of its own (`request_context.py`),
    and an error no handler maps is answered and logged inside it (`unexpected_errors.py`).
    FastAPI records a span of each request as `telemetry` says; the messages a request sends
    continue the trace from that span, which `tracer` reads.
    """
    app = _app_with_probes(
        title,
        version,
        lifespan,
        max_body_bytes,
        openapi_url="/openapi.json",
        tracer=tracer,
        telemetry=telemetry,
    )
{%- if cookiecutter.example == "orders" %}
    app.include_router(orders.router)
{%- elif cookiecutter.example == "customers" %}
    app.include_router(customers.router)
{%- endif %}
    return app


def create_probe_app(
    *, title: str, version: str, lifespan: Lifespan, max_body_bytes: int
) -> FastAPI:
    """The HTTP face of a process that serves no API, such as the worker: its health probes
    alone, with the service's error handling, and no API documentation."""
    return _app_with_probes(title, version, lifespan, max_body_bytes, openapi_url=None)


def _app_with_probes(
    title: str,
    version: str,
    lifespan: Lifespan,
    max_body_bytes: int,
    openapi_url: str | None,
    tracer: Tracer | None = None,
    telemetry: TelemetryConfig | None = None,
) -> FastAPI:
    app = FastAPI(
        title=title,
        version=version,
        lifespan=lifespan,
        responses=UNEXPECTED,
        openapi_url=openapi_url,
        telemetry=telemetry or TELEMETRY_OFF,
    )
    install_problem_handlers(app)
    document_problems(app)
    # The last added runs first: the context is set before anything can fail.
    app.add_middleware(UnexpectedErrorMiddleware)
    app.add_middleware(RequestContextMiddleware, tracer=tracer)
    app.add_middleware(RequestBodyLimitMiddleware, max_bytes=max_body_bytes)
    app.include_router(health.router)
    return app
