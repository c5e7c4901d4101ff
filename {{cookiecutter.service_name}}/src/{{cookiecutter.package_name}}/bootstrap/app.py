import logging
from importlib.metadata import version

from fastapi import FastAPI

from {{cookiecutter.package_name}}.adapters.inbound.rest.app import create_rest_app
from {{cookiecutter.package_name}}.bootstrap.container import Container
from {{cookiecutter.package_name}}.bootstrap.lifespan import serving
from {{cookiecutter.package_name}}.bootstrap.logging import configure_logging

VERSION = version("{{ cookiecutter.service_name }}")

logger = logging.getLogger(__name__)


def create_app(container: Container | None = None) -> FastAPI:
    """Build the service: the container, the REST adapter wired to it, and their lifespan.

    Uvicorn calls it with no argument (`--factory`); tests pass a container whose
    providers they have overridden.
    """
    container = container or Container()
    settings = container.settings()
    configure_logging(settings.log_level)
    if not settings.jwt_public_key and not settings.jwt_jwks_url:
        logger.warning(
            "JWT_PUBLIC_KEY and JWT_JWKS_URL are empty, so no access token passes: each API"
            " route answers 401 (`make token` sets a development key)"
        )
    lifespan = serving(container, relay=settings.run_relay)
    tracing = container.tracing()
    app = create_rest_app(
        title=settings.service_name,
        version=VERSION,
        lifespan=lifespan,
        max_body_bytes=settings.max_request_body_bytes,
        tracer=tracing.tracer,
        telemetry=tracing.telemetry,
    )
    # Routes reach their use cases through it (`adapters/inbound/rest/dependencies.py`).
    app.state.container = container
    return app
