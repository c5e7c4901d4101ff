import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from dependency_injector import providers
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient

from {{cookiecutter.package_name}}.adapters.outbound.messaging.in_memory_broker import (
    InMemoryBroker,
)
from {{cookiecutter.package_name}}.bootstrap.app import create_app
from {{cookiecutter.package_name}}.bootstrap.brokers.in_memory import InMemoryConnection
from {{cookiecutter.package_name}}.bootstrap.container import Container
from {{cookiecutter.package_name}}.bootstrap.settings import Settings
from {{cookiecutter.package_name}}.bootstrap.worker import create_worker

from tests.access_tokens import GATEWAY_PUBLIC_KEY, access_token, bearer


def build_app(database_url: str, *, run_relay: bool = True) -> FastAPI:
    """The real app, with its settings overridden and the in-memory broker: no patching.

    The broker adapter has tests of its own against a real server (`tests/integration/
    messaging/`); here every message stays in the process, in the one `InMemoryBroker`
    that plays every messaging port.
    """
    return create_app(container_on(InMemoryBroker(), database_url, run_relay=run_relay))


def build_worker(database_url: str, broker: InMemoryBroker) -> FastAPI:
    """The real worker, its messages going to `broker`."""
    return create_worker(container_on(broker, database_url, run_relay=False))


def container_on(broker: InMemoryBroker, database_url: str, *, run_relay: bool) -> Container:
    """The service's container at `database_url`, with `broker` playing every messaging port."""
    container = Container()
    settings = Settings(
        database_url=database_url, run_relay=run_relay, jwt_public_key=GATEWAY_PUBLIC_KEY
    )
    container.settings.override(providers.Object(settings))
    for port in (container.message_publisher, container.dead_letters):
        port.override(providers.Object(broker))
    container.broker_health_check.override(providers.Object(broker))
    container.broker_connection.override(
        providers.Singleton(InMemoryConnection, broker, container.receivers)
    )
    return container


async def serve(app: FastAPI) -> AsyncIterator[AsyncClient]:
    """A client of `app`, its lifespan begun, sending a token that grants every scope."""
    # The lifespan runs as under uvicorn; errors reach the client as responses.
    transport = ASGITransport(app=app, raise_app_exceptions=False)
    async with (
        app.router.lifespan_context(app),
        AsyncClient(
            transport=transport, base_url="http://service.test", headers=bearer(access_token())
        ) as client,
    ):
        yield client


@pytest.fixture
def app(migrated_database_url: str) -> FastAPI:
    return build_app(migrated_database_url)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[AsyncClient]:
    async for client in serve(app):
        yield client


def run_python(
    arguments: list[str], cwd: Path, environment: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """This Python, run with `arguments` in `cwd`; what it printed, and how it ended."""
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
